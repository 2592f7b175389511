/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.openim.deploy.k3s.LocalSshd;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up --host} end to end: a real OpenSSH server on 127.0.0.1 is the host, and a stand-in k3s
 * installer (uploaded as the air gap's install script) writes the local cluster's admin kubeconfig
 * as k3s.yaml, so OpenIM lands on a real API server.
 */
@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("openim-deploy up --host sets k3s up over SSH and deploys there")
class HostsUpIT {
  @TempDir Path temp;
  private LocalSshd sshd;
  private Path root;
  private Path binary;
  private Path script;

  @BeforeEach
  void start(LocalCluster cluster) throws Exception {
    sshd = LocalSshd.start(Files.createDirectories(temp.resolve("sshd")));
    root = Files.createDirectories(temp.resolve("host"));
    binary = Files.writeString(temp.resolve("k3s"), "#!/bin/sh\necho 'k3s version v1.36.2+k3s1 (stand-in)'\n");
    Path admin = Files.writeString(temp.resolve("admin.kubeconfig"), cluster.adminKubeconfig());
    script = Files.writeString(temp.resolve("install.sh"), String.join("\n",
        "#!/bin/sh",
        "# stand-in for get.k3s.io: records the call, fails when asked to, writes the admin kubeconfig as k3s would",
        "set -e",
        "ROOT=$(dirname $(dirname $(dirname $(dirname \"$K3S_CONFIG_FILE\"))))",
        "echo \"$INSTALL_K3S_EXEC version=$INSTALL_K3S_VERSION\" >> \"$ROOT/install.log\"",
        "if [ -f \"$ROOT/fail-install\" ]; then echo 'stand-in k3s: port 6443 is taken' >&2; exit 4; fi",
        "cp '" + admin + "' \"$ROOT/etc/rancher/k3s/k3s.yaml\"",
        ""));
  }

  @AfterEach
  void stop() {
    sshd.close();
  }

  private Console.Run up(TestNamespace namespace) throws Exception {
    Path spec = Files.writeString(temp.resolve("spec.yaml"), "namespace: " + namespace.name() + "\nchat: false\n"
        // the local cluster's claims bind through its own StorageClass, not k3s's local-path
        + "storageClass: " + LocalCluster.STORAGE_CLASS + "\n");
    List<String> args = new ArrayList<>(List.of("up", "--skip-image-check", "-f", spec.toString(),
        "--provider", "k3s", "--host", "root@127.0.0.1:" + sshd.port, "--ssh-key", sshd.clientKey.toString(),
        "--known-hosts", sshd.knownHosts.toString(), "--k3s-version", "v1.36.2+k3s1",
        "--k3s-binary", binary.toString(), "--k3s-install-script", script.toString(), "--k3s-root", root + "/"));
    return Console.once(args.toArray(String[]::new));
  }

  @Test
  @DisplayName("the first run sets k3s up and deploys, showing each remote command; the second changes nothing")
  void setsUpAndDeploys(LocalCluster cluster, TestNamespace namespace) throws Exception {
    String host = "root@127.0.0.1:" + sshd.port;
    Console.Run first = up(namespace);

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).contains("warning: k3s is not set up on " + host + " yet");
    assertThat(first.out()).contains("  " + host + "$ mkdir -p " + root + "/etc/rancher/k3s")
        .contains("is up in " + namespace.name() + "/openim: revision 1").contains("k3s runs on " + host);
    Matcher phase = Pattern.compile("\\] [A-Z_]+ \\(\\d+ objects\\)").matcher(first.out());
    assertThat(phase.find()).as(first.out()).isTrue();
    assertThat(first.out().indexOf("install.sh")).as("k3s is set up before the first phase").isBetween(0, phase.start());
    assertThat(Files.readAllLines(root.resolve("install.log"))).containsExactly("server version=v1.36.2+k3s1");
    assertThat(new AppsV1Api(cluster.newAdminClient()).listNamespacedDeployment(namespace.name()).execute().getItems())
        .isNotEmpty().allMatch(d -> Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()));
    assertThat(new CoreV1Api(cluster.newAdminClient()).readNamespacedService("openim-msggateway-lb", namespace.name())
        .execute().getSpec().getType()).isEqualTo("LoadBalancer");

    Console.Run second = up(namespace);
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.err()).doesNotContain("not set up");
    assertThat(second.out()).contains("revision 1; 0 created, 0 changed").doesNotContain("install.sh");
    assertThat(Files.readAllLines(root.resolve("install.log"))).hasSize(1);
  }

  @Test
  @DisplayName("a failing install: exit 1, naming the host, the command and its output; nothing applied")
  void failingInstall(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Files.writeString(root.resolve("fail-install"), "");
    Console.Run up = up(namespace);

    assertThat(up.code()).isEqualTo(1);
    assertThat(up.err()).contains("error: setting k3s up failed, so nothing of " + namespace.name() + "/openim was"
        + " applied: root@127.0.0.1:" + sshd.port + ": 'INSTALL_K3S_EXEC=server").contains("exited with 4")
        .contains("stand-in k3s: port 6443 is taken");
    assertThat(up.out()).contains("install.sh  (exit 4)").doesNotContain("is up in");
    assertThat(new AppsV1Api(cluster.newAdminClient()).listNamespacedDeployment(namespace.name()).execute().getItems())
        .isEmpty();
  }
}
