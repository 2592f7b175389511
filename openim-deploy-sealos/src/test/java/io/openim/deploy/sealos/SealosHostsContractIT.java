/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos;

import io.openim.deploy.Host;
import io.openim.deploy.Target;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.sealos.internal.StandInSealos;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.testkit.DeploymentProviderContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * The provider on hosts keeps the same contract: sealos here is the stand-in, whose {@code apply}
 * leaves the local cluster's kubeconfig as the admin.conf sealos keeps, so the lifecycle after
 * setting the cluster up runs against a real API server.
 */
@DisplayName("The sealos provider keeps the provider contract on hosts it sets up with sealos")
class SealosHostsContractIT extends DeploymentProviderContract {
  private static final StandInSealos SEALOS = standIn();

  private static StandInSealos standIn() {
    try {
      return new StandInSealos(Files.createTempDirectory("sealos-contract-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected DeploymentProvider provider() {
    Path key = SEALOS.runtimeRoot.resolveSibling("id_ed25519").toAbsolutePath();
    return new SealosProvider(SealosOptions.DEFAULT.withStorageClass(LocalCluster.STORAGE_CLASS),
        SealosProvisioning.builder().sealos(SEALOS.executable).runtimeRoot(SEALOS.runtimeRoot).privateKey(key)
            .stepTimeout(Duration.ofMinutes(1)).build());
  }

  @Override
  protected Target target(LocalCluster cluster) {
    SEALOS.adminConf(cluster.adminKubeconfig());
    return Target.hosts(new Host("127.0.0.1", 22, "root"));
  }

  /** Hosts named by DNS, which a Clusterfile cannot hold: sealos wants IP addresses. */
  @Override
  protected Target declinedTarget() {
    return Target.hosts(Host.ssh("im-host.example.invalid", "root"));
  }
}
