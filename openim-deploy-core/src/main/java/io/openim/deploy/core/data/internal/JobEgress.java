/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.data.internal;

import io.openim.deploy.BackupTarget;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.core.render.internal.Address;
import io.openim.deploy.core.render.internal.RenderContext;
import io.openim.deploy.core.render.internal.Tree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The NetworkPolicy a data Job needs for what lies outside the release. */
final class JobEgress {
  private JobEgress() {}

  /**
   * With NetworkPolicies on, the egress {@code job}'s pods need beyond the plan's own policies: a
   * bucket target's endpoint, and the MongoDB and MinIO of endpoints outside the release (a
   * compose host's), by IP where given, else by port alone (a NetworkPolicy cannot name a host);
   * with DNS, so the policy is whole even where the release's policies are not applied yet (the
   * check before a restore into a new namespace). Applied and deleted with the Job; empty when
   * nothing beyond the release is reached or the spec turns NetworkPolicies off. {@code outside}
   * is the env of endpoints outside the release (MONGO_HOST, MINIO_URL), empty for the release's own.
   */
  static Optional<Manifest> policy(RenderContext ctx, Manifest job, BackupTarget target,
      List<Map<String, Object>> outside) {
    if (!ctx.spec().networkPolicies()) {
      return Optional.empty();
    }
    List<Address> addresses = new ArrayList<>();
    if (target instanceof BackupTarget.Bucket bucket) {
      Address.parse(bucket.endpoint()).ifPresent(addresses::add);
    }
    for (Map<String, Object> variable : outside) {
      Object value = variable.get("value");
      if ("MONGO_HOST".equals(variable.get("name")) && value instanceof String hosts) {
        for (String host : hosts.split(",")) {
          Address.parse(host.contains(":") ? host : host + ":27017").ifPresent(addresses::add);
        }
      } else if ("MINIO_URL".equals(variable.get("name")) && value instanceof String url) {
        Address.parse(url).ifPresent(addresses::add);
      }
    }
    if (addresses.isEmpty()) {
      return Optional.empty();
    }
    List<Object> egress = new ArrayList<>();
    for (Address address : addresses) {
      egress.add(Tree.map("to", address.cidr().map(cidr -> Tree.list(Tree.map("ipBlock", Tree.map("cidr", cidr))))
          .orElse(null), "ports", Tree.list(Tree.map("protocol", "TCP", "port", address.port()))));
    }
    egress.add(Tree.map("to", Tree.list(Tree.map("namespaceSelector", Tree.map("matchLabels",
        Tree.map("kubernetes.io/metadata.name", "kube-system")))), "ports", Tree.list(
            Tree.map("protocol", "UDP", "port", 53), Tree.map("protocol", "TCP", "port", 53))));
    // the Job's labels are its pods' (BackupJobs.job)
    Map<String, Object> selector = new LinkedHashMap<>();
    if (job.body().get("metadata") instanceof Map<?, ?> metadata && metadata.get("labels") instanceof Map<?, ?> labels) {
      for (String key : List.of("app.kubernetes.io/instance", "app.kubernetes.io/component", "openim-deploy.io/backup-id")) {
        Object value = labels.get(key);
        if (value != null) {
          selector.put(key, value);
        }
      }
    }
    String name = job.name() + "-egress";
    return Optional.of(new Manifest(Phase.CONFIGURATION, "networking.k8s.io/v1", "NetworkPolicy",
        ctx.spec().namespace(), name, Tree.object("networking.k8s.io/v1", "NetworkPolicy",
            ctx.names().metadata(name, ctx.names().labels()), "spec", Tree.map(
                "podSelector", Tree.map("matchLabels", selector),
                "policyTypes", Tree.list("Egress"),
                "egress", egress))));
  }

}
