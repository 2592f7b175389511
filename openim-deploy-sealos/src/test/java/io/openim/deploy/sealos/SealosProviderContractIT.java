/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos;

import io.openim.deploy.Host;
import io.openim.deploy.Target;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.testkit.DeploymentProviderContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The sealos provider keeps the provider contract on a cluster sealos set up")
class SealosProviderContractIT extends DeploymentProviderContract {
  @Override
  protected DeploymentProvider provider() {
    // the local cluster's claims bind through its own StorageClass, not OpenEBS's
    return new SealosProvider(SealosOptions.DEFAULT.withStorageClass(LocalCluster.STORAGE_CLASS));
  }

  @Override
  protected Target target(LocalCluster cluster) {
    return Target.kubernetes(cluster.adminKubeconfig());
  }

  /** Hosts, which this provider (made without provisioning settings, as ServiceLoader makes it) declines. */
  @Override
  protected Target declinedTarget() {
    return Target.hosts(Host.ssh("10.0.0.11", "root"));
  }
}
