/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refusals of {@code up --host}, which come before any host, cluster or file of a cluster is touched. */
@DisplayName("up --host refuses options that do not fit, all at once, before anything starts")
class UpHostsTest {
  @TempDir Path temp;
  private Path key;
  private Path knownHosts;

  @BeforeEach
  void files() throws Exception {
    key = Files.writeString(temp.resolve("id_ed25519"), "not a key: never read by these tests\n");
    knownHosts = Files.writeString(temp.resolve("known_hosts"), "");
  }

  private static String problems(String... problems) {
    return "error: the options do not fit together, so nothing was started or changed (" + problems.length
        + (problems.length == 1 ? " problem" : " problems") + "):\n  - " + String.join("\n  - ", problems) + "\n";
  }

  @Test
  @DisplayName("with --kubeconfig and without --ssh-key and --known-hosts: every problem listed, exit 2, nothing read")
  void kubeconfigAndNoCredentials() {
    Path kubeconfig = temp.resolve("no-such-kubeconfig");
    Console.Run up = Console.once("up", "--host", "root@10.0.0.11", "--kubeconfig", kubeconfig.toString());

    assertThat(up.code()).isEqualTo(2);
    assertThat(up.err()).isEqualTo(problems(
        "--host sets a cluster up on the hosts and deploys there, and --kubeconfig " + kubeconfig + " names another"
            + " cluster; leave out one of the two",
        "--host needs --ssh-key FILE: the private key that logs in to the hosts",
        "--host needs --known-hosts FILE: the hosts' keys, checked before anything runs on them (add a host with"
            + " ssh-keyscan HOST >> FILE once you have checked its fingerprint)"));
    assertThat(up.out()).as("no cluster was started").isEmpty();
  }

  @Test
  @DisplayName("with a provider other than k3s")
  void otherProvider() {
    Console.Run up = Console.once("up", "--provider", "helm", "--host", "root@10.0.0.11:22", "--ssh-key", key.toString(),
        "--known-hosts", knownHosts.toString());

    assertThat(up.code()).isEqualTo(2);
    assertThat(up.err()).isEqualTo(problems("--host needs a provider that sets a cluster up on hosts, k3s (the"
        + " default) or sealos, and --provider helm deploys onto a cluster that is already there; give --provider k3s"
        + " or sealos, or leave --provider out"));
    assertThat(up.out()).isEmpty();
  }

  @Test
  @DisplayName("hosts that cannot be parsed, a port out of range, files that are not there, an agent without a server")
  void badValues() {
    Path missing = temp.resolve("missing-key");
    Console.Run up = Console.once("up", "--agent", "10.0.0.12", "--agent", "root@10.0.0.13:70000",
        "--ssh-key", missing.toString(), "--known-hosts", knownHosts.toString(), "--k3s-binary", key.toString());

    assertThat(up.code()).isEqualTo(2);
    assertThat(up.err()).isEqualTo(problems(
        "--agent/--node needs a --host: workers join the cluster that the first --host starts",
        "--ssh-key " + missing + ": there is no readable file there",
        "--k3s-binary and --k3s-install-script go together: an air-gapped host gets both and downloads nothing",
        "--agent 10.0.0.12: expected USER@ADDRESS or USER@ADDRESS:PORT, such as root@10.0.0.11 or root@10.0.0.11:2222",
        "--agent root@10.0.0.13:70000: the port must be 1 to 65535, but was 70000"));
  }

  @Test
  @DisplayName("two servers: the k3s provider's own reason, embedded etcd's quorum")
  void twoServers() {
    Console.Run up = Console.once("up", "--host", "root@10.0.0.11", "--host", "root@[fd00::12]:2222",
        "--ssh-key", key.toString(), "--known-hosts", knownHosts.toString());

    assertThat(up.code()).isEqualTo(2);
    assertThat(up.err()).isEqualTo(problems("cannot set k3s up on these hosts: embedded etcd needs an odd number of"
        + " servers for quorum: 1, 3, 5, but was 2"));
  }

  @Test
  @DisplayName("SSH and k3s options without --host say they only apply with it")
  void strayOptions() {
    Console.Run up = Console.once("up", "--ssh-key", key.toString(), "--k3s-version", "v1.36.2+k3s1");

    assertThat(up.code()).isEqualTo(2);
    assertThat(up.err()).isEqualTo(problems(
        "--ssh-key only applies with --host, which names the hosts to set a cluster up on",
        "--k3s-version only applies with --host, which names the hosts to set a cluster up on"));
    assertThat(up.out()).isEmpty();
  }

  @Test
  @DisplayName("with --provider sealos: the k3s provider's options refused with why, and exactly one way to log in")
  void sealosOptions() {
    Console.Run up = Console.once("up", "--provider", "sealos", "--host", "root@10.0.0.11",
        "--known-hosts", knownHosts.toString(), "--k3s-version", "v1.36.2+k3s1");

    assertThat(up.code()).isEqualTo(2);
    assertThat(up.err()).isEqualTo(problems(
        "--known-hosts is the k3s provider's, and --provider sealos sets the hosts up with sealos, which checks no"
            + " host key itself (sealos v5.1.1 accepts any: lifecycle/pkg/ssh/option.go); check the hosts'"
            + " fingerprints before you run it",
        "--k3s-version is the k3s provider's, and --provider sealos sets the hosts up with sealos",
        "--provider sealos with --host needs exactly one of --ssh-key FILE and --ssh-password-file FILE: how sealos"
            + " logs in to the hosts"));
    assertThat(up.out()).isEmpty();
  }

  @Test
  @DisplayName("with --provider sealos: hosts a Clusterfile cannot hold, with the Clusterfile's own reasons")
  void sealosHosts() {
    Console.Run up = Console.once("up", "--provider", "sealos", "--host", "root@im-1.example.com",
        "--ssh-key", key.toString());

    assertThat(up.code()).isEqualTo(2);
    assertThat(up.err()).startsWith(problems("cannot set a cluster up with sealos on these hosts: ").strip())
        .contains("im-1.example.com");
  }

  @Test
  @DisplayName("the sealos provider's options with k3s hosts say they need --provider sealos")
  void sealosOptionsWithK3s() {
    Console.Run up = Console.once("up", "--host", "root@10.0.0.11", "--ssh-key", key.toString(),
        "--known-hosts", knownHosts.toString(), "--sealos-image", "ghcr.io/labring/sealos/kubernetes:v1.28.15", "--yes");

    assertThat(up.code()).isEqualTo(2);
    assertThat(up.err()).isEqualTo(problems(
        "--sealos-image only applies with --provider sealos, and the hosts are set up with k3s",
        "--yes only applies with --provider sealos, and the hosts are set up with k3s"));
  }

  @Test
  @DisplayName("the help names the options, what they need, and that hosts already set up are left alone")
  void helpExplains() {
    String text = Console.once("up", "--help").out().replaceAll("\\s+", " ");
    assertThat(text).contains("--host=USER@ADDRESS[:PORT]").contains("--agent=USER@ADDRESS[:PORT]")
        .contains("--ssh-key=FILE").contains("--known-hosts=FILE").contains("--k3s-version=VERSION")
        .contains("--k3s-binary=FILE").contains("--k3s-install-script=FILE").contains("--k3s-image=FILE")
        .contains("hosts already set up are left alone").doesNotContain("--k3s-root");
  }
}
