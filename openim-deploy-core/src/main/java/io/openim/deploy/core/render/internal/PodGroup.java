/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pods of the release one NetworkPolicy selects, with the connections they take and make, one
 * rule per TCP port: the peers on it, or any source or destination.
 */
final class PodGroup {
  final String name;
  final Map<String, Object> selector;
  private final Map<Integer, Rule> ingress = new LinkedHashMap<>();
  private final Map<Integer, Rule> egress = new LinkedHashMap<>();

  PodGroup(String name, Map<String, Object> selector) {
    this.name = name;
    this.selector = selector;
  }

  /** The rule for connections to these pods on {@code port}. */
  Rule ingress(int port) {
    return ingress.computeIfAbsent(port, Rule::new);
  }

  /** The rule for connections from these pods to {@code port}. */
  Rule egress(int port) {
    return egress.computeIfAbsent(port, Rule::new);
  }

  /** The policy's spec, or empty when the group takes and makes no connection. */
  Optional<Map<String, Object>> spec() {
    if (ingress.isEmpty() && egress.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Tree.map(
        "podSelector", selector,
        "policyTypes", Tree.list(ingress.isEmpty() ? null : "Ingress", egress.isEmpty() ? null : "Egress"),
        "ingress", rules(ingress, "from"),
        "egress", rules(egress, "to")));
  }

  private static List<Object> rules(Map<Integer, Rule> rules, String peers) {
    List<Object> out = new ArrayList<>();
    for (Rule rule : rules.values()) {
      out.add(Tree.map(peers, rule.anywhere ? null : rule.peers,
          "ports", Tree.list(NetworkPolicies.port("TCP", rule.port))));
    }
    return out;
  }

  /** The peers allowed on one port. */
  static final class Rule {
    private final int port;
    private final List<Object> peers = new ArrayList<>();
    private boolean anywhere;

    private Rule(int port) {
      this.port = port;
    }

    /** Allows {@code peer} (a NetworkPolicyPeer) as the source. */
    void from(Map<String, Object> peer) {
      if (!peers.contains(peer)) {
        peers.add(peer);
      }
    }

    /** Allows {@code peer} (a NetworkPolicyPeer) as the destination. */
    void to(Map<String, Object> peer) {
      from(peer);
    }

    /** Allows every source: the rule names no peer. */
    void fromAnywhere() {
      anywhere = true;
    }

    /** Allows every destination: the rule names no peer. */
    void toAnywhere() {
      anywhere = true;
    }
  }
}
