/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import io.openim.deploy.Deployer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalCluster
@DisplayName("Existing k3s: the kubeconfig k3s writes, and k3s's defaults applied")
class ExistingK3sIT {
  @TempDir Path temp;

  @Test
  @DisplayName("reads the kubeconfig from a file and deploys with the gateway behind a LoadBalancer")
  void existing(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("k3s.yaml"), cluster.adminKubeconfig());
    Deployer k3s = OpenImDeploy.builder().target(K3sProvider.existing(kubeconfig))
        .provider(new K3sProvider(K3sOptions.DEFAULT.withStorageClass(LocalCluster.STORAGE_CLASS))).build();
    k3s.deploy(DeploymentSpec.builder("openim").namespace(namespace.name()).chat(false).build()).orThrow();

    var lb = new CoreV1Api(cluster.newAdminClient()).readNamespacedService("openim-msggateway-lb", namespace.name()).execute();
    assertThat(lb.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(lb.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(10001));
    assertThat(new CoreV1Api(cluster.newAdminClient()).listNamespacedPersistentVolumeClaim(namespace.name()).execute()
        .getItems()).allSatisfy(c -> assertThat(c.getSpec().getStorageClassName()).isEqualTo(LocalCluster.STORAGE_CLASS));
  }

  @Test
  @DisplayName("a missing kubeconfig says where it looked and what to do")
  void missing() {
    assertThatThrownBy(() -> K3sProvider.existing(temp.resolve("nope.yaml")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot read the k3s kubeconfig " + temp.resolve("nope.yaml"));
  }
}
