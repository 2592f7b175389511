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

/**
 * The testkit's {@code @WithOpenImCluster(mode = K3S_CONTAINER)}, which deploys with this module's
 * provider (so it is tested here, not in the testkit: see {@link OpenImClusterExtensionIT}). Needs
 * Docker: on machines without it the whole class is skipped, with the reason in the report.
 */
@WithOpenImCluster(mode = WithOpenImCluster.Mode.K3S_CONTAINER)
@DisplayName("OpenIM on a real k3s in a container (Testcontainers)")
class K3sContainerIT {

  @Test
  @DisplayName("the default topology rolls out on real k3s with local-path volumes")
  void realK3s(OpenImCluster cluster) throws Exception {
    assertThat(cluster.mode()).isEqualTo(WithOpenImCluster.Mode.K3S_CONTAINER);
    var client = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new StringReader(cluster.kubeconfig().reveal()))).build();
    assertThat(new AppsV1Api(client).listNamespacedStatefulSet("openim").execute().getItems())
        .isNotEmpty().allMatch(s -> Integer.valueOf(1).equals(s.getStatus().getReadyReplicas()));
  }
}
