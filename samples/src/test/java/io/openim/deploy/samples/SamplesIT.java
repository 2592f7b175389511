/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("The samples run as the README shows them")
class SamplesIT {

  @Test
  @DisplayName("DeploySample brings OpenIM up and prints progress")
  void deploySample(LocalCluster cluster, TestNamespace namespace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DeploymentResult result = DeploySample.run(cluster.adminKubeconfig(), namespace.name(),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(DeploymentResult.Succeeded.class);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("ready: Deployment/" + namespace.name() + "/openim-api").endsWith("finished: Succeeded\n");
  }

  @Test
  @DisplayName("BackupSample backs a release up and restores it into a second one")
  void backupSample(LocalCluster cluster, TestNamespace namespace) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DeploymentResult result = BackupSample.run(cluster.adminKubeconfig(), namespace.name(),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(DeploymentResult.Succeeded.class);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).containsPattern("backup \\d{8}-\\d{6}: copy MongoDB's openim_v3")
        .containsPattern("backup \\d{8}-\\d{6} is in volume openim-backups")
        .containsPattern("restore \\d{8}-\\d{6}: scale OpenIM back up");
    assertThat(new AppsV1Api(cluster.newAdminClient())
        .readNamespacedDeployment("copy-api", namespace.name()).execute().getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  @DisplayName("CustomProviderSample deploys through a provider registered explicitly")
  void customProvider(LocalCluster cluster, TestNamespace namespace) {
    List<String> log = new CopyOnWriteArrayList<>();
    DeploymentResult result = CustomProviderSample.run(cluster.adminKubeconfig(), namespace.name(), log::add);
    assertThat(result).isInstanceOf(DeploymentResult.Succeeded.class);
    // the policy saw the whole plan of the sample's spec; Namespace left out, since the test's exists already
    long objects = Topology.plan(DeploymentSpec.builder("openim").namespace(namespace.name()).chat(false).build())
        .manifests().stream().filter(m -> !m.kind().equals("Namespace")).count();
    assertThat(log).containsExactly("policy: " + objects + " objects allowed");
  }

  @Test
  @DisplayName("HelmSample installs, upgrades and rolls back a Helm release")
  void helmSample(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentResult result = HelmSample.run(cluster.adminKubeconfig(), namespace.name());
    assertThat(result).isInstanceOfSatisfying(DeploymentResult.Succeeded.class,
        ok -> assertThat(ok.revision()).isEqualTo(3));
    assertThat(new AppsV1Api(cluster.newAdminClient())
        .readNamespacedDeployment("openim-api", namespace.name()).execute().getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  @DisplayName("PlanSample prints a plan")
  void planSample() {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      PlanSample.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("kind: Ingress").contains("host: im.example.com");
  }
}
