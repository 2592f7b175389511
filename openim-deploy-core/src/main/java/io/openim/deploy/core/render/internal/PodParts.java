/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Placement;
import io.openim.deploy.Resources;
import io.openim.deploy.Toleration;
import java.util.ArrayList;
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
   * spec's pull secrets, then {@code rest} (alternating keys and values, as {@link Tree#map}).
   */
  public static Map<String, Object> jobPod(RenderContext ctx, String restartPolicy, Object... rest) {
    Map<String, Object> pod = Tree.map(
        "restartPolicy", restartPolicy,
        "automountServiceAccountToken", false,
        "enableServiceLinks", false,
        "imagePullSecrets", pullSecrets(ctx));
    pod.putAll(Tree.map(rest));
    return pod;
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
