/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import io.openim.deploy.Deployer;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.dynamic.Dynamics;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.Target;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.k3s.internal.HelmChartDelivery;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalCluster
@DisplayName("k3s HelmChart delivery: the exported chart rides in a helm.cattle.io/v1 HelmChart")
class HelmChartModeIT {
  private static final String GIVEN_SECRET = "given-openim-secret-Zq81";
  @TempDir Path temp;

  @Test
  @DisplayName("creates the HelmChart, tracks its install Job, then waits for OpenIM")
  void helmChartDelivery(LocalCluster cluster, TestNamespace namespace) throws Exception {
    ApiClient admin = cluster.newAdminClient();
    DynamicKubernetesApi crds = new DynamicKubernetesApi("apiextensions.k8s.io", "v1", "customresourcedefinitions",
        cluster.newAdminClient());
    try (InputStream in = getClass().getResourceAsStream("/helmchart-crd.yaml")) {
      var created = crds.create(Dynamics.newFromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      assertThat(created.isSuccess() || created.getHttpStatusCode() == 409).as("%s", created.getStatus()).isTrue();
    }
    waitForCrd(crds);

    K3sProvider provider = new K3sProvider(new K3sOptions(LocalCluster.STORAGE_CLASS, "traefik", false,
        K3sOptions.Delivery.HELM_CHART, "kube-system"));
    Deployer k3s = OpenImDeploy.builder().target(Target.kubernetes(cluster.adminKubeconfig()))
        .provider(provider).objectTimeout(Duration.ofMinutes(2)).build();
    DeploymentSpec spec = DeploymentSpec.builder("hc").namespace(namespace.name()).chat(false)
        .secret(SecretKey.OPENIM_SECRET, Secret.of(GIVEN_SECRET)).build();
    CompletableFuture<DeploymentResult> apply = CompletableFuture.supplyAsync(() -> k3s.deploy(spec));

    // play k3s's helm-controller: install the carried chart, then finish the install Job
    DynamicKubernetesApi charts = new DynamicKubernetesApi("helm.cattle.io", "v1", "helmcharts", cluster.newAdminClient());
    String name = HelmChartDelivery.chartName("hc");
    DynamicKubernetesObject helmChart = awaitObject(charts, name);
    var chartSpec = helmChart.getRaw().getAsJsonObject("spec");
    assertThat(chartSpec.get("targetNamespace").getAsString()).isEqualTo(namespace.name());
    Path archive = Files.write(temp.resolve("openim.tgz"),
        Base64.getDecoder().decode(chartSpec.get("chartContent").getAsString()));
    assertThat(helmChart.getRaw().toString()).as("credentials ride in a Secret, not in the HelmChart")
        .doesNotContain(GIVEN_SECRET);
    // helm-controller passes each key of each valuesSecrets Secret as a values file
    var valuesRef = chartSpec.getAsJsonArray("valuesSecrets").get(0).getAsJsonObject();
    String key = valuesRef.getAsJsonArray("keys").get(0).getAsString();
    byte[] valuesFile = new CoreV1Api(admin).readNamespacedSecret(valuesRef.get("name").getAsString(), "kube-system")
        .execute().getData().get(key);
    Path values = Files.write(temp.resolve("values.yaml"), valuesFile);
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    // helm-controller names the release after the HelmChart (k3s-io/helm-controller
    // pkg/controllers/chart/chart.go: the install Job's NAME is chart.Name)
    Helm.install(archive.toString()).withName(name).withNamespace(namespace.name()).withKubeConfig(kubeconfig)
        .withValuesFile(values).call();
    new BatchV1Api(admin).createNamespacedJob("kube-system", new V1Job()
        .metadata(new V1ObjectMeta().name("helm-install-" + name))
        .spec(new V1JobSpec().template(new V1PodTemplateSpec().spec(new V1PodSpec().restartPolicy("Never")
            .containers(List.of(new V1Container().name("helm").image("rancher/klipper-helm:stand-in"))))))).execute();

    DeploymentResult result = apply.get(3, TimeUnit.MINUTES);
    assertThat(result).isInstanceOf(DeploymentResult.Succeeded.class);
    assertThat(new AppsV1Api(admin).listNamespacedDeployment(namespace.name()).execute().getItems())
        .hasSize(12).allMatch(d -> Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()));
    assertThat(new CoreV1Api(admin).listNamespacedSecret(namespace.name()).execute().getItems())
        .as("the release's credentials Secret holds the spec's given value")
        .anySatisfy(secret -> assertThat(secret.getData()).containsKey(SecretKey.OPENIM_SECRET.secretKey())
            .extractingByKey(SecretKey.OPENIM_SECRET.secretKey())
            .satisfies(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo(GIVEN_SECRET)));
  }

  private static void waitForCrd(DynamicKubernetesApi crds) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      var crd = crds.get("helmcharts.helm.cattle.io");
      if (crd.isSuccess() && crd.getObject().getRaw().toString().contains("\"Established\",\"status\":\"True\"")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the HelmChart CRD was not established in 30 s");
  }

  private static DynamicKubernetesObject awaitObject(DynamicKubernetesApi api, String name) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      var found = api.get("kube-system", name);
      if (found.isSuccess()) {
        return found.getObject();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no HelmChart " + name + " in kube-system after 60 s");
  }
}
