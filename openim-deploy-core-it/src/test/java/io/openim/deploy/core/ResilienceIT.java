/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.ThrottlingProxy;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("Applies ride out a flaky API server")
class ResilienceIT {

  @Test
  @DisplayName("a 429 storm (every third request throttled) is ridden out, honouring retry-after")
  void throttling(LocalCluster cluster, TestNamespace namespace) {
    List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
    try (ThrottlingProxy proxy = ThrottlingProxy.start(cluster, 3);
        KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(proxy.kubeconfig()).listener(events::add).build()) {
      DeploymentSpec spec = DeploymentSpec.builder("im").namespace(namespace.name()).chat(false).build();
      DeploymentResult.Succeeded result = deployer.deploy(spec).orThrow();

      assertThat(result.objects()).extracting(ObjectResult::outcome).doesNotContain(Outcome.FAILED);
      assertThat(proxy.throttled()).isGreaterThan(20);
      assertThat(events).filteredOn(e -> e instanceof DeploymentEvent.Retrying).hasSizeGreaterThanOrEqualTo(proxy.throttled())
          .allMatch(e -> ((DeploymentEvent.Retrying) e).reason().contains("HTTP 429"));
    }
  }

  @Test
  @DisplayName("kube-apiserver killed and restarted during an apply: it completes or its re-run converges, nothing duplicated")
  void apiServerRestart() throws Exception {
    try (LocalCluster own = LocalCluster.builder().nodes(2).start();
        KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(own.adminKubeconfig()).build()) {
      DeploymentSpec spec = DeploymentSpec.builder("im").namespace("resilience").build();
      CompletableFuture<DeploymentResult> apply = CompletableFuture.supplyAsync(() -> deployer.deploy(spec));
      Thread.sleep(1500);
      own.restart("kube-apiserver", Duration.ofSeconds(2));
      DeploymentResult first = apply.get(5, TimeUnit.MINUTES);

      DeploymentResult.Succeeded converged = first instanceof DeploymentResult.Succeeded ok ? ok
          : deployer.deploy(spec).orThrow();
      DeploymentResult.Succeeded again = deployer.deploy(spec).orThrow();
      assertThat(again.objects()).extracting(ObjectResult::outcome).containsOnly(Outcome.UNCHANGED);
      assertThat(again.revision()).isEqualTo(converged.revision());

      ApiClient admin = own.newAdminClient();
      List<V1Deployment> deployments = new AppsV1Api(admin).listNamespacedDeployment("resilience").execute().getItems();
      assertThat(deployments).hasSize(16);
      Map<String, Long> replicaSets = new AppsV1Api(admin).listNamespacedReplicaSet("resilience").execute().getItems()
          .stream().collect(Collectors.groupingBy(rs -> rs.getMetadata().getOwnerReferences().get(0).getName(),
              Collectors.counting()));
      assertThat(replicaSets).hasSize(16).allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1));
      assertThat(new CoreV1Api(admin).listNamespacedPod("resilience").execute().getItems())
          .filteredOn(p -> p.getMetadata().getOwnerReferences().get(0).getKind().equals("ReplicaSet")).hasSize(16);
      assertThat(new BatchV1Api(admin).listNamespacedJob("resilience").execute().getItems())
          .as("the MongoDB user, Kafka topics and chat admin Jobs, once each").hasSize(3);
    }
  }
}
