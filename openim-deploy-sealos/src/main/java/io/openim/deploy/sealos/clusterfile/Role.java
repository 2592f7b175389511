/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import java.util.Locale;

/**
 * What the hosts of a {@link HostGroup} are in the cluster, written lower case in the group's
 * {@code roles} (sealos v5.1.1, {@code lifecycle/pkg/types/v1beta1/cluster.go}, docs/sealos.md).
 *
 * @since 0.3
 */
public enum Role {
  /** A control-plane host; a Clusterfile needs at least one. The first is sealos's master0. */
  MASTER,
  /** A worker host. */
  NODE,
  /** A host that serves the cluster's image registry. */
  REGISTRY;

  /** The word sealos reads: {@code master}, {@code node} or {@code registry}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
