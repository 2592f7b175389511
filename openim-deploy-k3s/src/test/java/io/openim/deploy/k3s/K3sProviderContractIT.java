/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import io.openim.deploy.Host;
import io.openim.deploy.Target;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.testkit.DeploymentProviderContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The k3s provider keeps the provider contract")
class K3sProviderContractIT extends DeploymentProviderContract {
  @Override
  protected DeploymentProvider provider() {
    // the local cluster's claims bind through its own StorageClass, not k3s's local-path
    return new K3sProvider(K3sOptions.DEFAULT.withStorageClass(LocalCluster.STORAGE_CLASS));
  }

  @Override
  protected Target target(LocalCluster cluster) {
    return Target.kubernetes(cluster.adminKubeconfig());
  }

  /**
   * Hosts, which this provider (made without {@link K3sProvisioning} settings, as ServiceLoader
   * makes it) cannot set k3s up on; with settings it supports them (K3sHostsIT).
   */
  @Override
  protected Target declinedTarget() {
    return Target.hosts(Host.ssh("im-host.example.invalid", "root"));
  }
}
