/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.core.render.Topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.local.ControlPlaneBinaries;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster
@DisplayName("The commands ReleaseAccess prints read the chat credentials out of the release's Secret")
class ReleaseAccessIT {
  @Test
  @DisplayName("each printed command, run with kubectl, prints its credential; the lines themselves hold none")
  void commandsReadTheSecret(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace(namespace.name()).build();
    DeploymentPlan plan = Topology.plan(spec);
    new Applier(ClusterConnection.fromKubeconfig(cluster.adminKubeconfig()), false)
        .apply(plan.find("Secret", "im-credentials").orElseThrow(), Map.of());
    ReleaseRef release = ReleaseRef.of(spec);
    List<String> lines = ReleaseAccess.chat(release);
    for (SecretKey key : List.of(SecretKey.CHAT_ADMIN_PASSWORD, SecretKey.CHAT_SUPER_CODE)) {
      String command = ReleaseAccess.read(release, key);
      assertThat(lines).anyMatch(line -> line.endsWith(command) && line.contains(key.secretKey()));
      assertThat(String.join("\n", lines)).doesNotContain(spec.secret(key).reveal());
      assertThat(run(cluster, command)).isEqualTo(spec.secret(key).reveal());
    }
    assertThat(lines.get(0)).contains("account chatAdmin");
    assertThat(ReleaseAccess.runsChat(release, List.of("im-api", "im-admin-api"))).isTrue();
    assertThat(ReleaseAccess.runsChat(release, List.of("im-api"))).isFalse();
  }

  private static String run(LocalCluster cluster, String command) throws Exception {
    String bin = ControlPlaneBinaries.locate().file("kubectl").getParent().toString();
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", command);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("KUBECONFIG", cluster.adminKubeconfigFile().toString());
    Process process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    return out;
  }
}
