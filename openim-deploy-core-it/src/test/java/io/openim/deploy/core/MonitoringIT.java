/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.Dynamics;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Monitoring;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("Monitoring on the local cluster: the deployer detects the Prometheus Operator and says what it chose")
class MonitoringIT {

  @Test
  @DisplayName("without the operator's CRDs annotations are chosen; once they are served, ServiceMonitors and a PrometheusRule")
  void detectsTheOperator(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("mon").namespace(namespace.name()).chat(false)
        .monitoring(Monitoring.auto()).build();
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).build()) {
      DeploymentPlan withoutOperator = deployer.plan(spec);
      assertThat(withoutOperator.warnings()).anyMatch(w -> w.startsWith("monitoring: the cluster does not serve"));
      assertThat(withoutOperator.manifests()).noneMatch(m -> m.kind().equals("ServiceMonitor"));
      deployer.apply(withoutOperator).orThrow();
    }

    installCrds(cluster);
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).build()) {
      DeploymentPlan withOperator = deployer.plan(spec);
      assertThat(withOperator.warnings()).anyMatch(w -> w.startsWith("monitoring: the cluster serves the Prometheus Operator"));
      deployer.apply(withOperator).orThrow();
    }
    DynamicKubernetesApi monitors = new DynamicKubernetesApi("monitoring.coreos.com", "v1", "servicemonitors",
        cluster.newAdminClient());
    var listed = monitors.list(namespace.name());
    assertThat(listed.isSuccess()).isTrue();
    assertThat(listed.getObject().getItems()).hasSize(11)
        .allSatisfy(m -> assertThat(m.getRaw().getAsJsonObject("spec").get("jobLabel").getAsString())
            .isEqualTo("openim-deploy.io/prometheus-job"));
    // each ServiceMonitor selects exactly its component's metrics Service, which serves the port it scrapes
    CoreV1Api core = new CoreV1Api(cluster.newAdminClient());
    for (var monitor : listed.getObject().getItems()) {
      var matchLabels = monitor.getRaw().getAsJsonObject("spec").getAsJsonObject("selector").getAsJsonObject("matchLabels");
      String selector = matchLabels.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue().getAsString()).collect(Collectors.joining(","));
      List<V1Service> selected = core.listNamespacedService(namespace.name()).labelSelector(selector).execute().getItems();
      assertThat(selected).as("Services selected by %s", selector).singleElement().satisfies(service -> {
        assertThat(service.getMetadata().getName()).isEqualTo(monitor.getMetadata().getName() + "-metrics");
        assertThat(service.getSpec().getPorts()).extracting(V1ServicePort::getName).containsExactly("metrics");
      });
    }
    var rules = new DynamicKubernetesApi("monitoring.coreos.com", "v1", "prometheusrules", cluster.newAdminClient())
        .get(namespace.name(), "mon-openim-alerts");
    assertThat(rules.isSuccess()).isTrue();
  }

  private static void installCrds(LocalCluster cluster) throws Exception {
    DynamicKubernetesApi crds = new DynamicKubernetesApi("apiextensions.k8s.io", "v1", "customresourcedefinitions",
        cluster.newAdminClient());
    String all;
    try (InputStream in = MonitoringIT.class.getResourceAsStream("/prometheus-operator-crds.yaml")) {
      all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String document : all.split("(?m)^---$")) {
      var created = crds.create(Dynamics.newFromYaml(document));
      assertThat(created.isSuccess() || created.getHttpStatusCode() == 409).as("%s", created.getStatus()).isTrue();
    }
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    for (String name : new String[] {"servicemonitors.monitoring.coreos.com", "prometheusrules.monitoring.coreos.com"}) {
      while (!crds.get(name).getObject().getRaw().toString().contains("\"Established\",\"status\":\"True\"")) {
        assertThat(Instant.now()).as("CRD %s established", name).isBefore(deadline);
        Thread.sleep(200);
      }
    }
  }
}
