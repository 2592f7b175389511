/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit.openim;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.StringReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

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
