/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.options.PatchOptions;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Monitoring;
import io.openim.deploy.Profile;
import io.openim.deploy.core.render.PlanYaml;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API server's own Pod Security admission, at level {@code restricted}, over what openim-deploy
 * deploys: the release's namespace is labelled to enforce and warn, every profile is applied there,
 * and the controllers' pod creations (which the admission enforces; a refused pod is a FailedCreate
 * event and no pod) all go through, with no warning on the workloads' templates.
 */
@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("Pod Security restricted, enforced by the API server")
class PodSecurityIT {
  private static final Duration PODS = Duration.ofSeconds(60);
  private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "Job", "CronJob");

  static Stream<Arguments> profiles() {
    return Stream.of(
        Arguments.of("minimal, chat on, every dependency in the cluster", (UnaryOperator<DeploymentSpec.Builder>) b -> b),
        Arguments.of("production with monitoring annotations",
            (UnaryOperator<DeploymentSpec.Builder>) b -> b.profile(Profile.PRODUCTION).monitoring(new Monitoring(true, Monitoring.Mode.ANNOTATIONS, false))),
        Arguments.of("minimal without chat, with a log.yml that writes files",
            (UnaryOperator<DeploymentSpec.Builder>) b -> b.chat(false)
                .configFile("server/log.yml", "storageLocation: ../../../../logs/\nisStdout: true\n")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  @DisplayName("every profile: no warning on its templates, every pod created, nothing refused")
  void profile(String name, UnaryOperator<DeploymentSpec.Builder> change, LocalCluster cluster, TestNamespace namespace)
      throws Exception {
    ApiClient admin = cluster.newAdminClient();
    enforceRestricted(admin, namespace.name());
    DeploymentSpec spec = change.apply(DeploymentSpec.builder("im").namespace(namespace.name())).build();
    try (KubernetesDeployer deployer = deployer(cluster)) {
      DeploymentPlan plan = deployer.plan(spec);
      assertThat(warnings(cluster, plan)).isEmpty();
      deployer.deploy(spec).orThrow();
    }
    assertEveryWorkloadHasPods(admin, namespace.name());
  }

  @Test
  @DisplayName("the backup and restore Jobs' pods are admitted too")
  void backupAndRestore(LocalCluster cluster, TestNamespace namespace) throws Exception {
    ApiClient admin = cluster.newAdminClient();
    enforceRestricted(admin, namespace.name());
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace(namespace.name()).build();
    try (KubernetesDeployer deployer = deployer(cluster)) {
      deployer.deploy(spec).orThrow();
      String id = "20261201-230000";
      deployer.backup(spec, BackupTarget.volume("backups", "1Gi"), id);
      deployer.restore(spec, BackupTarget.volume("backups"), id).orThrow();
    }
    assertThat(new BatchV1Api(admin).listNamespacedJob(namespace.name()).execute().getItems())
        .extracting(j -> j.getMetadata().getName())
        .anyMatch(n -> n.startsWith("im-backup-")).anyMatch(n -> n.startsWith("im-restore-"));
    assertEveryWorkloadHasPods(admin, namespace.name());
  }

  @Test
  @DisplayName("and the namespace does refuse a pod that is not restricted (so the tests above can fail)")
  void refusesWhatIsNotRestricted(LocalCluster cluster, TestNamespace namespace) throws Exception {
    ApiClient admin = cluster.newAdminClient();
    enforceRestricted(admin, namespace.name());
    Manifest bare = new Manifest(io.openim.deploy.Phase.OPENIM_EDGE, "apps/v1", "Deployment", namespace.name(), "bare",
        Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "bare"),
            "spec", Map.of("replicas", 1, "selector", Map.of("matchLabels", Map.of("app", "bare")),
                "template", Map.of("metadata", Map.of("labels", Map.of("app", "bare")),
                    "spec", Map.of("containers", List.of(Map.of("name", "c", "image", "docker.io/library/redis:7.0.0")))))));
    assertThat(warnings(cluster, new DeploymentPlan(DeploymentSpec.builder("im").build(), List.of(bare), List.of())))
        .singleElement().asString().contains("would violate PodSecurity", "restricted:latest", "allowPrivilegeEscalation");
    assertThatThrownBy(() -> new CoreV1Api(admin).createNamespacedPod(namespace.name(), new V1Pod()
        .metadata(new V1ObjectMeta().name("bare"))
        .spec(new V1PodSpec().addContainersItem(new V1Container().name("c").image("docker.io/library/redis:7.0.0"))))
        .execute())
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(403);
          assertThat(e.getResponseBody()).contains("is forbidden: violates PodSecurity", "restricted:latest");
        });
  }

  /** Labels {@code namespace} to enforce and to warn about Pod Security level restricted (latest). */
  static void enforceRestricted(ApiClient admin, String namespace) throws Exception {
    String patch = "{\"metadata\":{\"labels\":{"
        + "\"pod-security.kubernetes.io/enforce\":\"restricted\",\"pod-security.kubernetes.io/enforce-version\":\"latest\","
        + "\"pod-security.kubernetes.io/warn\":\"restricted\",\"pod-security.kubernetes.io/warn-version\":\"latest\"}}}";
    io.kubernetes.client.util.PatchUtils.patch(io.kubernetes.client.openapi.models.V1Namespace.class,
        () -> new CoreV1Api(admin).patchNamespace(namespace, new V1Patch(patch)).buildCall(null),
        V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, admin);
  }

  private static KubernetesDeployer deployer(LocalCluster cluster) {
    return KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).objectTimeout(Duration.ofSeconds(90)).build();
  }

  /**
   * The warnings the API server answers a server-side dry-run apply of each workload with (Pod
   * Security's warn mode checks the pod templates of workloads), one line each.
   */
  private static List<String> warnings(LocalCluster cluster, DeploymentPlan plan) throws Exception {
    List<String> warnings = new CopyOnWriteArrayList<>();
    ApiClient client = cluster.newAdminClient();
    client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(chain -> {
      okhttp3.Response response = chain.proceed(chain.request());
      response.headers("Warning").forEach(w -> warnings.add(chain.request().url().encodedPath() + ": " + w));
      return response;
    }).build());
    for (Manifest m : plan.manifests()) {
      if (!WORKLOADS.contains(m.kind())) {
        continue;
      }
      String group = m.apiVersion().substring(0, m.apiVersion().indexOf('/'));
      String version = m.apiVersion().substring(m.apiVersion().indexOf('/') + 1);
      String plural = m.kind().toLowerCase(java.util.Locale.ROOT) + "s";
      PatchOptions options = new PatchOptions();
      options.setDryRun("All");
      options.setFieldManager("openim-deploy-test");
      options.setForce(true);
      var response = new DynamicKubernetesApi(group, version, plural, client)
          .patch(m.namespace(), m.name(), V1Patch.PATCH_FORMAT_APPLY_YAML, new V1Patch(PlanYaml.export(m)), options);
      assertThat(response.isSuccess()).as(m.id() + ": " + response.getStatus()).isTrue();
    }
    return warnings;
  }

  /**
   * Every Deployment, StatefulSet and Job of {@code namespace} has pods, within {@link #PODS}, and
   * no controller was refused a pod (FailedCreate, which is what Pod Security's enforce mode makes
   * of a pod it refuses).
   */
  private static void assertEveryWorkloadHasPods(ApiClient admin, String namespace) throws Exception {
    Instant deadline = Instant.now().plus(PODS);
    List<String> missing;
    do {
      missing = new ArrayList<>();
      List<V1Pod> pods = new CoreV1Api(admin).listNamespacedPod(namespace).execute().getItems();
      Set<String> owners = new java.util.HashSet<>();
      for (V1Pod pod : pods) {
        if (pod.getMetadata().getOwnerReferences() != null) {
          pod.getMetadata().getOwnerReferences().forEach(o -> owners.add(o.getKind() + "/" + o.getName()));
        }
      }
      for (var rs : new AppsV1Api(admin).listNamespacedReplicaSet(namespace).execute().getItems()) {
        Integer wanted = rs.getSpec().getReplicas();
        if (wanted != null && wanted > 0 && !owners.contains("ReplicaSet/" + rs.getMetadata().getName())) {
          missing.add("ReplicaSet/" + rs.getMetadata().getName());
        }
      }
      for (var sts : new AppsV1Api(admin).listNamespacedStatefulSet(namespace).execute().getItems()) {
        if (!owners.contains("StatefulSet/" + sts.getMetadata().getName())) {
          missing.add("StatefulSet/" + sts.getMetadata().getName());
        }
      }
      for (var job : new BatchV1Api(admin).listNamespacedJob(namespace).execute().getItems()) {
        boolean ran = job.getStatus() != null && job.getStatus().getSucceeded() != null && job.getStatus().getSucceeded() > 0;
        if (!ran && !owners.contains("Job/" + job.getMetadata().getName())) {
          missing.add("Job/" + job.getMetadata().getName());
        }
      }
      if (missing.isEmpty()) {
        break;
      }
      Thread.sleep(500); // the poll interval: the loop waits for every workload to have its pods, until the deadline
    } while (Instant.now().isBefore(deadline));
    List<String> refused = new ArrayList<>();
    for (CoreV1Event event : new CoreV1Api(admin).listNamespacedEvent(namespace).execute().getItems()) {
      if ("FailedCreate".equals(event.getReason())) {
        refused.add(event.getInvolvedObject().getKind() + "/" + event.getInvolvedObject().getName() + ": "
            + event.getMessage());
      }
    }
    assertThat(refused).as("pods refused in " + namespace).isEmpty();
    assertThat(missing).as("workloads without pods in " + namespace + " after " + PODS.toSeconds() + " s").isEmpty();
  }
}
