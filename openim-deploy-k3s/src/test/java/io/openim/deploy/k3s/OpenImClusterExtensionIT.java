/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.openim.deploy.testkit.OpenImCluster;
import io.openim.deploy.testkit.WithOpenImCluster;
import java.io.StringReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The testkit's {@code @WithOpenImCluster}, tested here rather than in openim-deploy-testkit: where
 * Docker exists it deploys into a k3s container with this module's provider, and the testkit's own
 * tests cannot have openim-deploy-k3s on their class path (this module's tests use the testkit, so
 * that would be a reactor cycle).
 */
@WithOpenImCluster
@DisplayName("@WithOpenImCluster gives a test a cluster with OpenIM deployed")
class OpenImClusterExtensionIT {

  @Test
  @DisplayName("chooses a k3s container where Docker exists, else the local cluster, and says why")
  void clusterWithOpenIm(OpenImCluster cluster) throws Exception {
    boolean docker = DockerClientFactory.instance().isDockerAvailable();
    assertThat(cluster.mode()).isEqualTo(docker ? WithOpenImCluster.Mode.K3S_CONTAINER : WithOpenImCluster.Mode.LOCAL_CLUSTER);
    if (!docker) {
      assertThat(cluster.reason()).startsWith("no Docker engine is reachable").contains("local cluster");
    }
    var client = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new StringReader(cluster.kubeconfig().reveal()))).build();
    var deployments = new AppsV1Api(client).listNamespacedDeployment(cluster.release().namespace()).execute().getItems();
    assertThat(deployments).hasSize(16).allMatch(d -> Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()));
  }
}
