/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.sealos.internal.StandInSealos;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up --provider sealos --host} end to end, with the sealos provider's stand-in sealos
 * (docs/sealos.md's behaviour; its apply leaves the local cluster's kubeconfig as sealos's
 * admin.conf), so OpenIM lands on a real API server. No real sealos runs here.
 */
@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("openim-deploy up --provider sealos sets the cluster up with sealos and deploys there")
class SealosUpIT {
  @TempDir Path temp;
  private StandInSealos sealos;
  private Path password;

  @BeforeEach
  void standIn(LocalCluster cluster) throws Exception {
    sealos = new StandInSealos(Files.createDirectories(temp.resolve("sealos"))).adminConf(cluster.adminKubeconfig());
    password = Files.writeString(temp.resolve("ssh-password"), "hunter2-ssh-password\n");
  }

  private Console.Run up(TestNamespace namespace) throws Exception {
    Path spec = Files.writeString(temp.resolve("spec.yaml"), "namespace: " + namespace.name() + "\nchat: false\n"
        // the local cluster's claims bind through its own StorageClass, not OpenEBS's
        + "storageClass: " + LocalCluster.STORAGE_CLASS + "\n");
    return Console.once("up", "--skip-image-check", "-f", spec.toString(), "--provider", "sealos",
        "--host", "root@127.0.0.1", "--node", "root@127.0.0.2", "--ssh-password-file", password.toString(),
        "--sealos", sealos.executable.toString(), "--sealos-runtime-root", sealos.runtimeRoot.toString());
  }

  @Test
  @DisplayName("the first run applies the Clusterfile with sealos, showing its output, then deploys; the second changes"
      + " nothing")
  void setsUpAndDeploys(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Console.Run first = up(namespace);

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).contains("warning: Kubernetes with sealos is not set up on root@127.0.0.1:22 yet");
    assertThat(first.out()).contains("  $ sealos apply -f ").contains("is up in " + namespace.name()
        + "/openim: revision 1").contains("Kubernetes runs on root@127.0.0.1, set up by sealos")
        .doesNotContain("hunter2");
    Matcher phase = Pattern.compile("\\] [A-Z_]+ \\(\\d+ objects\\)").matcher(first.out());
    assertThat(phase.find()).as(first.out()).isTrue();
    assertThat(first.out().indexOf("$ sealos apply")).as("sealos runs before the first phase")
        .isBetween(0, phase.start());
    assertThat(sealos.calls()).hasSize(1);
    assertThat(new AppsV1Api(cluster.newAdminClient()).listNamespacedDeployment(namespace.name()).execute().getItems())
        .isNotEmpty().allMatch(d -> Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()));

    Console.Run second = up(namespace);
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.err()).doesNotContain("not set up");
    assertThat(second.out()).contains("no nodes that need to be scaled").contains("revision 1; 0 created, 0 changed");
  }

  @Test
  @DisplayName("a failing sealos: exit 1, naming the step, its exit code and its output; nothing applied")
  void failingSealos(LocalCluster cluster, TestNamespace namespace) throws Exception {
    sealos.knobs("FAIL='failed to init masters: ssh: handshake failed'");
    Console.Run up = up(namespace);

    assertThat(up.code()).isEqualTo(1);
    assertThat(up.err()).contains("error: setting Kubernetes with sealos up failed, so nothing of " + namespace.name()
        + "/openim was applied: sealos on this machine: 'sealos apply -f ").contains("failed with exit code 1")
        .contains("ssh: handshake failed");
    assertThat(up.out()).contains("(exit 1)").doesNotContain("is up in");
    assertThat(new AppsV1Api(cluster.newAdminClient()).listNamespacedDeployment(namespace.name()).execute().getItems())
        .isEmpty();
  }
}
