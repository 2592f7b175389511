/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.local.LocalCluster;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code up --real-node} on this machine: the embedded cluster starts with a real node and the plan
 * is applied to it, and what {@code up} prints is what happened. The build machines reach no
 * image registry, so the real node's pulls fail; the test gives {@code up} one minute and expects
 * the honest failure naming the pulls, where KWOK would have reported every pod Ready. On a machine
 * that reaches Docker Hub the pulls may succeed and the rollout take longer than that minute, so
 * the test then only demands that up does not claim success without it. Skipped, with the reason,
 * where this machine cannot run a real node.
 */
@DisplayName("up --real-node brings the plan onto a real node and says what really happened")
class RealNodeUpIT {
  @BeforeAll
  static void realNodeRunsHere() {
    Optional<String> unavailable = LocalCluster.realNodeUnavailable();
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "no real node here: " + unavailable.orElse(""));
  }

  @Test
  @DisplayName("starts the cluster with only the real node, applies the plan, and fails at --timeout naming the image pulls")
  void upOnTheRealNode() {
    Console.Run up = Console.once("up", "--real-node", "--skip-image-check", "--exit", "--timeout", "1");

    assertThat(up.out()).startsWith("Starting the embedded local cluster with a real node")
        .contains("Real node: real-node-0;")
        .contains("Images not checked (--skip-image-check)")
        .contains("  created ConfigMap/openim/openim-config")
        .contains("  created StatefulSet/openim/openim-mongodb");
    if (up.code() == 0) {
      // the registries answered and everything rolled out within the minute: then it is really up
      assertThat(up.out()).contains("OpenIM v3.8.3-patch.15 is up in openim/openim");
      return;
    }
    assertThat(up.code()).as(up.err()).isEqualTo(1);
    assertThat(up.out()).as("no claim that OpenIM is up").doesNotContain(" is up in ");
    assertThat(up.err()).as("the waiter's failure, in Kubernetes' words")
        .containsPattern("error: StatefulSet/openim/openim-\\w+: not rolled out after \\d+ s")
        .containsPattern("container \\w+ is (ImagePullBackOff|ErrImagePull): .*docker\\.io/")
        .contains("The embedded local cluster is stopped and removed now, with what was applied.")
        .contains("The real node could not pull images")
        .doesNotContain("stays applied");
  }

  @Test
  @DisplayName("checks the images for the real node's platform, since it pulls them, and refuses what it cannot pull")
  void checksImagesForTheRealNode() {
    Console.Run up = Console.once("up", "--real-node", "--exit", "--timeout", "1");

    assertThat(up.out()).contains("Real node: real-node-0;")
        .doesNotContain("Images not checked")
        .containsPattern("Checking \\d+ images for linux/(amd64|arm64) in their registries");
    if (up.code() == 3) {
      assertThat(up.err()).contains("images cannot be pulled as the plan says; up refused, nothing in the cluster"
          + " was changed");
      assertThat(up.out()).doesNotContain("  created ");
    } else {
      // the registries answered: the apply went on, and up says only what happened
      assertThat(up.code()).as(up.err()).isIn(0, 1);
    }
  }
}
