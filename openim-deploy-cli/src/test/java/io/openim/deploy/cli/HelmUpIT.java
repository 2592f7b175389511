/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("openim-deploy up --provider helm deploys the spec file's credentials")
class HelmUpIT {
  @TempDir Path temp;

  @Test
  @DisplayName("credentials read from files, an external Redis's password among them, land in the release's Secret"
      + " on install and on upgrade, and are never printed")
  void givenCredentials(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    Files.writeString(temp.resolve("openim.secret"), "openim-from-a-file-4242\n");
    Files.writeString(temp.resolve("redis.password"), "external-redis-from-a-file-4242\n");
    Path spec = Files.writeString(temp.resolve("spec.yaml"), "namespace: " + namespace.name() + "\nchat: false\n"
        + "dependencies:\n  redis:\n    external:\n      addresses: [redis.corp.example:6379]\n"
        + "      password: {file: ./redis.password}\n"
        + "secrets:\n  openim-secret: {file: ./openim.secret}\n");

    for (int revision = 1; revision <= 2; revision++) {
      Console console = new Console();
      int code = console.run("up", "--skip-image-check", "--provider", "helm", "--kubeconfig", kubeconfig.toString(), "-f", spec.toString());
      assertThat(code).as(console.err()).isZero();
      assertThat(console.out()).contains("is up in " + namespace.name() + "/openim: revision " + revision);
      Map<String, byte[]> data = new CoreV1Api(cluster.newAdminClient())
          .readNamespacedSecret("openim-credentials", namespace.name()).execute().getData();
      assertThat(new String(data.get("openim-secret"), StandardCharsets.UTF_8)).isEqualTo("openim-from-a-file-4242");
      assertThat(new String(data.get("redis-external-password"), StandardCharsets.UTF_8))
          .isEqualTo("external-redis-from-a-file-4242");
      assertThat(console.out() + console.err()).doesNotContain("from-a-file-4242");
    }
  }
}
