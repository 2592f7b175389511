/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The steps sealos does not make idempotent itself, made safe to repeat, against the stand-in. */
class SealosCliStepsTest extends WithStandInSealos {
  static final String KUBERNETES = "ghcr.io/labring/sealos/kubernetes:v1.28.15";
  static final String HELM = "ghcr.io/labring/sealos/helm:v3.16.2";

  /** What sealos leaves in ~/.sealos/default/Clusterfile: master0 10.0.0.1, node 10.0.0.3, Kubernetes installed. */
  static final String SAVED = StandInSealos.CLUSTER_AND_HOSTS + """
        image:
        - %s
      status:
        phase: ClusterSuccess
      """.formatted(KUBERNETES);

  @Nested
  @DisplayName("add")
  class Add {
    @Test
    @DisplayName("leaves a host already joined out, so sealos adds only the new one; again, sealos is not run")
    void joinedHost() {
      sealos.saveCluster(SAVED);
      SealosCli cli = sealos.cli().build();

      cli.add(List.of(), List.of("10.0.0.3", "10.0.0.4"));
      cli.add(List.of(), List.of("10.0.0.3", "10.0.0.4:22"));

      assertThat(sealos.calls()).containsExactly("add --nodes 10.0.0.4");
      assertThat(cli.savedCluster().orElseThrow().nodes()).containsExactlyInAnyOrder("10.0.0.3:22", "10.0.0.4:22");
    }

    @Test
    @DisplayName("the stand-in, like sealos, fails on a joined host: what the check above avoids")
    void standInFailsOnJoinedHost() throws IOException {
      sealos.saveCluster(SAVED);

      ProcessRunner.Result raw = sealos.raw("add", "--nodes", "10.0.0.3");

      assertThat(raw.exitCode()).isEqualTo(1);
      assertThat(raw.tail()).containsExactly("Error: host 10.0.0.3 already joined");
    }

    @Test
    @DisplayName("a host joined as a node, given as a master, is refused before sealos runs")
    void otherRole() {
      sealos.saveCluster(SAVED);

      assertThatThrownBy(() -> sealos.cli().build().add(List.of("10.0.0.3"), List.of()))
          .isInstanceOf(SealosException.class).hasMessageContaining("10.0.0.3 is a node, not a master");
      assertThat(sealos.calls()).isEmpty();
    }

    @Test
    @DisplayName("without a cluster, the error says to create it first")
    void noCluster() {
      assertThatThrownBy(() -> sealos.cli().build().add(List.of(), List.of("10.0.0.4")))
          .isInstanceOf(SealosException.class).hasMessageContaining("there is no cluster 'default'")
          .hasMessageContaining("apply(...) or run(...) first");
    }
  }

  @Nested
  @DisplayName("reset")
  class Reset {
    @Test
    @DisplayName("renames the saved Clusterfile; a second reset does nothing and returns false instead of failing")
    void twice() throws IOException {
      Path saved = sealos.saveCluster(SAVED);
      SealosCli cli = sealos.cli().confirm(true).build();

      assertThat(cli.reset()).isTrue();
      assertThat(cli.reset()).isFalse();

      assertThat(sealos.calls()).containsExactly("reset --force");
      assertThat(saved).doesNotExist();
      try (Stream<Path> files = Files.list(saved.getParent())) {
        assertThat(files.map(p -> p.getFileName().toString())).anyMatch(name -> name.matches("Clusterfile\\.\\d+"));
      }
      ProcessRunner.Result raw = sealos.raw("reset", "--force");
      assertThat(raw.tail()).as("what a second sealos reset does").containsExactly("Error: clusterfile must exist");
    }

    @Test
    @DisplayName("not confirmed: sealos prompts, reads end-of-file, and the cluster stays")
    void notConfirmed() {
      Path saved = sealos.saveCluster(SAVED);

      assertThatThrownBy(() -> sealos.cli().build().reset()).isInstanceOf(SealosException.class)
          .hasMessageContaining("'sealos reset' failed with exit code 1").hasMessageContaining("pass --yes / confirm(true)");
      assertThat(sealos.answers()).containsExactly("eof");
      assertThat(saved).exists();
    }
  }

  @Nested
  @DisplayName("run")
  class Run {
    @Test
    @DisplayName("of an installed image without reinstall: sealos is not run; a new image beside it is run alone")
    void installed() {
      sealos.saveCluster(SAVED);
      SealosCli cli = sealos.cli().build();

      cli.run(List.of(KUBERNETES), List.of(), List.of(), false);
      cli.run(List.of(KUBERNETES, HELM), List.of("10.0.0.1"), List.of(), false);

      assertThat(sealos.calls()).containsExactly("run " + HELM);
      assertThat(cli.savedCluster().orElseThrow().images()).containsExactlyInAnyOrder(KUBERNETES, HELM);
      assertThat(sealos.answers()).isEmpty();
    }

    @Test
    @DisplayName("of an installed image with reinstall, confirmed: -f, so sealos re-runs its CMD without a prompt")
    void reinstallConfirmed() {
      sealos.saveCluster(SAVED);

      sealos.cli().confirm(true).build().run(List.of(KUBERNETES), List.of(), List.of(), true);

      assertThat(sealos.calls()).containsExactly("run -f " + KUBERNETES);
      assertThat(sealos.outputLines()).containsExactly("running the CMD of " + KUBERNETES + " again");
      assertThat(sealos.answers()).isEmpty();
    }

    @Test
    @DisplayName("of an installed image with reinstall, not confirmed: sealos prompts, reads end-of-file, and the error says what to pass")
    void reinstallNotConfirmed() {
      sealos.saveCluster(SAVED);

      SealosException e = catchThrowableOfType(SealosException.class,
          () -> sealos.cli().build().run(List.of(KUBERNETES), List.of(), List.of(), true));

      assertThat(sealos.calls()).containsExactly("run " + KUBERNETES);
      assertThat(sealos.answers()).containsExactly("eof");
      assertThat(e).hasMessageContaining("pass --yes / confirm(true)");
      assertThat(e.tail()).contains("image " + KUBERNETES + " is already installed; override it?");
    }

    @Test
    @DisplayName("on a new cluster: the masters and nodes go to sealos, and masters are required")
    void newCluster() {
      SealosCli cli = sealos.cli().build();

      assertThatThrownBy(() -> cli.run(List.of(KUBERNETES), List.of(), List.of("10.0.0.3"), false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name the masters");
      cli.run(List.of(KUBERNETES, HELM), List.of("10.0.0.1"), List.of("10.0.0.3"), false);

      assertThat(sealos.calls()).containsExactly("run --masters 10.0.0.1 --nodes 10.0.0.3 " + KUBERNETES + " " + HELM);
      SavedCluster saved = cli.savedCluster().orElseThrow();
      assertThat(saved.masters()).containsExactly("10.0.0.1:22");
      assertThat(saved.phase()).isEqualTo(SavedCluster.SUCCESS);
    }

    @Test
    @DisplayName("refuses a cluster not in phase ClusterSuccess, and a host not joined, before sealos runs")
    void refused() {
      sealos.saveCluster(SAVED.replace("phase: ClusterSuccess", "phase: ClusterFailed"));
      assertThatThrownBy(() -> sealos.cli().build().run(List.of(HELM), List.of(), List.of(), false))
          .isInstanceOf(SealosException.class).hasMessageContaining("is in phase ClusterFailed");

      sealos.saveCluster(SAVED);
      assertThatThrownBy(() -> sealos.cli().build().run(List.of(HELM), List.of(), List.of("10.0.0.9"), false))
          .isInstanceOf(SealosException.class).hasMessageContaining("hosts [10.0.0.9] are not in cluster 'default'");
      assertThat(sealos.calls()).isEmpty();
    }

    @Test
    @DisplayName("a cluster other than default is named with --cluster after the subcommand")
    void otherCluster() {
      sealos.file("sealos-root/prod/Clusterfile", SAVED.replace("name: default", "name: prod"));

      sealos.cli().cluster("prod").build().run(List.of(HELM), List.of(), List.of(), false);

      assertThat(sealos.calls()).containsExactly("run --cluster prod " + HELM);
    }
  }

  @Nested
  @DisplayName("delete")
  class Delete {
    @Test
    @DisplayName("leaves a host not joined out; with only such hosts, sealos is not run")
    void notJoined() {
      sealos.saveCluster(SAVED);
      SealosCli cli = sealos.cli().confirm(true).build();

      cli.delete(List.of(), List.of("10.0.0.9"));
      cli.delete(List.of(), List.of("10.0.0.3", "10.0.0.9"));
      cli.delete(List.of(), List.of("10.0.0.3"));

      assertThat(sealos.calls()).containsExactly("delete --nodes 10.0.0.3 --force");
      assertThat(cli.savedCluster().orElseThrow().nodes()).isEmpty();
    }

    @Test
    @DisplayName("refuses master0, which sealos cannot delete")
    void master0() {
      sealos.saveCluster(SAVED);

      assertThatThrownBy(() -> sealos.cli().confirm(true).build().delete(List.of("10.0.0.1:22"), List.of()))
          .isInstanceOf(SealosException.class).hasMessageContaining("10.0.0.1 is master0 of cluster 'default'");
      assertThat(sealos.calls()).isEmpty();
    }

    @Test
    @DisplayName("not confirmed: no --force, sealos prompts and reads end-of-file, and the error says what to pass")
    void notConfirmed() {
      sealos.saveCluster(SAVED);

      assertThatThrownBy(() -> sealos.cli().build().delete(List.of(), List.of("10.0.0.3")))
          .isInstanceOf(SealosException.class).hasMessageContaining("pass --yes / confirm(true)");
      assertThat(sealos.calls()).containsExactly("delete --nodes 10.0.0.3");
      assertThat(sealos.answers()).containsExactly("eof");
    }
  }
}
