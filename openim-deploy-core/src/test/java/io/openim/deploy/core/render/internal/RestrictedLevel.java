/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Manifest;
import io.openim.deploy.core.render.ImageFacts;
import io.openim.deploy.core.render.VersionCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of Pod Security Standards {@code restricted} (Kubernetes "Pod Security Standards",
 * policy version latest: every baseline control plus volume types, privilege escalation, running
 * as non-root, non-root user, seccomp and capabilities), applied to a manifest's pod template, and
 * two of openim-deploy's own: a read-only root filesystem, and the user the catalog records for each
 * image ({@code imageFacts} {@code runAsUser}). Each problem names the object, the container and the field.
 */
public final class RestrictedLevel {
  /** Volume types the restricted level allows. */
  private static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
      "ephemeral", "persistentVolumeClaim", "projected", "secret");

  private RestrictedLevel() {}

  /** Every problem with {@code manifest}'s pod template; empty when it has none or no problem. */
  public static List<String> problems(Manifest manifest) {
    List<String> problems = new ArrayList<>();
    Optional<Map<String, Object>> found = podSpec(manifest.body());
    if (found.isEmpty()) {
      return problems;
    }
    Map<String, Object> pod = found.get();
    String where = manifest.kind() + "/" + manifest.name();
    for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (Boolean.TRUE.equals(pod.get(host))) {
        problems.add(where + ": " + host + " is true");
      }
    }
    for (Map<String, Object> volume : maps(pod.get("volumes"))) {
      if (volume.keySet().stream().filter(k -> !k.equals("name")).noneMatch(VOLUME_TYPES::contains)) {
        problems.add(where + ": volume " + volume.get("name") + " is of a type restricted forbids: " + volume.keySet());
      }
    }
    Map<String, Object> podContext = map(pod.get("securityContext"));
    if (podContext.get("sysctls") != null) {
      problems.add(where + ": pod sets sysctls");
    }
    for (String list : List.of("initContainers", "containers")) {
      for (Map<String, Object> c : maps(pod.get(list))) {
        container(where + " " + list + "/" + c.get("name"), c, podContext, problems);
      }
    }
    return problems;
  }

  private static void container(String where, Map<String, Object> c, Map<String, Object> pod, List<String> problems) {
    Map<String, Object> sc = map(c.get("securityContext"));
    if (Boolean.TRUE.equals(sc.get("privileged"))) {
      problems.add(where + ": privileged");
    }
    if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
      problems.add(where + ": securityContext.allowPrivilegeEscalation is not false");
    }
    Map<String, Object> capabilities = map(sc.get("capabilities"));
    if (!strings(capabilities.get("drop")).contains("ALL")) {
      problems.add(where + ": securityContext.capabilities.drop does not list ALL");
    }
    if (strings(capabilities.get("add")).stream().anyMatch(cap -> !cap.equals("NET_BIND_SERVICE"))) {
      problems.add(where + ": securityContext.capabilities.add " + capabilities.get("add"));
    }
    Object nonRoot = sc.containsKey("runAsNonRoot") ? sc.get("runAsNonRoot") : pod.get("runAsNonRoot");
    if (!Boolean.TRUE.equals(nonRoot)) {
      problems.add(where + ": runAsNonRoot is not true (container or pod)");
    }
    Object user = sc.containsKey("runAsUser") ? sc.get("runAsUser") : pod.get("runAsUser");
    if (user instanceof Number n && n.longValue() == 0) {
      problems.add(where + ": runAsUser is 0");
    }
    Map<String, Object> seccomp = map(sc.containsKey("seccompProfile") ? sc.get("seccompProfile") : pod.get("seccompProfile"));
    if (!Set.of("RuntimeDefault", "Localhost").contains(String.valueOf(seccomp.get("type")))) {
      problems.add(where + ": seccompProfile.type is not RuntimeDefault (container or pod)");
    }
    for (Map<String, Object> port : maps(c.get("ports"))) {
      if (port.get("hostPort") instanceof Number n && n.intValue() != 0) {
        problems.add(where + ": hostPort " + n);
      }
    }
    if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
      problems.add(where + ": securityContext.readOnlyRootFilesystem is not true");
    }
    String image = String.valueOf(c.get("image"));
    Optional<ImageFacts> facts = VersionCatalog.builtIn().imageFacts(image);
    if (facts.isEmpty()) {
      problems.add(where + ": versions.yaml imageFacts has no user for " + image);
    } else if (!(user instanceof Number n) || n.intValue() != facts.get().runAsUser()) {
      problems.add(where + ": runs as " + user + ", not as " + facts.get().runAsUser() + ", the user versions.yaml"
          + " records for " + image);
    }
  }

  /** The pod spec of a workload, a Job or a CronJob's Job, or of a Pod. */
  @SuppressWarnings("unchecked")
  static Optional<Map<String, Object>> podSpec(Map<String, Object> body) {
    if ("Pod".equals(body.get("kind")) && body.get("spec") instanceof Map<?, ?> pod) {
      return Optional.of((Map<String, Object>) pod);
    }
    if (!(body.get("spec") instanceof Map<?, ?> spec)) {
      return Optional.empty();
    }
    if (spec.get("jobTemplate") instanceof Map<?, ?> job) {
      return podSpec((Map<String, Object>) job);
    }
    if (spec.get("template") instanceof Map<?, ?> template && template.get("spec") instanceof Map<?, ?> pod) {
      return Optional.of((Map<String, Object>) pod);
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object value) {
    return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }
}
