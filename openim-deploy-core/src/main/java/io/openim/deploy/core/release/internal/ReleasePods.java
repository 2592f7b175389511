/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.release.internal;

import java.util.Objects;
import io.openim.deploy.core.render.internal.ChatAdminJob;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.KubeObject;
import io.openim.deploy.core.engine.KubeResponse;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.ResourceType;
import io.openim.deploy.core.engine.Selector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The pods of a release as backup and restore see them: OpenIM's stopping, a Job's report. */
public final class ReleasePods {
  private static final String OPENIM_PODS = "app.kubernetes.io/part-of in (openim-server,openim-chat)";

  private final ClusterConnection connection;

  public ReleasePods(ClusterConnection connection) {
    this.connection = connection;
  }

  /** The plan with every OpenIM Deployment at zero replicas and no autoscalers. */
  public static DeploymentPlan scaledDown(DeploymentPlan plan) {
    List<Manifest> manifests = new ArrayList<>();
    for (Manifest manifest : plan.manifests()) {
      // a Job that talks to OpenIM (chat's admin password) would wait in vain for pods at zero;
      // it comes back, and runs again, with the plan that scales OpenIM up
      if (manifest.kind().equals("HorizontalPodAutoscaler") || ChatAdminJob.is(manifest)) {
        continue;
      }
      if (manifest.kind().equals("Deployment") && isOpenIm(manifest)) {
        Map<String, Object> body = copy(manifest.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) Objects.requireNonNull(body.get("spec"), "a Deployment has a spec");
        spec.put("replicas", 0);
        manifest = new Manifest(manifest.phase(), manifest.apiVersion(), manifest.kind(), manifest.namespace(),
            manifest.name(), body);
      }
      manifests.add(manifest);
    }
    return new DeploymentPlan(plan.spec(), manifests, plan.warnings(), plan.provider());
  }

  private static boolean isOpenIm(Manifest manifest) {
    Object metadata = manifest.body().get("metadata");
    Object labels = metadata instanceof Map<?, ?> m ? m.get("labels") : null;
    Object partOf = labels instanceof Map<?, ?> l ? l.get("app.kubernetes.io/part-of") : null;
    return "openim-server".equals(partOf) || "openim-chat".equals(partOf);
  }

  private static Map<String, Object> copy(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((key, value) -> out.put((String) key, value instanceof Map<?, ?> m ? copy(m) : value));
    return out;
  }

  /** Whether {@code job} still has pods running, as far as its status says. */
  public boolean active(Manifest job) {
    return count(ObjectRef.of(job), "active") > 0;
  }

  /** Whether the Job {@code job} exists and a pod of it succeeded. */
  public boolean succeeded(ObjectRef job) {
    return count(job, "succeeded") > 0;
  }

  private int count(ObjectRef job, String field) {
    return connection.get(job).body().map(live -> (int) live.integer("status", field).orElse(0)).orElse(0);
  }

  /** Waits until no OpenIM pod of the release is left, reporting how many still stop. */
  public void awaitNoOpenIm(DeploymentSpec spec, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Selector openIm = Selector.ofLabels("app.kubernetes.io/instance=" + spec.release() + "," + OPENIM_PODS);
    ResourceType pods = new ResourceType("v1", "Pod");
    while (true) {
      KubeResponse<List<KubeObject>> response = connection.list("list the OpenIM pods of " + ReleaseRef.of(spec),
          pods, spec.namespace(), openIm);
      int left = response.body().map(List::size).orElse(-1);
      if (left == 0) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new DeploymentException("OpenIM's pods of " + ReleaseRef.of(spec) + " did not stop within "
            + timeout.toSeconds() + " s (" + left + " left); nothing was restored");
      }
      connection.emit(new DeploymentEvent.Waiting(Instant.now(), "Pod/" + spec.namespace() + "/*",
          left + " OpenIM pod(s) still stopping"));
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeploymentException("interrupted while OpenIM's pods stopped", e);
      }
    }
  }

  /** The termination message a Job's {@code container} left, or null when the node passed none on. */
  public @Nullable String terminationMessage(String namespace, String job, String container) {
    KubeResponse<List<KubeObject>> response = connection.list("list the pods of Job " + job,
        new ResourceType("v1", "Pod"), namespace, Selector.ofLabels("job-name=" + job));
    for (KubeObject pod : response.body().orElse(List.of())) {
      for (KubeObject containerStatus : pod.objects("status", "containerStatuses")) {
        Optional<String> message = containerStatus.string("state", "terminated", "message");
        if (container.equals(containerStatus.string("name").orElse(null)) && message.isPresent()) {
          return message.get().strip();
        }
      }
    }
    return null;
  }

}
