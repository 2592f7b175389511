/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Placement;
import io.openim.deploy.Resources;
import io.openim.deploy.Toleration;
import io.openim.deploy.core.render.ImageFacts;
import io.openim.deploy.core.render.VersionCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pod-spec fragments shared by OpenIM workloads and dependencies. */
public final class PodParts {
  private PodParts() {}

  static Map<String, Object> resources(Resources r) {
    return Tree.map(
        "requests", Tree.map("cpu", r.cpuRequest(), "memory", r.memoryRequest()),
        "limits", Tree.map("cpu", r.cpuLimit(), "memory", r.memoryLimit()));
  }

  static List<Object> tolerations(Placement placement) {
    List<Object> out = new ArrayList<>();
    for (Toleration t : placement.tolerations()) {
      out.add(Tree.map("key", t.key(), "operator", t.operator(), "value", t.value(), "effect", t.effect()));
    }
    return out;
  }

  static List<Object> pullSecrets(RenderContext ctx) {
    List<Object> out = new ArrayList<>();
    for (String name : ctx.spec().images().pullSecrets()) {
      out.add(Tree.map("name", name));
    }
    return out;
  }

  /**
   * The pod of a Job: {@code restartPolicy}, no service-account token, no service links, the
   * spec's pull secrets, the {@link #podSecurity} of {@code runAs} with its group owning the volumes,
   * then {@code rest} (alternating keys and values, as {@link Tree#map}).
   */
  public static Map<String, Object> jobPod(RenderContext ctx, String restartPolicy, ImageFacts runAs, Object... rest) {
    Map<String, Object> pod = Tree.map(
        "restartPolicy", restartPolicy,
        "automountServiceAccountToken", false,
        "enableServiceLinks", false,
        "securityContext", podSecurity(runAs, true),
        "imagePullSecrets", pullSecrets(ctx));
    pod.putAll(Tree.map(rest));
    return pod;
  }

  /**
   * What versions.yaml records of {@code image}, a reference as the catalog writes it (before any
   * registry mirror). An image a spec names instead of the line's (an imported setup's) is taken
   * to be the same software, run as the same user.
   */
  public static ImageFacts facts(String image) {
    return VersionCatalog.builtIn().imageFacts(image).orElseThrow(() -> new IllegalStateException(
        "versions.yaml records no imageFacts for " + image + ": add its entrypoint and user there"));
  }

  /**
   * The pod-level half of Pod Security "restricted": not root, as the user versions.yaml records for
   * the image ({@code runAsUser}, {@code runAsGroup}), the runtime's default seccomp profile, and,
   * with {@code ownsVolumes}, that group owning the pod's volumes ({@code fsGroup}) so the user can
   * write a claim made by another (an older release's, whose server ran as root), changed only when
   * the volume's root is not that group's yet, so a large volume is not walked at every start.
   */
  public static Map<String, Object> podSecurity(ImageFacts runAs, boolean ownsVolumes) {
    return Tree.map(
        "runAsNonRoot", true,
        "runAsUser", runAs.runAsUser(),
        "runAsGroup", runAs.runAsGroup(),
        "fsGroup", ownsVolumes ? runAs.runAsGroup() : null,
        "fsGroupChangePolicy", ownsVolumes ? "OnRootMismatch" : null,
        "seccompProfile", Tree.map("type", "RuntimeDefault"));
  }

  /**
   * The container half of Pod Security "restricted", which every container of every pod carries:
   * no privilege escalation, no capability, and a read-only root filesystem (what a process writes
   * goes to an {@link #emptyDir} or a volume mounted where it writes).
   */
  public static Map<String, Object> containerSecurity() {
    return Tree.map(
        "allowPrivilegeEscalation", false,
        "readOnlyRootFilesystem", true,
        "capabilities", Tree.map("drop", Tree.list("ALL")));
  }

  /** An emptyDir volume; built by hand because {@link Tree#map} leaves empty maps out. */
  public static Map<String, Object> emptyDir(String name) {
    Map<String, Object> volume = new LinkedHashMap<>();
    volume.put("name", name);
    volume.put("emptyDir", new LinkedHashMap<String, Object>());
    return volume;
  }

  static Map<String, Object> tcpProbe(String port, int initialDelay, int period) {
    return Tree.map("tcpSocket", Tree.map("port", port), "initialDelaySeconds", initialDelay,
        "periodSeconds", period, "timeoutSeconds", 3, "failureThreshold", 3);
  }

  public static Map<String, Object> secretEnv(String name, String secret, String key) {
    return Tree.map("name", name, "valueFrom",
        Tree.map("secretKeyRef", Tree.map("name", secret, "key", key)));
  }

  static Map<String, Object> spreadAcrossNodes(Map<String, Object> selector) {
    return Tree.map("maxSkew", 1, "topologyKey", "kubernetes.io/hostname",
        "whenUnsatisfiable", "ScheduleAnyway", "labelSelector", Tree.map("matchLabels", selector));
  }
}
