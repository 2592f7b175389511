/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.images.internal;

import io.openim.deploy.core.engine.KubeObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The cluster's Ready nodes with what decides whether a pod can be scheduled on them (labels,
 * taints, {@code spec.unschedulable}) and the platform each reports, so that only the platforms
 * of nodes a pod can land on are asked of its images.
 *
 * <p>The scheduler's filters that are followed: a {@code NoSchedule} or {@code NoExecute} taint
 * keeps out a pod that does not tolerate it, matched as k8s.io/api@v0.36.3 core/v1/toleration.go
 * {@code ToleratesTaint} does; a node with {@code spec.unschedulable} is kept out unless the pod
 * tolerates {@code node.kubernetes.io/unschedulable:NoSchedule} (kubernetes
 * pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go {@code Filter}); the
 * pod's {@code nodeSelector} must match the node's labels. Node affinity is not read: the plans
 * do not render it.
 */
public final class SchedulableNodes {
  /** One Ready node: its name, {@code os/architecture}, labels and scheduling taints. */
  public record Node(String name, String platform, Map<String, String> labels, List<Taint> taints) {
    /** Copies the parts. */
    public Node {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(platform, "platform");
      labels = Map.copyOf(labels);
      taints = List.copyOf(taints);
    }
  }

  /** A taint; the value is empty when the taint has none. */
  public record Taint(String key, String value, String effect) {}

  private static final Taint UNSCHEDULABLE = new Taint("node.kubernetes.io/unschedulable", "", "NoSchedule");

  private final List<Node> nodes;

  private SchedulableNodes(List<Node> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** The Ready nodes of {@code items} (Node objects as the API server returns them) that report a platform. */
  public static SchedulableNodes of(List<KubeObject> items) {
    List<Node> nodes = new ArrayList<>();
    for (KubeObject node : items) {
      Optional<String> os = node.string("status", "nodeInfo", "operatingSystem");
      Optional<String> architecture = node.string("status", "nodeInfo", "architecture");
      if (!ready(node) || os.isEmpty() || architecture.isEmpty()) {
        continue;
      }
      List<Taint> taints = new ArrayList<>();
      for (KubeObject taint : node.objects("spec", "taints")) {
        String effect = taint.string("effect").orElse("");
        if (effect.equals("NoSchedule") || effect.equals("NoExecute")) {
          taints.add(new Taint(taint.string("key").orElse(""), taint.string("value").orElse(""), effect));
        }
      }
      if (node.bool("spec", "unschedulable").orElse(false)) {
        taints.add(UNSCHEDULABLE);
      }
      nodes.add(new Node(node.name(), os.get() + "/" + architecture.get(), node.labels(), taints));
    }
    return new SchedulableNodes(nodes);
  }

  /** The Ready nodes, whether pods can use them or not. */
  public List<Node> nodes() {
    return nodes;
  }

  /** The platforms of every Ready node, whatever its taints. */
  public Set<String> allPlatforms() {
    Set<String> platforms = new LinkedHashSet<>();
    nodes.forEach(n -> platforms.add(n.platform()));
    return platforms;
  }

  /**
   * The platforms of the nodes a pod with {@code podSpec} (its {@code nodeSelector} and {@code
   * tolerations}) can be scheduled on; empty when it fits none.
   */
  public Set<String> platforms(Map<?, ?> podSpec) {
    Map<?, ?> selector = podSpec.get("nodeSelector") instanceof Map<?, ?> m ? m : Map.of();
    List<?> tolerations = podSpec.get("tolerations") instanceof List<?> l ? l : List.of();
    Set<String> platforms = new LinkedHashSet<>();
    for (Node node : nodes) {
      boolean selected = selector.entrySet().stream()
          .allMatch(e -> String.valueOf(e.getValue()).equals(node.labels().get(String.valueOf(e.getKey()))));
      boolean tolerated = node.taints().stream().allMatch(taint -> tolerations.stream()
          .anyMatch(t -> t instanceof Map<?, ?> toleration && tolerates(toleration, taint)));
      if (selected && tolerated) {
        platforms.add(node.platform());
      }
    }
    return platforms;
  }

  /** Whether {@code toleration} (a pod spec's map) tolerates {@code taint}. */
  static boolean tolerates(Map<?, ?> toleration, Taint taint) {
    String effect = string(toleration.get("effect"));
    String key = string(toleration.get("key"));
    String operator = string(toleration.get("operator"));
    if (!effect.isEmpty() && !effect.equals(taint.effect())) {
      return false;
    }
    if (!key.isEmpty() && !key.equals(taint.key())) {
      return false;
    }
    return switch (operator) {
      case "", "Equal" -> string(toleration.get("value")).equals(taint.value());
      case "Exists" -> true;
      default -> false;
    };
  }

  private static boolean ready(KubeObject node) {
    return node.objects("status", "conditions").stream()
        .filter(condition -> condition.string("type").orElse("").equals("Ready"))
        .findFirst()
        .map(condition -> condition.string("status").orElse("").equals("True"))
        .orElse(false);
  }

  private static String string(@Nullable Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
