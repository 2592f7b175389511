/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.util.PatchUtils;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("up when another field manager owns a field")
class FieldConflictUpIT {
  @TempDir Path temp;

  @Test
  @DisplayName("says which field, which manager, and that --force takes it over; the field stays as set until then")
  void conflictMessage(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    String[] up = {"up", "--skip-image-check", "--kubeconfig", kubeconfig.toString(), "-n",
        namespace.name(), "--release", "im"};
    Console.Run first = Console.once(up);
    assertThat(first.code()).as(first.err()).isZero();

    ApiClient admin = cluster.newAdminClient();
    AppsV1Api apps = new AppsV1Api(admin);
    String body = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"im-api\","
        + "\"namespace\":\"" + namespace.name() + "\"},\"spec\":{\"replicas\":3}}";
    PatchUtils.patch(V1Deployment.class, () -> apps.patchNamespacedDeployment("im-api", namespace.name(),
        new V1Patch(body)).fieldManager("someone-else").force(true).buildCall(null), V1Patch.PATCH_FORMAT_APPLY_YAML,
        admin);

    Console.Run conflict = Console.once(up);
    assertThat(conflict.code()).as(conflict.out()).isEqualTo(1);
    assertThat(conflict.err()).contains("error: ").contains("Deployment/" + namespace.name() + "/im-api")
        .contains(".spec.replicas").contains("someone-else").contains("--force");
    assertThat(apps.readNamespacedDeployment("im-api", namespace.name()).execute().getSpec().getReplicas())
        .as("not overwritten").isEqualTo(3);

    Console.Run forced = Console.once(concat(up, "--force"));
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(apps.readNamespacedDeployment("im-api", namespace.name()).execute().getSpec().getReplicas())
        .isEqualTo(1);
  }

  private static String[] concat(String[] args, String more) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = more;
    return out;
  }
}
