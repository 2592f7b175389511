/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.options.ListOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why a workload is not ready, in Kubernetes' own words: pods that cannot be scheduled, containers
 * stuck waiting (ImagePullBackOff, CrashLoopBackOff, ...), or that keep restarting; for a pod
 * without any of those that is still not ready, where it stands (not yet bound to a node, no
 * status from its node, or running but not ready and why).
 */
final class Diagnosis {
  private final ClusterConnection connection;

  Diagnosis(ClusterConnection connection) {
    this.connection = connection;
  }

  /** Reasons found on the workload's pods, or an empty string. */
  String explain(ObjectRef ref, JsonObject object) {
    String selector = selector(ref, object);
    if (selector.isEmpty() || ref.namespace() == null) {
      return "";
    }
    ListOptions options = new ListOptions();
    options.setLabelSelector(selector);
    ResourceType pods = new ResourceType("v1", "Pod");
    KubernetesApiResponse<DynamicKubernetesListObject> response = connection.request(
        "list the pods of " + ref.id(), () -> connection.api(pods).list(ref.namespace(), options));
    if (!response.isSuccess() || response.getObject() == null) {
      return "";
    }
    Set<String> reasons = new LinkedHashSet<>();
    response.getObject().getItems().forEach(pod -> reasons.addAll(reasons(pod.getRaw())));
    List<String> top = new ArrayList<>(reasons);
    return top.stream().limit(3).collect(Collectors.joining("; "));
  }

  static List<String> reasons(JsonObject pod) {
    String name = Readiness.text(Readiness.obj(pod, "metadata"), "name");
    JsonObject status = Readiness.obj(pod, "status");
    List<String> out = new ArrayList<>();
    JsonObject scheduled = Readiness.condition(status, "PodScheduled");
    if (scheduled != null && "False".equals(Readiness.text(scheduled, "status"))) {
      out.add("pod " + name + " is " + Readiness.text(scheduled, "reason") + ": " + Readiness.text(scheduled, "message"));
    }
    for (String key : List.of("initContainerStatuses", "containerStatuses")) {
      JsonElement statuses = status.get(key);
      if (statuses == null || !statuses.isJsonArray()) {
        continue;
      }
      for (JsonElement element : (JsonArray) statuses) {
        JsonObject container = element.getAsJsonObject();
        JsonObject waiting = Readiness.obj(Readiness.obj(container, "state"), "waiting");
        String reason = Readiness.text(waiting, "reason");
        if (!reason.isEmpty() && !reason.equals("ContainerCreating") && !reason.equals("PodInitializing")) {
          out.add("pod " + name + " container " + Readiness.text(container, "name") + " is " + reason
              + (Readiness.text(waiting, "message").isEmpty() ? "" : ": " + Readiness.text(waiting, "message")));
        }
        JsonObject terminated = Readiness.obj(Readiness.obj(container, "state"), "terminated");
        long exit = Readiness.num(terminated, "exitCode", 0);
        if (exit != 0) {
          out.add("pod " + name + " container " + Readiness.text(container, "name") + " terminated with exit code "
              + exit + " (" + Readiness.text(terminated, "reason")
              + (Readiness.text(terminated, "message").isEmpty() ? "" : ": " + Readiness.text(terminated, "message")) + ")");
        }
        long restarts = Readiness.num(container, "restartCount", 0);
        if (restarts >= 3 && reason.isEmpty()) {
          out.add("pod " + name + " container " + Readiness.text(container, "name") + " restarted " + restarts + " times");
        }
      }
    }
    if (out.isEmpty()) {
      standing(name, pod, status).ifPresent(out::add);
    }
    return out;
  }

  /** Where a pod that is not ready stands, when nothing above explains it; empty if it is ready. */
  private static Optional<String> standing(String name, JsonObject pod, JsonObject status) {
    JsonObject ready = Readiness.condition(status, "Ready");
    if (ready != null && "True".equals(Readiness.text(ready, "status"))) {
      return Optional.empty();
    }
    if (!Readiness.text(Readiness.obj(pod, "metadata"), "deletionTimestamp").isEmpty()) {
      return Optional.of("pod " + name + " is terminating");
    }
    String node = Readiness.text(Readiness.obj(pod, "spec"), "nodeName");
    if (node.isEmpty()) {
      return Optional.of("pod " + name + " is not bound to a node yet (is a scheduler running?)");
    }
    String phase = Readiness.text(status, "phase");
    if (ready == null) {
      return Optional.of("pod " + name + " is " + (phase.isEmpty() ? "Pending" : phase) + " on node " + node
          + ", which has not reported it ready");
    }
    String why = Readiness.text(ready, "reason");
    String message = Readiness.text(ready, "message");
    return Optional.of("pod " + name + " is " + phase + " on node " + node + " but not ready"
        + (why.isEmpty() ? "" : " (" + why + (message.isEmpty() ? "" : ": " + message) + ")"));
  }

  private static String selector(ObjectRef ref, JsonObject object) {
    if (ref.kind().equals("Job")) {
      return "batch.kubernetes.io/job-name=" + ref.name();
    }
    JsonObject matchLabels = Readiness.obj(Readiness.obj(Readiness.obj(object, "spec"), "selector"), "matchLabels");
    return matchLabels.entrySet().stream()
        .map((Map.Entry<String, JsonElement> e) -> e.getKey() + "=" + e.getValue().getAsString())
        .collect(Collectors.joining(","));
  }
}
