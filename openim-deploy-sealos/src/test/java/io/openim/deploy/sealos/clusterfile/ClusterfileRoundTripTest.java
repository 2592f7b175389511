/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Secret;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("toYaml() and parse() over many generated Clusterfiles")
class ClusterfileRoundTripTest {
  private static final int FILES = 1000;
  /** Change it, or set -Dclusterfile.seed, to draw other files; a failure names the seed to replay. */
  private static final long SEED = Long.getLong("clusterfile.seed", 20260601L);
  private static final Pattern TOP_LEVEL_STATUS = Pattern.compile("(?m)^status:");

  @Test
  @DisplayName("parse(toYaml()) is equal, writes the same text again, is Cluster first, has no status and no {{")
  void roundTrips() {
    RandomClusterfiles files = new RandomClusterfiles(SEED);
    for (int i = 0; i < FILES; i++) {
      Clusterfile file = files.next();
      String yaml = file.toYaml();
      String replay = "file " + i + " of seed " + SEED + ":\n" + yaml;

      Clusterfile back = Clusterfile.parse(yaml);

      assertThat(back).as(replay).isEqualTo(file);
      assertThat(back.toYaml()).as(replay).isEqualTo(yaml);
      assertThat(yaml).as(replay).startsWith("apiVersion: apps.sealos.io/v1beta1\nkind: Cluster\n")
          .doesNotContain("{{").doesNotContainPattern(TOP_LEVEL_STATUS);
      assertThat(yaml.split("(?m)^---$", -1)).as(replay).hasSize(1 + file.configs().size());
    }
  }

  @Test
  @DisplayName("the printable file is the file with each secret replaced by <redacted>, and parses as such")
  void printableMasksOnlyTheSecrets() {
    RandomClusterfiles files = new RandomClusterfiles(SEED + 1);
    for (int i = 0; i < FILES / 4; i++) {
      Clusterfile file = files.next();
      String printable = file.toPrintableYaml();
      Ssh ssh = file.ssh();
      Ssh masked = new Ssh(ssh.user(), ssh.port(), ssh.privateKey(),
          ssh.password() == null ? null : Secret.of("<redacted>"),
          ssh.keyPassphrase() == null ? null : Secret.of("<redacted>"));

      assertThat(Clusterfile.parse(printable)).as("file %d of seed %d:\n%s", i, SEED + 1, printable)
          .isEqualTo(new Clusterfile(file.name(), file.images(), masked, file.hosts(), file.env(), file.command(),
              file.configs()));
    }
  }
}
