/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.core.KubernetesDeployer;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("Waiting for a Deployment: its own progress deadline, and what the message says about old pods")
class RolloutDeadlineIT {
  @Test
  @DisplayName("a rollout that cannot finish fails when the controller reports ProgressDeadlineExceeded, not at the shorter object timeout")
  void waitsForTheProgressDeadline(LocalCluster cluster, TestNamespace namespace) {
    Manifest stuck = deployment(namespace, "stuck", 12, Map.of("no-such-node", "true"), 0, "v1");
    DeploymentResult result;
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig())
        .objectTimeout(Duration.ofSeconds(2)).timeout(Duration.ofMinutes(2)).build()) {
      result = deployer.apply(plan(namespace, stuck));
    }
    assertThat(result).isInstanceOf(DeploymentResult.Failed.class);
    DeploymentResult.Failed failed = (DeploymentResult.Failed) result;
    assertThat(failed.reason()).startsWith("Deployment/" + namespace.name() + "/stuck: its progress deadline of 12 s"
            + " passed (the controller reports ProgressDeadlineExceeded: ")
        .contains("is Unschedulable");
    assertThat(failed.took()).as("the controller needs the whole progress deadline to report it")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(12));
  }

  @Test
  @DisplayName("an overall timeout shorter than the progress deadline ends the wait, and the message says so")
  void overallTimeoutFirst(LocalCluster cluster, TestNamespace namespace) {
    Manifest stuck = deployment(namespace, "slow", 600, Map.of("no-such-node", "true"), 0, "v1");
    DeploymentResult result;
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig())
        .objectTimeout(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(8)).build()) {
      result = deployer.apply(plan(namespace, stuck));
    }
    assertThat(result).isInstanceOf(DeploymentResult.Failed.class);
    assertThat(((DeploymentResult.Failed) result).reason())
        .startsWith("Deployment/" + namespace.name() + "/slow: not rolled out after ")
        .contains(", the time it was given, before its own progress deadline of 600 s passed (")
        .doesNotContain("ProgressDeadlineExceeded");
    assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("old pods that are unavailable but not deleted are old replicas not yet scaled down, not terminating")
  void oldPodsAreNotTerminating(LocalCluster cluster, TestNamespace namespace) {
    ClusterConnection connection = ClusterConnection.fromKubeconfig(cluster.adminKubeconfig());
    Applier applier = new Applier(connection, false);
    // minReadySeconds of an hour: the pods turn ready but never available, so the old one must stay
    applier.apply(deployment(namespace, "web", 7200, Map.of(), 3600, "v1"), Map.of());
    Manifest second = deployment(namespace, "web", 7200, Map.of(), 3600, "v2");
    applier.apply(second, Map.of());
    awaitNewReplicaSet(applier, ObjectRef.of(second));

    RolloutException e = catchThrowableOfType(RolloutException.class,
        () -> new RolloutWaiter(connection).await(ObjectRef.of(second), Duration.ofSeconds(6)));
    assertThat(e.getMessage()).contains("not rolled out after 6 s, the time it was given, before its own progress"
            + " deadline of 7200 s passed").contains("1 updated, 0 available, 1 old replica not yet scaled down")
        .doesNotContain("pods terminating").doesNotContain("pod terminating");
  }

  /** Until the controller has seen the second template and made its first replica (not a fixed wait). */
  private static void awaitNewReplicaSet(Applier applier, ObjectRef ref) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      KubeObject live = applier.read(ref).orElseThrow();
      if (live.integer("status", "observedGeneration").orElse(0) >= 2
          && live.integer("status", "updatedReplicas").orElse(0) >= 1) {
        return;
      }
      assertThat(Instant.now()).as("the controller took the second template within a minute").isBefore(deadline);
      try {
        Thread.sleep(100); // polls the condition above
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static DeploymentPlan plan(TestNamespace namespace, Manifest manifest) {
    return new DeploymentPlan(DeploymentSpec.builder("dl").namespace(namespace.name()).build(), List.of(manifest),
        List.of());
  }

  private static Manifest deployment(TestNamespace namespace, String name, int progressDeadline,
      Map<String, String> nodeSelector, int minReadySeconds, String version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("apiVersion", "apps/v1");
    body.put("kind", "Deployment");
    body.put("metadata", Map.of("name", name, "namespace", namespace.name()));
    body.put("spec", Map.of(
        "replicas", 1,
        "progressDeadlineSeconds", progressDeadline,
        "minReadySeconds", minReadySeconds,
        "selector", Map.of("matchLabels", Map.of("app", name)),
        "template", Map.of(
            "metadata", Map.of("labels", Map.of("app", name), "annotations", Map.of("version", version)),
            "spec", Map.of(
                "nodeSelector", nodeSelector,
                "containers", List.of(Map.of("name", name, "image", "registry.invalid/" + name + ":1"))))));
    return new Manifest(Phase.OPENIM_EDGE, "apps/v1", "Deployment", namespace.name(), name, body);
  }
}
