/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Secret;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A cluster with OpenIM deployed, given to tests by {@link WithOpenImCluster}.
 *
 * @param kubeconfig a cluster-admin kubeconfig
 * @param release where OpenIM is installed
 * @param mode what kind of cluster it is: {@code K3S_CONTAINER}, {@code LOCAL_CLUSTER} or {@code
 *     LOCAL_REAL_NODE}
 * @param reason why this kind was chosen
 * @param rolloutFailure null when OpenIM rolled out; else why it could not. Only {@code
 *     LOCAL_REAL_NODE} gives a cluster whose rollout did not finish, and only because some of
 *     OpenIM's images cannot be pulled from this machine: its pods then stay in ImagePullBackOff,
 *     which is what such a test can observe
 * @since 0.1
 */
public record OpenImCluster(
    Secret kubeconfig, ReleaseRef release, WithOpenImCluster.Mode mode, String reason, @Nullable String rolloutFailure) {
  /** Checks the parts. */
  public OpenImCluster {
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * A cluster on which OpenIM rolled out.
   *
   * @param kubeconfig a cluster-admin kubeconfig
   * @param release where OpenIM is installed
   * @param mode what kind of cluster it is
   * @param reason why this kind was chosen
   */
  public OpenImCluster(Secret kubeconfig, ReleaseRef release, WithOpenImCluster.Mode mode, String reason) {
    this(kubeconfig, release, mode, reason, null);
  }
}
