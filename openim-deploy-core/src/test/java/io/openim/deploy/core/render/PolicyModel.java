/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import io.openim.deploy.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a set of NetworkPolicies allows, by the rules of the Kubernetes API (k8s.io/api@v0.36.3
 * networking/v1 types.go): a pod selected by a policy of a policy type is isolated for that
 * direction and takes only what some selecting policy's rule allows; a connection needs the
 * source's egress and the destination's ingress. Written from the API's documentation, not from
 * the renderer, so the test checks the renderer against the rules.
 */
final class PolicyModel {
  /**
   * A pod, or an address outside the cluster (namespace null).
   *
   * @param name how mismatches name it
   * @param namespace its namespace, or null for an address that is no pod
   * @param labels its labels
   * @param ip its address, when rules may name it by ipBlock
   */
  record Peer(String name, @Nullable String namespace, Map<String, String> labels, @Nullable String ip) {
    static Peer pod(String name, String namespace, Map<String, String> labels) {
      return new Peer(name, namespace, labels, null);
    }

    static Peer address(String name, @Nullable String ip) {
      return new Peer(name, null, Map.of(), ip);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private final String namespace;
  private final List<Map<?, ?>> specs = new ArrayList<>();

  /** The model of {@code policies}, all in {@code namespace}. */
  PolicyModel(String namespace, List<Manifest> policies) {
    this.namespace = namespace;
    for (Manifest policy : policies) {
      if (!namespace.equals(policy.namespace())) {
        throw new IllegalArgumentException(policy.id() + " is not in namespace " + namespace);
      }
      specs.add((Map<?, ?>) Objects.requireNonNull(policy.body().get("spec"), policy.id()));
    }
  }

  /** Whether {@code from} can open a connection to {@code to} on {@code protocol}/{@code port}. */
  boolean allows(Peer from, Peer to, String protocol, int port) {
    return side(from, to, "Egress", "egress", "to", protocol, port)
        && side(to, from, "Ingress", "ingress", "from", protocol, port);
  }

  private boolean side(Peer self, Peer other, String type, String rulesKey, String peersKey, String protocol, int port) {
    if (!namespace.equals(self.namespace())) {
      return true; // no policy of this namespace selects it
    }
    boolean isolated = false;
    for (Map<?, ?> spec : specs) {
      if (!matches((Map<?, ?>) spec.get("podSelector"), self.labels()) || !types(spec).contains(type)) {
        continue;
      }
      isolated = true;
      for (Object rule : list(spec.get(rulesKey))) {
        Map<?, ?> r = (Map<?, ?>) rule;
        if (peers(list(r.get(peersKey)), other) && ports(list(r.get("ports")), protocol, port)) {
          return true;
        }
      }
    }
    return !isolated;
  }

  /** policyTypes, defaulted as the API server does: Ingress, plus Egress when there are egress rules. */
  private static List<?> types(Map<?, ?> spec) {
    if (spec.get("policyTypes") instanceof List<?> types) {
      return types;
    }
    return spec.containsKey("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
  }

  private boolean peers(List<?> peers, Peer other) {
    if (peers.isEmpty()) {
      return true; // no from/to: every source or destination
    }
    for (Object p : peers) {
      Map<?, ?> peer = (Map<?, ?>) p;
      if (peer.get("ipBlock") instanceof Map<?, ?> block) {
        if (other.ip() != null && cidrContains(String.valueOf(block.get("cidr")), other.ip())
            && list(block.get("except")).stream().noneMatch(e -> cidrContains(String.valueOf(e), other.ip()))) {
          return true;
        }
        continue;
      }
      if (other.namespace() == null) {
        continue; // pod and namespace selectors select pods only
      }
      Map<?, ?> namespaces = (Map<?, ?>) peer.get("namespaceSelector");
      boolean namespaceOk = namespaces == null ? namespace.equals(other.namespace())
          : matches(namespaces, Map.of("kubernetes.io/metadata.name", other.namespace()));
      Map<?, ?> pods = (Map<?, ?>) peer.get("podSelector");
      if (namespaceOk && (pods == null || matches(pods, other.labels()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean ports(List<?> ports, String protocol, int port) {
    if (ports.isEmpty()) {
      return true;
    }
    for (Object p : ports) {
      Map<?, ?> spec = (Map<?, ?>) p;
      Object number = spec.get("port");
      String proto = spec.get("protocol") == null ? "TCP" : String.valueOf(spec.get("protocol"));
      if (number != null && !(number instanceof Integer)) {
        throw new IllegalStateException("named port " + number + ": the model checks numbers only");
      }
      int end = spec.get("endPort") instanceof Integer e ? e : number == null ? 0 : (Integer) number;
      if (proto.equals(protocol) && (number == null || (port >= (Integer) number && port <= end))) {
        return true;
      }
    }
    return false;
  }

  /** A label selector (matchLabels, matchExpressions); the empty one selects everything. */
  static boolean matches(@Nullable Map<?, ?> selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    if (selector.get("matchLabels") instanceof Map<?, ?> wanted) {
      for (Map.Entry<?, ?> e : wanted.entrySet()) {
        if (!String.valueOf(e.getValue()).equals(labels.get(String.valueOf(e.getKey())))) {
          return false;
        }
      }
    }
    for (Object x : list(selector.get("matchExpressions"))) {
      Map<?, ?> expression = (Map<?, ?>) x;
      String value = labels.get(String.valueOf(expression.get("key")));
      List<?> values = list(expression.get("values"));
      boolean ok = switch (String.valueOf(expression.get("operator"))) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> throw new IllegalStateException("operator " + expression.get("operator"));
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code cidr} holds {@code ip}; IPv4 only, and /128 as an exact IPv6 match. */
  static boolean cidrContains(String cidr, String ip) {
    String[] parts = cidr.split("/");
    int bits = Integer.parseInt(parts[1]);
    if (parts[0].contains(":") || ip.contains(":")) {
      return bits == 128 && parts[0].equalsIgnoreCase(ip);
    }
    long mask = bits == 0 ? 0 : 0xffffffffL << (32 - bits) & 0xffffffffL;
    return (v4(parts[0]) & mask) == (v4(ip) & mask);
  }

  private static long v4(String ip) {
    long value = 0;
    for (String octet : ip.split("\\.")) {
      value = value << 8 | Integer.parseInt(octet);
    }
    return value;
  }

  private static List<?> list(@Nullable Object value) {
    return value instanceof List<?> l ? l : List.of();
  }
}
