/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import io.openim.deploy.DependencyKind;
import io.openim.deploy.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The plan's NetworkPolicies fitted to a template. A policy goes with the workloads whose pods it
 * selects: one that selects only chat's pods is kept only while the chat input is true, one that
 * selects only a store a managed service replaces is left out, and one that selects no pod of the
 * plan (the release-wide default deny and DNS rule, the backup and restore Jobs') stays. A rule
 * that lets OpenIM reach a replaced store's pods lets it reach the managed service instead, which
 * runs with labels of its own (KubeBlocks) or outside the namespace (object storage): MongoDB and
 * Redis by their port at any address, the bucket on 80 and 443 at any address, since its Secret's
 * {@code internal} and {@code external} addresses carry no port (docs/sealos.md) and so are HTTP's
 * and HTTPS's defaults (an inference, not checked against a running Sealos Cloud).
 */
final class TemplatePolicies {
  /** Where a policy goes. */
  enum Fate {
    /** Into the template. */
    KEEP,
    /** Into the template, only while the chat input is true. */
    CHAT,
    /** Nowhere: everything it selects is left out. */
    DROP
  }

  private record Pods(Map<String, Object> labels, boolean chat, boolean dropped) {}

  private final List<Pods> pods = new ArrayList<>();

  /**
   * @param manifests the plan
   * @param chat whether a workload belongs to chat
   * @param dropped whether a workload is left out of the template
   */
  TemplatePolicies(List<Manifest> manifests, Predicate<Manifest> chat, Predicate<Manifest> dropped) {
    for (Manifest m : manifests) {
      Map<String, Object> labels = Trees.podSpec(m.body()) == null ? null : Trees.at(m.body(), "spec", "template",
          "metadata", "labels");
      if (labels != null) {
        pods.add(new Pods(labels, chat.test(m), dropped.test(m)));
      }
    }
  }

  /** Where {@code policy} goes. */
  Fate fate(Manifest policy) {
    Map<String, Object> selector = Trees.at(policy.body(), "spec", "podSelector");
    List<Pods> selected = pods.stream().filter(p -> selector == null || selects(selector, p.labels())).toList();
    if (!selected.isEmpty() && selected.stream().allMatch(Pods::dropped)) {
      return Fate.DROP;
    }
    return !selected.isEmpty() && selected.stream().allMatch(p -> p.chat() || p.dropped()) ? Fate.CHAT : Fate.KEEP;
  }

  /** Turns the egress rules of {@code policy} to a store in {@code managed} into rules to its managed service. */
  static void widen(Map<String, Object> policy, Set<DependencyKind> managed) {
    Map<String, Object> spec = Trees.at(policy, "spec");
    List<Map<String, Object>> rules = Trees.maps(spec, "egress");
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> rule : rules) {
      List<Map<String, Object>> peers = Trees.maps(rule, "to");
      List<Map<String, Object>> kept = new ArrayList<>();
      boolean bucket = false;
      boolean store = false;
      for (Map<String, Object> peer : peers) {
        @Nullable DependencyKind kind = replaced(peer, managed);
        if (kind == null) {
          kept.add(peer);
        } else if (kind == DependencyKind.MINIO) {
          bucket = true;
        } else {
          store = true;
        }
      }
      if (!bucket && !store) {
        out.add(rule);
        continue;
      }
      if (!kept.isEmpty()) {
        Map<String, Object> rest = Trees.copy(rule);
        rest.put("to", kept);
        out.add(rest);
      }
      if (store) {
        out.add(Trees.map("ports", Trees.copy(rule.getOrDefault("ports", List.of()))));
      }
      if (bucket) {
        out.add(Trees.map("ports", List.of(Trees.map("protocol", "TCP", "port", 80),
            Trees.map("protocol", "TCP", "port", 443))));
      }
    }
    if (spec != null && !rules.isEmpty()) {
      spec.put("egress", out);
    }
  }

  private static @Nullable DependencyKind replaced(Map<String, Object> peer, Set<DependencyKind> managed) {
    Map<String, Object> labels = Trees.at(peer, "podSelector", "matchLabels");
    Object name = labels == null ? null : labels.get("app.kubernetes.io/name");
    return peer.containsKey("namespaceSelector") ? null
        : managed.stream().filter(k -> k.key().equals(name)).findFirst().orElse(null);
  }

  /** Whether a NetworkPolicy's label selector selects pods labelled {@code labels}. */
  static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
    Map<String, Object> matchLabels = Trees.at(selector, "matchLabels");
    if (matchLabels != null && matchLabels.entrySet().stream()
        .anyMatch(e -> !Objects.equals(String.valueOf(e.getValue()), String.valueOf(labels.get(e.getKey()))))) {
      return false;
    }
    for (Map<String, Object> expression : Trees.maps(selector, "matchExpressions")) {
      String key = String.valueOf(expression.get("key"));
      List<?> values = expression.get("values") instanceof List<?> list ? list : List.of();
      boolean has = labels.containsKey(key);
      boolean in = has && values.contains(String.valueOf(labels.get(key)));
      boolean holds = switch (String.valueOf(expression.get("operator"))) {
        case "In" -> in;
        case "NotIn" -> !in;
        case "Exists" -> has;
        case "DoesNotExist" -> !has;
        default -> true;
      };
      if (!holds) {
        return false;
      }
    }
    return true;
  }
}
