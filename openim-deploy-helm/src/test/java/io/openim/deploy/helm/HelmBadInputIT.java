/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm;

import io.openim.deploy.core.chart.ChartExport;
import io.openim.deploy.Deployer;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Target;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.spi.ProviderContext;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("The helm provider: existing charts, rollback, and bad input refused before anything changes")
class HelmBadInputIT {
  @TempDir Path temp;

  private static ProviderContext context(LocalCluster cluster) {
    return new ProviderContext(Target.kubernetes(cluster.adminKubeconfig()), e -> { }, Duration.ofMinutes(2),
        Duration.ofMinutes(5), false);
  }

  @Test
  @DisplayName("an existing chart installs with values mapped from a spec; bad values, a broken chart and a taken name change nothing")
  @SuppressWarnings("unchecked")
  void existingChart(LocalCluster cluster, TestNamespace namespace) throws Exception {
    HelmProvider helm = new HelmProvider();
    DeploymentSpec spec = DeploymentSpec.builder("openim").namespace(namespace.name()).chat(false).build();
    DeploymentPlan plan = Topology.plan(spec);
    Path chart = ChartExport.write(plan, temp, ChartExport.Options.DEFAULT);
    ReleaseRef release = ReleaseRef.of(spec);

    Map<String, Object> bad = ChartExport.values(plan, false);
    ((Map<String, Object>) ((Map<String, Object>) bad.get("components")).get("crontask")).put("replicas", 2);
    DeploymentResult refused = helm.installChart(chart, bad, release, context(cluster));
    assertThat(refused).isInstanceOfSatisfying(DeploymentResult.Failed.class,
        f -> assertThat(f.reason()).contains("/components/crontask/replicas").contains("maximum: got 2, want 1"));
    assertNothingIn(cluster, namespace);

    Path broken = Files.writeString(chart.resolve("templates").resolve("zz-broken.yaml"), "{{ .Values.nope.deeper }}\n");
    DeploymentResult unrenderable = helm.installChart(chart, ChartExport.values(plan, false), release, context(cluster));
    assertThat(unrenderable).isInstanceOfSatisfying(DeploymentResult.Failed.class,
        f -> assertThat(f.reason()).contains("zz-broken.yaml").contains("nil pointer"));
    assertNothingIn(cluster, namespace);
    Files.delete(broken);

    DeploymentResult.Succeeded installed = helm.installChart(chart, ChartExport.values(plan, false), release,
        context(cluster)).orThrow();
    assertThat(installed.revision()).isEqualTo(1);
    assertThat(new AppsV1Api(cluster.newAdminClient()).listNamespacedDeployment(namespace.name()).execute().getItems())
        .hasSize(12);

    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    HelmCli.run("create", temp.resolve("hello").toString());
    HelmCli.run("install", "taken", temp.resolve("hello").toString(), "--kubeconfig", kubeconfig.toString(),
        "-n", namespace.name());
    DeploymentResult taken = helm.installChart(chart, ChartExport.values(plan, false),
        new ReleaseRef(namespace.name(), "taken"), context(cluster));
    assertThat(taken).isInstanceOfSatisfying(DeploymentResult.Failed.class,
        f -> assertThat(f.reason()).contains("the name is taken by a release of chart hello-0.1.0"));
  }

  @Test
  @DisplayName("rollback installs an earlier revision again, as helm rollback does, and helm history says so")
  void rollback(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Deployer helm = new HelmProvider().open(context(cluster));
    DeploymentSpec spec = DeploymentSpec.builder("openim").namespace(namespace.name()).chat(false).build();
    helm.deploy(spec).orThrow();
    helm.deploy(spec.toBuilder().replicas(Component.API, 2).build()).orThrow();
    var api = new AppsV1Api(cluster.newAdminClient());
    assertThat(api.readNamespacedDeployment("openim-api", namespace.name()).execute().getSpec().getReplicas()).isEqualTo(2);

    DeploymentResult.Succeeded rolledBack = helm.rollback(ReleaseRef.of(spec), 1).orThrow();
    assertThat(rolledBack.revision()).isEqualTo(3);
    assertThat(api.readNamespacedDeployment("openim-api", namespace.name()).execute().getSpec().getReplicas()).isEqualTo(1);
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    assertThat(HelmCli.run("history", "openim", "--kubeconfig", kubeconfig.toString(), "-n", namespace.name()))
        .containsPattern("3\\s+.*deployed\\s+openim-0.1.0\\s+v3.8.3-patch.15\\s+Rollback to 1");
  }

  private static void assertNothingIn(LocalCluster cluster, TestNamespace namespace) throws Exception {
    assertThat(new AppsV1Api(cluster.newAdminClient()).listNamespacedDeployment(namespace.name()).execute().getItems())
        .isEmpty();
    assertThat(new CoreV1Api(cluster.newAdminClient()).listNamespacedSecret(namespace.name()).execute().getItems())
        .noneMatch(s -> "helm.sh/release.v1".equals(s.getType()));
  }
}
