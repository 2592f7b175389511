/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.core.engine.Applier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs one-off pods on a real node and returns what they printed: a shell script in a given image,
 * or steps of a rendered Job's pod as rendered. Each pod must end Succeeded; a failed pod fails the
 * test with its logs.
 */
final class PodRuns {
  /** A busybox image built here from Debian's static busybox. */
  static final String BUSYBOX = "openim-deploy.test/busybox:1";

  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

  private final CoreV1Api core;
  private final String namespace;
  private final Applier applier;

  PodRuns(ApiClient admin, String namespace, Applier applier) {
    this.core = new CoreV1Api(admin);
    this.namespace = namespace;
    this.applier = applier;
  }

  /**
   * A shell prefix (for an image with bash) that waits, at most 90 s each, until every {@code
   * host/port} accepts a TCP connection through its Service: a workload is Ready before
   * kube-proxy has written its new endpoints, and until then the Service refuses connections.
   */
  static String reachable(String... targets) {
    return "for target in " + String.join(" ", targets) + "; do\n"
        + "  timeout 90 bash -c \"until echo > /dev/tcp/$target; do sleep 0.5; done\" 2>/dev/null"
        + " || { echo \"$target is not reachable\"; exit 1; }\n"
        + "done\n";
  }

  /** An environment variable from the release's credentials Secret. */
  static Map<String, Object> secret(String name, String key) {
    return Map.of("name", name, "valueFrom", Map.of("secretKeyRef", Map.of("name", "im-credentials", "key", key)));
  }

  /** Runs {@code script} with sh in {@code image} and returns its output. */
  String run(String name, String image, String script, List<Map<String, Object>> env) throws Exception {
    return run(name, Map.of(), image, script, env);
  }

  /** Like {@link #run(String, String, String, List)}, for a pod that carries {@code labels}. */
  String run(String name, Map<String, Object> labels, String image, String script, List<Map<String, Object>> env)
      throws Exception {
    return runPod(name, labels, shellPod(image, script, env));
  }

  /**
   * Starts {@code script} with sh in {@code image} as a pod with {@code labels} that keeps running
   * (a server), and returns its IP once it runs.
   */
  String serve(String name, Map<String, Object> labels, String image, String script) throws Exception {
    applier.apply(pod(name, labels, shellPod(image, script, List.of())), Map.of());
    String[] ip = {null};
    await(RUN_TIMEOUT, "pod " + name + " to run", () -> {
      V1Pod pod = core.readNamespacedPod(name, namespace).execute();
      ip[0] = pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase()) ? null : pod.getStatus().getPodIP();
      return ip[0] != null;
    });
    return ip[0];
  }

  private static Map<String, Object> shellPod(String image, String script, List<Map<String, Object>> env) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "run");
    container.put("image", image);
    container.put("command", List.of("sh", "-c", script));
    container.put("env", env);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("restartPolicy", "Never");
    spec.put("containers", List.of(container));
    return spec;
  }

  /**
   * Runs the init containers named {@code steps} of {@code job}'s pod, exactly as rendered, after a
   * busybox step running {@code before} and before a busybox container running {@code after}, both
   * with the first step's environment and mounts; returns every container's output.
   */
  @SuppressWarnings("unchecked")
  String runJobSteps(String name, Manifest job, List<String> steps, String before, String after) throws Exception {
    Map<String, Object> template =
        (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) job.body().get("spec")).get("template")).get("spec");
    List<Map<String, Object>> rendered = new ArrayList<>((List<Map<String, Object>>) template.get("initContainers"));
    rendered.addAll((List<Map<String, Object>>) template.get("containers"));
    List<Map<String, Object>> kept = new ArrayList<>();
    for (String step : steps) {
      kept.add(rendered.stream().filter(c -> step.equals(c.get("name"))).findFirst()
          .orElseThrow(() -> new AssertionError("the Job has no step " + step + ": " + rendered)));
    }
    Map<String, Object> first = kept.get(0);
    List<Object> inits = new ArrayList<>();
    inits.add(busyboxStep("before", before, first));
    inits.addAll(kept);
    Map<String, Object> spec = new LinkedHashMap<>(template);
    spec.put("restartPolicy", "Never");
    spec.put("initContainers", inits);
    spec.put("containers", List.of(busyboxStep("after", after, first)));
    return runPod(name, spec);
  }

  /** Runs the pod of {@code job} exactly as rendered, once, as a bare pod; returns its output. */
  @SuppressWarnings("unchecked")
  String runJobPod(String name, Manifest job) throws Exception {
    Map<String, Object> template =
        (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) job.body().get("spec")).get("template")).get("spec");
    Map<String, Object> spec = new LinkedHashMap<>(template);
    spec.put("restartPolicy", "Never");
    return runPod(name, spec);
  }

  /** The log of {@code pod}'s first container. */
  String log(String pod) throws Exception {
    return core.readNamespacedPodLog(pod, namespace).execute();
  }

  /**
   * Runs {@code script} with sh in a pod made like {@code workload}'s as rendered (pod and container
   * securityContext, init containers, emptyDirs and their mounts; its claim's volume left out), in
   * its first container's image, and returns the output.
   */
  @SuppressWarnings("unchecked")
  String runLike(String name, Manifest workload, String script) throws Exception {
    Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        workload.body().get("spec")).get("template")).get("spec");
    Map<String, Object> spec = new LinkedHashMap<>(template);
    Map<String, Object> first = new LinkedHashMap<>(((List<Map<String, Object>>) template.get("containers")).get(0));
    List<Object> volumes = (List<Object>) template.getOrDefault("volumes", List.of());
    Set<Object> names = new HashSet<>();
    volumes.forEach(v -> names.add(((Map<String, Object>) v).get("name")));
    first.put("volumeMounts", ((List<Map<String, Object>>) first.getOrDefault("volumeMounts", List.of())).stream()
        .filter(m -> names.contains(m.get("name"))).toList());
    first.put("command", List.of("sh", "-c", script));
    first.remove("args");
    first.remove("readinessProbe");
    first.remove("livenessProbe");
    first.remove("ports");
    spec.put("restartPolicy", "Never");
    spec.put("containers", List.of(first));
    return runPod(name, spec);
  }

  /** Deletes {@code pod} and waits until its controller has made a new one that is Ready. */
  void restart(String pod, Duration timeout) throws Exception {
    String uid = core.readNamespacedPod(pod, namespace).execute().getMetadata().getUid();
    core.deleteNamespacedPod(pod, namespace).execute();
    await(timeout, "a new, Ready " + pod, () -> {
      try {
        V1Pod now = core.readNamespacedPod(pod, namespace).execute();
        boolean ready = now.getStatus() != null && now.getStatus().getConditions() != null
            && now.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
        return !Objects.equals(uid, now.getMetadata().getUid()) && ready;
      } catch (ApiException e) {
        return false;
      }
    });
  }

  /**
   * Waits until a container of {@code pod} waits with {@code reason} (CrashLoopBackOff,
   * ImagePullBackOff): kubelet alternates such a state with a new attempt, so a check of what a
   * waiter reports is made while the back-off lasts.
   */
  void awaitWaiting(String pod, String reason, Duration timeout) throws Exception {
    await(timeout, pod + " waiting with " + reason, () -> {
      try {
        V1Pod now = core.readNamespacedPod(pod, namespace).execute();
        return now.getStatus() != null && now.getStatus().getContainerStatuses() != null
            && now.getStatus().getContainerStatuses().stream().anyMatch(c -> c.getState() != null
                && c.getState().getWaiting() != null && reason.equals(c.getState().getWaiting().getReason()));
      } catch (ApiException e) {
        return false;
      }
    });
  }

  private static Map<String, Object> busyboxStep(String name, String script, Map<String, Object> like) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("name", name);
    step.put("image", BUSYBOX);
    step.put("command", List.of("sh", "-c", "set -eu\n" + script));
    step.put("env", like.getOrDefault("env", List.of()));
    step.put("volumeMounts", like.getOrDefault("volumeMounts", List.of()));
    return step;
  }

  private String runPod(String name, Map<String, Object> spec) throws Exception {
    return runPod(name, Map.of(), spec);
  }

  private String runPod(String name, Map<String, Object> labels, Map<String, Object> spec) throws Exception {
    applier.apply(pod(name, labels, spec), Map.of());
    String[] phase = {""};
    await(RUN_TIMEOUT, "pod " + name + " to finish", () -> {
      V1Pod pod = core.readNamespacedPod(name, namespace).execute();
      phase[0] = pod.getStatus() == null ? "" : Objects.toString(pod.getStatus().getPhase(), "");
      return phase[0].equals("Succeeded") || phase[0].equals("Failed");
    });
    V1Pod pod = core.readNamespacedPod(name, namespace).execute();
    StringBuilder logs = new StringBuilder();
    List<String> containers = new ArrayList<>();
    if (pod.getSpec().getInitContainers() != null) {
      pod.getSpec().getInitContainers().forEach(c -> containers.add(c.getName()));
    }
    pod.getSpec().getContainers().forEach(c -> containers.add(c.getName()));
    for (String container : containers) {
      try {
        logs.append(core.readNamespacedPodLog(name, namespace).container(container).execute());
      } catch (ApiException e) {
        logs.append("[no log of ").append(container).append(": HTTP ").append(e.getCode()).append("]\n");
      }
    }
    if (!phase[0].equals("Succeeded")) {
      throw new AssertionError("pod " + name + " ended " + phase[0] + "; status " + pod.getStatus() + "\nlogs:\n" + logs);
    }
    return logs.toString();
  }

  private Manifest pod(String name, Map<String, Object> labels, Map<String, Object> spec) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("apiVersion", "v1");
    body.put("kind", "Pod");
    body.put("metadata", Map.of("name", name, "namespace", namespace, "labels", labels));
    body.put("spec", spec);
    return new Manifest(Phase.DEPENDENCIES, "v1", "Pod", namespace, name, body);
  }

  interface Check {
    boolean done() throws Exception;
  }

  private static void await(Duration timeout, String what, Check check) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (!check.done()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(250); // polls the condition above, bounded by the deadline
    }
  }
}
