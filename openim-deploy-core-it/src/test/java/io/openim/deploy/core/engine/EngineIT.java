/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.util.generic.options.PatchOptions;
import io.openim.deploy.Manifest;
import io.openim.deploy.Outcome;
import io.openim.deploy.Phase;
import io.openim.deploy.core.render.PlanYaml;
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
@DisplayName("The engine: apply conflicts and rollouts that fail")
class EngineIT {
  /** KWOK's chaos stage fails the containers of pods with this label. */
  private static final String FAIL = "pod-container-running-failed.stage.kwok.x-k8s.io";

  @Test
  @DisplayName("a field owned by another manager is a conflict naming it; force takes the field over")
  void conflicts(LocalCluster cluster, TestNamespace namespace) {
    ClusterConnection connection = ClusterConnection.fromKubeconfig(cluster.adminKubeconfig());
    Applier ours = new Applier(connection, false);
    assertThat(ours.apply(configMap(namespace, "blue"), Map.of()).outcome()).isEqualTo(Outcome.CREATED);
    assertThat(ours.apply(configMap(namespace, "blue"), Map.of()).outcome()).isEqualTo(Outcome.UNCHANGED);

    // someone else takes the field with kubectl-style force
    Manifest theirs = configMap(namespace, "red");
    new OtherManager(connection).take(theirs);

    RolloutException conflict = catchThrowableOfType(RolloutException.class,
        () -> ours.apply(configMap(namespace, "green"), Map.of()));
    assertThat(conflict.object()).isEqualTo("ConfigMap/" + namespace.name() + "/settings");
    assertThat(conflict.getMessage()).contains("conflicts with fields owned by other managers")
        .contains(".data.colour").contains("kubectl-edit").contains("Apply with force");

    assertThat(new Applier(connection, true).apply(configMap(namespace, "green"), Map.of()).outcome())
        .isEqualTo(Outcome.CHANGED);
  }

  @Test
  @DisplayName("a Deployment whose containers keep failing times out, named, with the reason on its pods")
  void failingContainers(LocalCluster cluster, TestNamespace namespace) {
    ClusterConnection connection = ClusterConnection.fromKubeconfig(cluster.adminKubeconfig());
    // its pods turn Ready, then their containers die a moment later, as in a crash loop;
    // minReadySeconds keeps the brief readiness from counting as available
    Manifest deployment = workload(namespace, "Deployment", "apps/v1", "crashy", Map.of(
        "replicas", 1,
        "minReadySeconds", 5,
        "selector", Map.of("matchLabels", Map.of("app", "crashy")),
        "template", pod("crashy", "Always")));
    new Applier(connection, false).apply(deployment, Map.of());

    Instant start = Instant.now();
    RolloutException e = catchThrowableOfType(RolloutException.class,
        () -> new RolloutWaiter(connection).await(ObjectRef.of(deployment), Duration.ofSeconds(8)));
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
    assertThat(e.getMessage()).startsWith("Deployment/" + namespace.name() + "/crashy: not rolled out after 8 s")
        .contains("terminated with exit code 1 (containerFailed: container failed)");
  }

  @Test
  @DisplayName("a failed Job fails the wait at once, with the Job's own reason")
  void failedJob(LocalCluster cluster, TestNamespace namespace) {
    ClusterConnection connection = ClusterConnection.fromKubeconfig(cluster.adminKubeconfig());
    Manifest job = workload(namespace, "Job", "batch/v1", "doomed", Map.of(
        "backoffLimit", 0,
        "template", pod("doomed", "Never")));
    new Applier(connection, false).apply(job, Map.of());

    RolloutException e = catchThrowableOfType(RolloutException.class,
        () -> new RolloutWaiter(connection).await(ObjectRef.of(job), Duration.ofMinutes(2)));
    assertThat(e.getMessage()).startsWith("Job/" + namespace.name() + "/doomed: the Job failed: BackoffLimitExceeded");
  }

  private static Manifest configMap(TestNamespace namespace, String colour) {
    return new Manifest(Phase.CONFIGURATION, "v1", "ConfigMap", namespace.name(), "settings", Map.of(
        "apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "settings", "namespace", namespace.name()),
        "data", Map.of("colour", colour)));
  }

  private static Manifest workload(TestNamespace ns, String kind, String apiVersion, String name, Map<String, Object> spec) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("apiVersion", apiVersion);
    body.put("kind", kind);
    body.put("metadata", Map.of("name", name, "namespace", ns.name()));
    body.put("spec", spec);
    return new Manifest(Phase.OPENIM_EDGE, apiVersion, kind, ns.name(), name, body);
  }

  private static Map<String, Object> pod(String app, String restartPolicy) {
    return Map.of(
        "metadata", Map.of("labels", Map.of("app", app, FAIL, "true")),
        "spec", Map.of(
            "restartPolicy", restartPolicy,
            "containers", List.of(Map.of("name", app, "image", "registry.invalid/" + app + ":1"))));
  }

  /** Applies as field manager kubectl-edit, with force, as a person editing the object would. */
  private record OtherManager(ClusterConnection connection) {
    void take(Manifest manifest) {
      var api = connection.api(ObjectRef.of(manifest));
      var options = new PatchOptions();
      options.setFieldManager("kubectl-edit");
      options.setForce(true);
      var response = api.patch(manifest.namespace(), manifest.name(),
          V1Patch.PATCH_FORMAT_APPLY_YAML,
          new V1Patch(PlanYaml.export(manifest)), options);
      assertThat(response.isSuccess()).as("%s", response.getStatus()).isTrue();
    }
  }
}
