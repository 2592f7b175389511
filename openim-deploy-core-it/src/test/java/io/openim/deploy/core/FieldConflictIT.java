/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.util.PatchUtils;
import io.openim.deploy.Component;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Another field manager owning a field of a rendered object: a {@code kubectl scale}-like change
 * of a Deployment's replicas and an env value, each applied server-side by manager {@code
 * someone-else}. A re-apply without force reports each conflict with its field and manager and
 * leaves the fields as the other manager set them; with force it takes them over.
 */
@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("Fields owned by another field manager")
class FieldConflictIT {
  private static final String OTHER = "someone-else";

  @Test
  @DisplayName("are reported as conflicts naming the field and the manager, never overwritten; force takes them over")
  void reportedNeverOverwritten(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace(namespace.name()).chat(false)
        .env(Component.PUSH, "FUZZ_LEVEL", "ours").build();
    ApiClient admin = cluster.newAdminClient();
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).build()) {
      deployer.deploy(spec).orThrow();
    }
    String push = "push"; // the container of im-push (default-plan.yaml)
    applyAs(admin, namespace.name(), "im-api", "{\"spec\":{\"replicas\":3}}");
    applyAs(admin, namespace.name(), "im-push", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\""
        + push + "\",\"env\":[{\"name\":\"FUZZ_LEVEL\",\"value\":\"theirs\"}]}]}}}}");

    List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig())
        .listener(events::add).build()) {
      DeploymentResult result = deployer.deploy(spec);
      assertThat(result).isInstanceOf(DeploymentResult.Failed.class);
      DeploymentResult.Failed failed = (DeploymentResult.Failed) result;
      assertThat(failed.objects()).filteredOn(r -> r.outcome() == Outcome.FAILED).extracting(ObjectResult::object)
          .as("each conflicting object fails, by name")
          .contains("Deployment/" + namespace.name() + "/im-api", "Deployment/" + namespace.name() + "/im-push");
      assertThat(failed.reason()).as("the reason names each field and its manager")
          .contains("Deployment/" + namespace.name() + "/im-api").contains(".spec.replicas").contains(OTHER)
          .contains("Deployment/" + namespace.name() + "/im-push").contains("FUZZ_LEVEL")
          .contains("force");
      assertThat(events).filteredOn(e -> e instanceof DeploymentEvent.Finished).singleElement()
          .satisfies(e -> assertThat(((DeploymentEvent.Finished) e).result()).isEqualTo(result));
    }
    AppsV1Api apps = new AppsV1Api(admin);
    assertThat(apps.readNamespacedDeployment("im-api", namespace.name()).execute().getSpec().getReplicas())
        .as("left as the other manager set it").isEqualTo(3);
    assertThat(env(apps.readNamespacedDeployment("im-push", namespace.name()).execute(), "FUZZ_LEVEL"))
        .isEqualTo("theirs");
    assertThat(managerOf(admin, namespace.name(), "im-api", "f:replicas")).contains(OTHER);

    try (KubernetesDeployer forced = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).force(true)
        .build()) {
      DeploymentResult.Succeeded taken = forced.deploy(spec).orThrow();
      assertThat(taken.objects()).filteredOn(r -> r.object().equals("Deployment/" + namespace.name() + "/im-api")
          || r.object().equals("Deployment/" + namespace.name() + "/im-push"))
          .extracting(ObjectResult::outcome).containsExactly(Outcome.CHANGED, Outcome.CHANGED);
    }
    assertThat(apps.readNamespacedDeployment("im-api", namespace.name()).execute().getSpec().getReplicas())
        .isEqualTo(1);
    assertThat(env(apps.readNamespacedDeployment("im-push", namespace.name()).execute(), "FUZZ_LEVEL"))
        .isEqualTo("ours");
    assertThat(managerOf(admin, namespace.name(), "im-api", "f:replicas")).containsExactly("openim-deploy");
  }

  /** A server-side apply of a partial Deployment as {@value #OTHER}, forced, as kubectl would take a field. */
  static void applyAs(ApiClient admin, String ns, String name, String specJson) throws Exception {
    String body = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"" + ns + "\"}," + specJson.substring(1);
    AppsV1Api apps = new AppsV1Api(admin);
    PatchUtils.patch(V1Deployment.class, () -> apps.patchNamespacedDeployment(name, ns, new V1Patch(body))
        .fieldManager(OTHER).force(true).buildCall(null), V1Patch.PATCH_FORMAT_APPLY_YAML, admin);
  }

  private static String env(V1Deployment deployment, String name) {
    return Objects.requireNonNull(deployment.getSpec()).getTemplate().getSpec().getContainers().get(0).getEnv()
        .stream().filter(e -> e.getName().equals(name)).map(V1EnvVar::getValue).findFirst().orElse("(none)");
  }

  /** The managers whose managed fields of {@code spec} include {@code field}, from the raw object. */
  static List<String> managerOf(ApiClient admin, String ns, String name, String field) throws Exception {
    Request request = new Request.Builder()
        .url(admin.getBasePath() + "/apis/apps/v1/namespaces/" + ns + "/deployments/" + name).build();
    try (Response response = admin.getHttpClient().newCall(request).execute()) {
      JsonArray managed = JsonParser.parseString(response.body().string()).getAsJsonObject()
          .getAsJsonObject("metadata").getAsJsonArray("managedFields");
      List<String> out = new java.util.ArrayList<>();
      for (var entry : managed) {
        JsonObject m = entry.getAsJsonObject();
        JsonObject fields = m.getAsJsonObject("fieldsV1");
        JsonObject specFields = fields == null ? null : fields.getAsJsonObject("f:spec");
        if (specFields != null && specFields.has(field)) {
          out.add(m.get("manager").getAsString());
        }
      }
      return out;
    }
  }
}
