/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.Host;
import io.openim.deploy.Target;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.testkit.DeploymentProviderContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The built-in kubernetes provider keeps the provider contract")
class KubernetesProviderContractIT extends DeploymentProviderContract {
  @Override
  protected DeploymentProvider provider() {
    return new KubernetesProvider();
  }

  @Override
  protected Target target(LocalCluster cluster) {
    return Target.kubernetes(cluster.adminKubeconfig());
  }

  @Override
  protected Target declinedTarget() {
    return Target.hosts(Host.ssh("im-host.example.invalid", "root"));
  }
}
