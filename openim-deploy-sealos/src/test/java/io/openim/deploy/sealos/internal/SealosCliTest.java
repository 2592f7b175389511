/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.openim.deploy.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SealosCliTest extends WithStandInSealos {
  /** A Clusterfile as the Clusterfile model writes it: one master, one node, an SSH password. */
  static final String CLUSTERFILE = StandInSealos.CLUSTER_AND_HOSTS + """
        image:
        - ghcr.io/labring/sealos/kubernetes:v1.28.15
        - ghcr.io/labring/sealos/helm:v3.16.2
        ssh:
          user: root
          passwd: Hunter2-not-for-logs
          port: 22
      """;

  @Nested
  @DisplayName("apply")
  class Apply {
    @Test
    @DisplayName("creates the cluster: the saved Clusterfile and admin.conf appear, output streams as events, exit 0")
    void creates() {
      sealos.cli().build().apply(sealos.file("Clusterfile", CLUSTERFILE));

      assertThat(sealos.savedClusterfile("default")).content().contains("phase: ClusterSuccess");
      assertThat(sealos.runtimeRoot.resolve("default/etc/admin.conf")).exists();
      assertThat(sealos.calls()).containsExactly("apply -f " + dir.resolve("Clusterfile"));
      assertThat(sealos.outputLines()).containsExactly("succeeded in creating a new cluster, enjoy it!");
      assertThat(sealos.finished()).singleElement().satisfies(e -> {
        assertThat(e.exitCode()).isZero();
        assertThat(e.command()).isEqualTo("sealos apply -f " + dir.resolve("Clusterfile"));
      });
    }

    @Test
    @DisplayName("the same file again is run and changes nothing: sealos says no nodes need scaling")
    void idempotent() {
      SealosCli cli = sealos.cli().build();
      Path file = sealos.file("Clusterfile", CLUSTERFILE);
      cli.apply(file);
      String saved = cli.savedClusterfile().orElseThrow();

      cli.apply(file);

      assertThat(sealos.calls()).hasSize(2);
      assertThat(sealos.outputLines()).last().isEqualTo("no nodes that need to be scaled");
      assertThat(cli.savedClusterfile()).contains(saved);
    }

    @Test
    @DisplayName("exit 1 is an error naming the step, the exit code, what next, and the output's tail")
    void failure() {
      sealos.knobs("FAIL='ssh: connect to host 10.0.0.3 port 22: connection refused'");

      SealosException e = catchThrowableOfType(SealosException.class,
          () -> sealos.cli().build().apply(sealos.file("Clusterfile", CLUSTERFILE)));

      assertThat(e.step()).isEqualTo("sealos apply -f " + dir.resolve("Clusterfile"));
      assertThat(e.exitCode()).hasValue(1);
      assertThat(e.timedOut()).isFalse();
      assertThat(e.tail()).containsExactly("Error: ssh: connect to host 10.0.0.3 port 22: connection refused");
      assertThat(e).hasMessageContaining("failed with exit code 1")
          .hasMessageContaining("its last line: Error: ssh: connect to host 10.0.0.3")
          .hasMessageContaining("Fix the hosts or the settings and apply again")
          .hasMessageEndingWith("\n  Error: ssh: connect to host 10.0.0.3 port 22: connection refused");
      assertThat(sealos.finished()).singleElement().satisfies(f -> assertThat(f.exitCode()).isEqualTo(1));
    }

    @Test
    @DisplayName("after a first apply failed halfway (saved in phase ClusterFailed), apply is refused with how to"
        + " start over, since sealos would mark the cluster a success without doing again what failed")
    void halfSetUp() {
      sealos.knobs("FAIL='failed to init masters'");
      SealosCli cli = sealos.cli().build();
      Path file = sealos.file("Clusterfile", CLUSTERFILE);
      assertThatThrownBy(() -> cli.apply(file)).isInstanceOf(SealosException.class);
      sealos.knobs("");

      assertThatThrownBy(() -> cli.apply(file)).isInstanceOf(SealosException.class)
          .hasMessageContaining("is in phase ClusterFailed: an earlier apply failed halfway")
          .hasMessageContaining("Run 'sealos reset --force' on this machine");
      assertThat(sealos.calls()).as("sealos ran once, for the first apply").hasSize(1);
    }

    @Test
    @DisplayName("a file that leaves out a joined host is refused unless confirmed, since sealos would remove it")
    void removesHost() {
      SealosCli cli = sealos.cli().build();
      cli.apply(sealos.file("Clusterfile", CLUSTERFILE));
      String masterOnly = CLUSTERFILE.replace("  - ips:\n    - 10.0.0.3:22\n    roles:\n    - node\n    - amd64\n", "");
      assertThat(masterOnly).isNotEqualTo(CLUSTERFILE);
      Path smaller = sealos.file("Clusterfile", masterOnly);

      assertThatThrownBy(() -> cli.apply(smaller)).isInstanceOf(SealosException.class)
          .hasMessageContaining("the Clusterfile leaves out 10.0.0.3:22")
          .hasMessageContaining("sealos apply would remove them from it without asking");
      assertThat(sealos.calls()).hasSize(1);

      sealos.cli().confirm(true).build().apply(smaller);
      assertThat(sealos.calls()).hasSize(2);
    }

    @Test
    @DisplayName("a Clusterfile for another cluster is refused before sealos runs")
    void otherCluster() {
      Path file = sealos.file("Clusterfile", CLUSTERFILE.replace("name: default", "name: prod"));

      assertThatThrownBy(() -> sealos.cli().build().apply(file)).isInstanceOf(SealosException.class)
          .hasMessageContaining("is for cluster 'prod', but this is set up for cluster 'default'");
      assertThat(sealos.calls()).isEmpty();
    }

    @Test
    @DisplayName("an executable that is not there is a clear error")
    void noExecutable() {
      SealosCli cli = SealosCli.builder(dir.resolve("nowhere/sealos")).runtimeRoot(sealos.runtimeRoot).build();

      assertThatThrownBy(() -> cli.apply(sealos.file("Clusterfile", CLUSTERFILE))).isInstanceOf(SealosException.class)
          .hasMessageContaining("was not run: cannot start " + dir.resolve("nowhere/sealos"))
          .satisfies(e -> assertThat(((SealosException) e).exitCode()).isEmpty());
    }
  }

  @Nested
  @DisplayName("a prompt (apply of a file with a creationTimestamp and no saved state)")
  class Prompt {
    Path file;

    @BeforeEach
    void file() {
      file = sealos.file("Clusterfile", CLUSTERFILE.replace("  name: default\n",
          "  name: default\n  creationTimestamp: \"2026-01-02T03:04:05Z\"\n"));
    }

    @Test
    @DisplayName("confirmed: sealos reads this machine's host name from standard input and goes on")
    void confirmed() throws IOException {
      sealos.cli().confirm(true).build().apply(file);

      String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      assertThat(sealos.answers()).containsExactly("read:" + hostName);
      assertThat(sealos.savedClusterfile("default")).exists();
    }

    @Test
    @DisplayName("not confirmed: nothing is written to standard input, sealos reads end-of-file, and the error says what to pass")
    void notConfirmed() {
      SealosException e = catchThrowableOfType(SealosException.class, () -> sealos.cli().build().apply(file));

      assertThat(sealos.answers()).containsExactly("eof");
      assertThat(e).hasMessageContaining("sealos asked for confirmation")
          .hasMessageContaining("pass --yes / confirm(true)");
      assertThat(e.exitCode()).hasValue(1);
      assertThat(sealos.savedClusterfile("default")).doesNotExist();
    }

    @Test
    @DisplayName("a file without a creationTimestamp does not prompt")
    void noTimestamp() {
      sealos.cli().build().apply(sealos.file("Clusterfile", CLUSTERFILE));

      assertThat(sealos.answers()).isEmpty();
    }
  }

  @Test
  @DisplayName("a slow step is stopped at the timeout with every process it started, and the error names the timeout")
  void timeout() {
    sealos.knobs("SLOW=1");
    SealosCli cli = sealos.cli().stepTimeout(Duration.ofSeconds(2)).build();

    SealosException e = catchThrowableOfType(SealosException.class,
        () -> cli.apply(sealos.file("Clusterfile", CLUSTERFILE)));

    assertThat(e.timedOut()).isTrue();
    assertThat(e.exitCode()).hasValue(-1);
    assertThat(e).hasMessageContaining("did not finish within its timeout of 2.0 s and was stopped")
        .hasMessageContaining("stepTimeout(...)");
    assertThat(e.tail()).containsExactly("waiting for the hosts");
    for (String pid : List.of("sealos.pid", "sleep.pid")) {
      assertThat(ProcessHandle.of(sealos.pid(pid)).filter(ProcessHandle::isAlive)).as(pid).isEmpty();
    }
    assertThat(sealos.finished()).singleElement().satisfies(f -> assertThat(f.exitCode()).isEqualTo(-1));
    assertThat(sealos.savedClusterfile("default")).doesNotExist();
  }

  @Test
  @DisplayName("a masked secret sealos prints reaches neither events nor exceptions")
  void masking() {
    Secret password = Secret.of("Hunter2-not-for-logs");
    sealos.knobs("ECHO_SSH=1\nFAIL='cannot log in with password Hunter2-not-for-logs'");
    SealosCli cli = sealos.cli().masked(List.of(password)).build();

    SealosException e = catchThrowableOfType(SealosException.class,
        () -> cli.apply(sealos.file("Clusterfile", CLUSTERFILE)));

    assertThat(sealos.outputLines()).contains("    passwd: <redacted>", "Error: cannot log in with password <redacted>");
    assertThat(sealos.events).isNotEmpty().allSatisfy(event ->
        assertThat(event.toString()).doesNotContain(password.reveal()));
    assertThat(e).hasMessageContaining("<redacted>").hasMessageNotContaining(password.reveal());
    assertThat(e.tail()).noneMatch(line -> line.contains(password.reveal()));
  }

  @Nested
  @DisplayName("the kubeconfig")
  class Kubeconfig {
    @Test
    @DisplayName("is sealos's admin.conf with the server moved to the master address, the port kept")
    void reachable() throws IOException {
      SealosCli cli = sealos.cli().build();
      cli.apply(sealos.file("Clusterfile", CLUSTERFILE));
      String written = Files.readString(sealos.runtimeRoot.resolve("default/etc/admin.conf"));

      String kubeconfig = cli.kubeconfig("10.0.0.1");

      assertThat(written).isEqualTo(StandInSealos.resource("admin.conf"));
      assertThat(kubeconfig).isEqualTo(written.replace("https://apiserver.cluster.local:6443", "https://10.0.0.1:6443"));
    }

    @Test
    @DisplayName("absent, it is an error naming where sealos puts it")
    void absent() {
      assertThatThrownBy(() -> sealos.cli().build().kubeconfig("10.0.0.1")).isInstanceOf(SealosException.class)
          .hasMessageContaining("there is no " + sealos.runtimeRoot.resolve("default/etc/admin.conf"))
          .hasMessageContaining("apply(...) or run(...) first");
    }

    @Test
    @DisplayName("an address with a port is refused at once")
    void port() {
      assertThatThrownBy(() -> sealos.cli().build().kubeconfig("10.0.0.1:6443"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a scheme or a port");
    }
  }
}
