/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Secret;
import java.util.Objects;

/**
 * A cluster with OpenIM deployed, given to tests by {@link WithOpenImCluster}.
 *
 * @param kubeconfig a cluster-admin kubeconfig
 * @param release where OpenIM is installed
 * @param mode what kind of cluster it is: {@code K3S_CONTAINER} or {@code LOCAL_CLUSTER}
 * @param reason why this kind was chosen
 * @since 0.1
 */
public record OpenImCluster(Secret kubeconfig, ReleaseRef release, WithOpenImCluster.Mode mode, String reason) {
  /** Checks the parts. */
  public OpenImCluster {
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(reason, "reason");
  }
}
