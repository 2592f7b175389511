/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.util.PatchUtils;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.ThrottlingProxy;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster
@DisplayName("A re-apply of what is there")
class NoOpApplyIT {
  private static final List<String> WRITES = List.of("PATCH", "PUT", "POST", "DELETE");

  @Test
  @DisplayName("sends no write and reads by the kind, not by the object; a field another manager changed gets"
      + " exactly its object's apply")
  void noWritesThenDrift(LocalCluster cluster, TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace(ns).build();
    List<String> requests = new CopyOnWriteArrayList<>();
    try (ThrottlingProxy proxy = ThrottlingProxy.start(cluster, Integer.MAX_VALUE);
        KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(proxy.kubeconfig()).build()) {
      int objects = deployer.deploy(spec).orThrow().objects().size();
      proxy.onRequest((method, path) -> requests.add(method + " " + path));

      DeploymentResult.Succeeded again = deployer.deploy(spec).orThrow();
      System.out.printf("no-op re-apply of %d objects: %d ms, %d API requests%n", objects, again.took().toMillis(),
          requests.size());
      assertThat(again.revision()).isEqualTo(1);
      assertThat(again.objects()).extracting(ObjectResult::outcome).containsOnly(Outcome.UNCHANGED);
      assertThat(requests).as("the access check before it creates nothing; nothing else is sent")
          .noneMatch(r -> WRITES.contains(r.substring(0, r.indexOf(' '))) && !r.endsWith("/selfsubjectaccessreviews"));
      assertThat(requests).as("a list per kind and phase, the Jobs and the release's records read by name")
          .hasSizeLessThan(objects / 2);

      ApiClient admin = cluster.newAdminClient();
      AppsV1Api apps = new AppsV1Api(admin);
      PatchUtils.patch(V1Deployment.class, () -> apps.patchNamespacedDeployment("im-api", ns,
          new V1Patch("{\"spec\":{\"replicas\":3}}")).fieldManager("someone-else").buildCall(null),
          V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, admin);
      assertThat(deployer.deploy(spec)).as("the apply is sent, and the server reports whose the field is now")
          .isInstanceOfSatisfying(DeploymentResult.Failed.class, failed -> assertThat(failed.reason())
              .contains("im-api: conflicts with fields owned by other managers (.spec.replicas: conflict with"
                  + " \"someone-else\""));

      requests.clear();
      DeploymentResult.Succeeded restored;
      try (KubernetesDeployer forced = KubernetesDeployer.builder().kubeconfig(proxy.kubeconfig()).force(true).build()) {
        restored = forced.deploy(spec).orThrow();
      }
      assertThat(restored.objects()).filteredOn(o -> o.outcome() != Outcome.UNCHANGED)
          .containsExactly(new ObjectResult("Deployment/" + ns + "/im-api", Outcome.CHANGED, null));
      assertThat(apps.readNamespacedDeployment("im-api", ns).execute().getSpec().getReplicas()).isEqualTo(1);
      assertThat(requests).filteredOn(r -> r.startsWith("PATCH ") && !r.contains("/configmaps/im-openim-deploy"))
          .as("the one object's apply; the release's inventory and history record revision 2")
          .containsExactly("PATCH /apis/apps/v1/namespaces/" + ns + "/deployments/im-api");
      assertThat(restored.revision()).isEqualTo(2);
    }
  }
}
