/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.Manifest;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.RolloutWaiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan's Redis, MinIO, etcd and Kafka exactly as rendered (their StatefulSets, Services,
 * ConfigMaps and the credentials Secret), started on a real node from {@code TestImages}, for the
 * tests that need them running: {@link RealPodsIT} and {@link NetworkPolicyEnforcementIT}.
 */
final class RealDependencies {
  /** The StatefulSets started. */
  static final Set<String> NAMES = Set.of("im-redis", "im-minio", "im-etcd", "im-kafka");
  /** Each one's Service and client port, as {@link PodRuns#reachable} takes them. */
  static final List<String> PORTS = List.of("im-redis/6379", "im-minio/9000", "im-etcd/2379", "im-kafka/9092");

  private RealDependencies() {}

  /** Applies the dependencies' objects of {@code plan} and waits until every StatefulSet is ready. */
  static List<Manifest> start(DeploymentPlan plan, Applier applier, RolloutWaiter waiter, Duration timeout) {
    List<Manifest> wanted = plan.manifests().stream()
        .filter(m -> m.kind().equals("Secret") && m.name().equals("im-credentials")
            || Set.of("Service", "StatefulSet", "ConfigMap").contains(m.kind())
                && NAMES.stream().anyMatch(d -> m.name().equals(d) || m.name().startsWith(d + "-")))
        .toList();
    wanted.forEach(m -> applier.apply(m, Map.of()));
    wanted.stream().filter(m -> m.kind().equals("StatefulSet")).forEach(m -> waiter.await(ObjectRef.of(m), timeout));
    return wanted;
  }
}
