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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("A Job that failed on an earlier run")
class FailedJobIT {
  @Test
  @DisplayName("runs again on the next apply instead of failing the release for good")
  void runsAgain(LocalCluster cluster, TestNamespace namespace) {
    ClusterConnection connection = ClusterConnection.fromKubeconfig(cluster.adminKubeconfig());
    // an earlier run whose container failed (KWOK's chaos stage fails pods with this label)
    Manifest failing = job(namespace, Map.of("pod-container-running-failed.stage.kwok.x-k8s.io", "true"));
    new Applier(connection, false).apply(failing, Map.of());
    RolloutException failed = catchThrowableOfType(RolloutException.class,
        () -> new RolloutWaiter(connection).await(ObjectRef.of(failing), Duration.ofMinutes(1)));
    assertThat(failed.getMessage()).contains("the Job failed");

    DeploymentResult result;
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig())
        .objectTimeout(Duration.ofMinutes(1)).build()) {
      result = deployer.apply(new DeploymentPlan(DeploymentSpec.builder("fj").namespace(namespace.name()).build(),
          List.of(job(namespace, Map.of())), List.of()));
    }
    assertThat(result).as("%s", result).isInstanceOf(DeploymentResult.Succeeded.class);
  }

  private static Manifest job(TestNamespace namespace, Map<String, String> podLabels) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("apiVersion", "batch/v1");
    body.put("kind", "Job");
    body.put("metadata", Map.of("name", "once", "namespace", namespace.name()));
    body.put("spec", Map.of(
        "backoffLimit", 0,
        "template", Map.of(
            "metadata", Map.of("labels", podLabels),
            "spec", Map.of("restartPolicy", "Never",
                "containers", List.of(Map.of("name", "once", "image", "registry.invalid/once:1"))))));
    return new Manifest(Phase.INITIALIZATION, "batch/v1", "Job", namespace.name(), "once", body);
  }
}
