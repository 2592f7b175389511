/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.List;
import java.util.Map;

/**
 * A starting point for a spec's replicas, resources, storage and disruption budgets. What a spec
 * sets explicitly wins over its profile, whatever the order of the builder calls.
 *
 * @since 0.1
 */
public enum Profile {
  /** One replica of everything, small requests, 1 GiB volumes: a laptop or CI. */
  MINIMAL,
  /**
   * Two replicas of every stateless component (crontask stays at one), spread across nodes, with
   * PodDisruptionBudgets, larger requests, memory limits and 20 GiB volumes.
   */
  PRODUCTION;

  private static final List<Component> BUSY =
      List.of(Component.MSG_GATEWAY, Component.MSG_TRANSFER, Component.PUSH, Component.RPC_MSG);

  /** What this profile gives {@code component}. */
  public ComponentSpec defaults(Component component) {
    boolean busy = BUSY.contains(component);
    if (this == MINIMAL) {
      return new ComponentSpec(
          true, 1, Resources.requests(busy ? "100m" : "50m", busy ? "128Mi" : "64Mi"), Map.of(),
          Placement.ANYWHERE, null);
    }
    int replicas = component == Component.CRONTASK ? 1 : 2;
    Resources resources =
        busy
            ? new Resources("500m", "512Mi", null, "2Gi")
            : new Resources("200m", "256Mi", null, "1Gi");
    return new ComponentSpec(true, replicas, resources, Map.of(), Placement.ANYWHERE, null);
  }

  /** What this profile gives an in-cluster {@code dependency}. */
  public Dependency.InCluster defaults(DependencyKind dependency) {
    if (this == MINIMAL) {
      return new Dependency.InCluster("1Gi", Resources.requests("100m", "256Mi"), null);
    }
    Resources resources =
        switch (dependency) {
          case MONGODB, KAFKA -> new Resources("1", "2Gi", null, "4Gi");
          case MINIO -> new Resources("500m", "1Gi", null, "2Gi");
          case REDIS, ETCD -> new Resources("250m", "512Mi", null, "1Gi");
        };
    return new Dependency.InCluster("20Gi", resources, null);
  }

  /** Whether components of this profile get PodDisruptionBudgets and topology spread. */
  public boolean highlyAvailable() {
    return this == PRODUCTION;
  }

  /** OpenIM's log level for this profile: 6 (everything) for MINIMAL, 3 for PRODUCTION. */
  public int logLevel() {
    return this == MINIMAL ? 6 : 3;
  }
}
