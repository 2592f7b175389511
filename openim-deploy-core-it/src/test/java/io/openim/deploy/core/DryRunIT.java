/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.core.migrate.ComposeImport;
import io.openim.deploy.core.render.PlanYaml;
import io.openim.deploy.core.render.Topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.Discovery;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.PatchOptions;
import io.openim.deploy.Autoscaling;
import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.Manifest;
import io.openim.deploy.Profile;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster
@DisplayName("The real API server accepts every object of a plan (server-side apply, dryRun=All)")
class DryRunIT {

  @Test
  @DisplayName("the default plan, object by object")
  void defaultPlan(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("openim").namespace(namespace.name()).build();
    assertThat(rejected(cluster, Topology.plan(spec))).isEmpty();
  }

  @Test
  @DisplayName("a production plan with ingress, HPA and PDBs, object by object")
  void productionPlan(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace(namespace.name())
        .profile(Profile.PRODUCTION)
        .ingress(new Ingress("im.example.com", "nginx", "im-tls"))
        .autoscaling(Component.API, Autoscaling.onCpu(2, 6, 75))
        .configFile("server/openim-push.yml", "enable: fcm\n")
        .build();
    DeploymentPlan plan = Topology.plan(spec);
    assertThat(plan.manifests()).extracting(Manifest::kind)
        .contains("Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap");
    assertThat(rejected(cluster, plan)).isEmpty();
  }

  @Test
  @DisplayName("the plan of a spec imported from the official compose setup, object by object")
  void importedComposePlan(LocalCluster cluster, TestNamespace namespace) throws Exception {
    ComposeImport imported = ComposeImport.read(Fixtures.path("openim-docker/v3.8"), "im", namespace.name());
    assertThat(rejected(cluster, Topology.plan(imported.spec()))).isEmpty();
  }

  @Test
  @DisplayName("and it does reject what is invalid: the official manifests' upper-case port name")
  void invalidObjectIsRejected(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim").namespace(namespace.name()).build());
    Manifest gateway = plan.find("Service", "openim-msggateway").orElseThrow();
    String broken = PlanYaml.export(gateway).replace("name: ws", "name: longConnServer-10001");
    ApiClient client = cluster.newAdminClient();
    KubernetesApiResponse<DynamicKubernetesObject> response =
        api(client, new Discovery(client).findAll(), gateway).patch(namespace.name(), gateway.name(),
            V1Patch.PATCH_FORMAT_APPLY_YAML, new V1Patch(broken), dryRun());
    assertThat(response.isSuccess()).isFalse();
    assertThat(response.getHttpStatusCode()).isEqualTo(422);
    assertThat(response.getStatus().getMessage()).contains("longConnServer-10001");
  }

  /** Applies every manifest with dryRun=All and returns the refusals, one line each. */
  private static List<String> rejected(LocalCluster cluster, DeploymentPlan plan) throws Exception {
    ApiClient client = cluster.newAdminClient();
    Set<Discovery.APIResource> resources = new Discovery(client).findAll();
    List<String> refusals = new ArrayList<>();
    for (Manifest manifest : plan.manifests()) {
      DynamicKubernetesApi api = api(client, resources, manifest);
      V1Patch body = new V1Patch(PlanYaml.export(manifest));
      KubernetesApiResponse<DynamicKubernetesObject> response = manifest.namespace() == null
          ? api.patch(manifest.name(), V1Patch.PATCH_FORMAT_APPLY_YAML, body, dryRun())
          : api.patch(manifest.namespace(), manifest.name(), V1Patch.PATCH_FORMAT_APPLY_YAML, body, dryRun());
      if (!response.isSuccess()) {
        refusals.add(manifest.id() + ": " + response.getHttpStatusCode() + " "
            + (response.getStatus() == null ? "" : response.getStatus().getMessage()));
      }
    }
    return refusals;
  }

  private static PatchOptions dryRun() {
    PatchOptions options = new PatchOptions();
    options.setDryRun("All");
    options.setFieldManager("openim-deploy-test");
    options.setForce(true);
    return options;
  }

  /** The dynamic API for a manifest's kind, with the resource name from API discovery. */
  private static DynamicKubernetesApi api(ApiClient client, Set<Discovery.APIResource> resources, Manifest m) {
    String apiVersion = m.apiVersion();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    Discovery.APIResource resource = resources.stream()
        .filter(r -> r.getKind().equals(m.kind()) && r.getGroup().equals(group) && r.getVersions().contains(version))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the API server has no " + m.kind() + " in " + apiVersion));
    return new DynamicKubernetesApi(group, version, resource.getResourcePlural(), client);
  }
}
