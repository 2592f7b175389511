/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The refusals of {@code up --real-node}, which need neither root nor a cluster. */
@DisplayName("up --real-node refuses, before anything starts")
class UpRealNodeTest {
  @TempDir Path temp;

  @Test
  @DisplayName("with --kubeconfig: --real-node only applies to the embedded cluster, and the file is not read")
  void refusedWithKubeconfig() {
    Path missing = temp.resolve("no-such-kubeconfig");
    AtomicBoolean checked = new AtomicBoolean();
    Console.Run up = run(() -> {
      checked.set(true);
      return Optional.empty();
    }, "up", "--real-node", "--kubeconfig", missing.toString());

    assertThat(up.code()).isEqualTo(2);
    assertThat(up.err()).isEqualTo("error: --real-node only applies to the embedded local cluster, and --kubeconfig "
        + missing + " names another cluster, whose own nodes run the pods; leave out one of the two\n");
    assertThat(up.out()).isEmpty();
    assertThat(checked).as("the host is not even checked").isFalse();
  }

  @Test
  @DisplayName("with --host: --real-node and the hosts exclude each other, and the machine is not even checked")
  void refusedWithHosts() {
    AtomicBoolean checked = new AtomicBoolean();
    Console.Run up = run(() -> {
      checked.set(true);
      return Optional.empty();
    }, "up", "--real-node", "--host", "root@10.0.0.11");

    assertThat(up.code()).isEqualTo(2);
    assertThat(up.err()).startsWith("error: the options do not fit together, so nothing was started or changed (3"
        + " problems):\n  - --real-node makes the embedded local cluster's node on this machine, and --host sets a cluster"
        + " up on other hosts; leave out one of the two\n  - --host needs --ssh-key FILE");
    assertThat(up.out()).isEmpty();
    assertThat(checked).isFalse();
  }

  @Test
  @DisplayName("on a machine that cannot run a real node: exit 2, one sentence with the check's reason, nothing started")
  void refusedWhereUnavailable() {
    String reason = "a real node needs containerd runc: install the Debian packages containerd, runc,"
        + " containernetworking-plugins and iptables (apt-get install containerd runc containernetworking-plugins"
        + " iptables)";
    Console.Run up = run(() -> Optional.of(reason), "up", "--real-node", "--exit");

    assertThat(up.code()).isEqualTo(2);
    assertThat(up.err()).isEqualTo(
        "error: --real-node: this machine cannot run a real node, so nothing was started: " + reason + "\n");
    assertThat(up.out()).as("no cluster was started").isEmpty();
  }

  @Test
  @DisplayName("the help says what the real node is, what it needs, and that pods stay in ImagePullBackOff without registries")
  void helpExplains() {
    Console.Run help = Console.once("up", "--help");
    String text = help.out().replaceAll("\\s+", " ");
    assertThat(text).contains("--real-node").contains("containerd, runc, kubelet, kube-proxy")
        .contains("root").contains("containernetworking-plugins").contains("ImagePullBackOff");
  }

  private static Console.Run run(java.util.function.Supplier<Optional<String>> unavailable, String... args) {
    CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    CommandLine up = new CommandLine(new UpCommand(unavailable)).setCaseInsensitiveEnumValuesAllowed(true);
    cli.getSubcommands().get("up").getCommandSpec().parent().removeSubcommand("up");
    cli.addSubcommand("up", up);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Console.Run(code, out.toString(), err.toString());
  }
}
