/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import static io.openim.deploy.core.render.TopologyTest.container;
import static io.openim.deploy.core.render.TopologyTest.env;
import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Offline push: off unless the spec configures a provider")
class OfflinePushTest {
  private static final String VARIABLE = "IMENV_OPENIM_PUSH_ENABLE";

  @Test
  @DisplayName("by default push gets enable=none (no pusher, so no calls to getui's placeholder app) and the plan says so")
  void offByDefault() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim").build());
    assertThat(env(container(plan, "openim-push"))).containsEntry(VARIABLE, "none");
    for (Manifest m : plan.manifests()) {
      if (m.kind().equals("Deployment") && !m.name().equals("openim-push")) {
        assertThat(env(container(plan, m.name()))).as(m.name()).doesNotContainKey(VARIABLE);
      }
    }
    assertThat(plan.warnings()).anyMatch(w -> w.startsWith("offline push is off (" + VARIABLE + "=none)")
        && w.contains("server/openim-push.yml") && w.contains("components.push.env"));
  }

  @Test
  @DisplayName("the spec's own openim-push.yml decides: no override, and the plan names the file's provider")
  void specFileDecides() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim")
        .configFile("server/openim-push.yml", "enable: fcm\nfcm:\n  filePath: fcm.json\n").build());
    assertThat(env(container(plan, "openim-push"))).doesNotContainKey(VARIABLE);
    assertThat(plan.warnings()).noneMatch(w -> w.startsWith("offline push is off"))
        .anyMatch(w -> w.equals("offline push: server/openim-push.yml from configFiles decides it (enable: fcm)"));
  }

  @Test
  @DisplayName("the variable in push's env decides, with the spec's value")
  void specEnvDecides() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim")
        .env(Component.PUSH, VARIABLE, "jpush").build());
    assertThat(env(container(plan, "openim-push"))).containsEntry(VARIABLE, "jpush");
    assertThat(plan.warnings()).noneMatch(w -> w.startsWith("offline push is off"))
        .anyMatch(w -> w.startsWith("offline push: " + VARIABLE + "=jpush from components.push.env"));
  }
}
