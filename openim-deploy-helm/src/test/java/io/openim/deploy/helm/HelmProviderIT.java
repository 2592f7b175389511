/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm;

import io.openim.deploy.core.chart.HelmReleases;
import io.openim.deploy.Deployer;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Resources;
import io.openim.deploy.Revision;
import io.openim.deploy.Target;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("The helm provider: OpenIM as a real Helm release")
class HelmProviderIT {
  @TempDir Path temp;

  @Test
  @DisplayName("install reaches ready, upgrade rolls out, helm itself lists both revisions, uninstall removes it")
  void lifecycle(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Target target = Target.kubernetes(cluster.adminKubeconfig());
    Deployer helm = OpenImDeploy.builder().target(target).provider(HelmProvider.ID)
        .objectTimeout(Duration.ofMinutes(2)).build();
    assertThat(helm.provider()).isEqualTo(HelmProvider.ID);
    DeploymentSpec spec = DeploymentSpec.builder("openim").namespace(namespace.name()).chat(false).build();
    ReleaseRef release = ReleaseRef.of(spec);
    ApiClient admin = cluster.newAdminClient();

    DeploymentResult.Succeeded installed = helm.deploy(spec).orThrow();
    assertThat(installed.revision()).isEqualTo(1);
    assertThat(new AppsV1Api(admin).listNamespacedDeployment(namespace.name()).execute().getItems())
        .hasSize(12).allMatch(d -> Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()));

    DeploymentSpec upgraded = spec.toBuilder().dependency(DependencyKind.REDIS,
        new Dependency.InCluster("1Gi", Resources.requests("100m", "256Mi"), "docker.io/library/redis:7.0.15")).build();
    assertThat(helm.deploy(upgraded).orThrow().revision()).isEqualTo(2);
    var redis = new AppsV1Api(admin).readNamespacedStatefulSet("openim-redis", namespace.name()).execute();
    assertThat(redis.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith("redis:7.0.15");
    assertThat(redis.getStatus().getCurrentRevision()).isEqualTo(redis.getStatus().getUpdateRevision());

    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    String list = HelmCli.run("list", "--kubeconfig", kubeconfig.toString(), "-n", namespace.name());
    assertThat(list).containsPattern("openim\\s+" + namespace.name() + "\\s+2\\s+.*deployed\\s+openim-0.1.0\\s+v3.8.3-patch.15");
    String history = HelmCli.run("history", "openim", "--kubeconfig", kubeconfig.toString(), "-n", namespace.name());
    assertThat(history).containsPattern("1\\s+.*superseded\\s+openim-0.1.0").containsPattern("2\\s+.*deployed\\s+openim-0.1.0");

    assertThat(helm.history(release)).extracting(Revision::description)
        .containsExactly("superseded: Install complete", "deployed: Upgrade complete");

    new CoreV1Api(admin).createNamespacedConfigMap(namespace.name(),
        new V1ConfigMap().metadata(new V1ObjectMeta().name("not-ours"))).execute();
    assertThat(helm.destroy(release, false).objects()).as("the objects Helm uninstalled")
        .contains("Deployment/" + namespace.name() + "/openim-api", "StatefulSet/" + namespace.name() + "/openim-redis");
    assertThat(new AppsV1Api(admin).listNamespacedDeployment(namespace.name()).execute().getItems()).isEmpty();
    assertThat(new AppsV1Api(admin).listNamespacedStatefulSet(namespace.name()).execute().getItems()).isEmpty();
    assertThat(new CoreV1Api(admin).listNamespacedService(namespace.name()).execute().getItems()).isEmpty();
    assertThat(new CoreV1Api(admin).listNamespacedConfigMap(namespace.name()).execute().getItems())
        .extracting(c -> c.getMetadata().getName()).contains("not-ours");
    assertThat(HelmCli.run("list", "--kubeconfig", kubeconfig.toString(), "-n", namespace.name()))
        .doesNotContain("openim");
  }

  @Test
  @DisplayName("a release made by the helm command line is read by openim-deploy")
  void readsReleasesOfHelmItself(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    Path chart = Files.createDirectories(temp.resolve("charts"));
    HelmCli.run("create", chart.resolve("hello").toString());
    HelmCli.run("install", "hello", chart.resolve("hello").toString(), "--kubeconfig", kubeconfig.toString(),
        "-n", namespace.name());
    HelmCli.run("upgrade", "hello", chart.resolve("hello").toString(), "--kubeconfig", kubeconfig.toString(),
        "-n", namespace.name(), "--set", "replicaCount=2");

    var records = HelmReleases.records(ClusterConnection.fromKubeconfig(cluster.adminKubeconfig()),
        new ReleaseRef(namespace.name(), "hello"));
    assertThat(records).extracting(HelmReleases.Record::revision).containsExactly(1, 2);
    assertThat(records).extracting(HelmReleases.Record::status).containsExactly("superseded", "deployed");
    assertThat(records.get(1).chart()).isEqualTo("hello-0.1.0");
    assertThat(records.get(1).json().getAsJsonObject("config").get("replicaCount").getAsInt()).isEqualTo(2);
  }
}
