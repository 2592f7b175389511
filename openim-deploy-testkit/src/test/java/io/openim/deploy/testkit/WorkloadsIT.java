/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobCondition;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1StatefulSetSpec;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import io.openim.deploy.local.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster
@DisplayName("Workloads roll out on the local cluster's simulated nodes")
class WorkloadsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final AppsV1Api apps;
  private final BatchV1Api batch;
  private final CoreV1Api core;
  private final String ns;

  WorkloadsIT(ApiClient client, TestNamespace namespace) {
    this.apps = new AppsV1Api(client);
    this.batch = new BatchV1Api(client);
    this.core = new CoreV1Api(client);
    this.ns = namespace.name();
  }

  @Test
  @DisplayName("a Deployment of 3 replicas becomes Available with its pods Ready on KWOK nodes")
  void deploymentBecomesAvailable() throws Exception {
    apps.createNamespacedDeployment(
            ns,
            new V1Deployment()
                .metadata(new V1ObjectMeta().name("web"))
                .spec(
                    new V1DeploymentSpec()
                        .replicas(3)
                        .selector(new V1LabelSelector().matchLabels(Map.of("app", "web")))
                        .template(template("web"))))
        .execute();

    V1Deployment done =
        Eventually.await(
            TIMEOUT,
            "Deployment web Available with 3 replicas",
            () -> apps.readNamespacedDeployment("web", ns).execute(),
            d ->
                d.getStatus() != null
                    && Objects.equals(d.getStatus().getAvailableReplicas(), 3)
                    && d.getStatus().getConditions() != null
                    && d.getStatus().getConditions().stream()
                        .anyMatch(
                            c -> "Available".equals(c.getType()) && "True".equals(c.getStatus())));
    assertThat(done.getStatus().getReadyReplicas()).isEqualTo(3);
    assertThat(done.getStatus().getObservedGeneration())
        .isEqualTo(done.getMetadata().getGeneration());

    List<V1Pod> pods = core.listNamespacedPod(ns).labelSelector("app=web").execute().getItems();
    assertThat(pods).hasSize(3);
    for (V1Pod pod : pods) {
      assertThat(pod.getSpec().getNodeName()).startsWith("kwok-node-");
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(pod.getStatus().getConditions())
          .extracting(V1PodCondition::getType, V1PodCondition::getStatus)
          .contains(tuple("Ready", "True"));
    }
  }

  @Test
  @DisplayName("a Job completes")
  void jobCompletes() throws Exception {
    V1PodTemplateSpec template = template("once");
    template.getSpec().restartPolicy("Never");
    batch
        .createNamespacedJob(
            ns,
            new V1Job()
                .metadata(new V1ObjectMeta().name("once"))
                .spec(new V1JobSpec().backoffLimit(0).template(template)))
        .execute();

    V1Job job =
        Eventually.await(
            TIMEOUT,
            "Job once Complete",
            () -> batch.readNamespacedJob("once", ns).execute(),
            j -> hasCondition(j, "Complete"));
    assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
    assertThat(hasCondition(job, "Failed")).isFalse();
  }

  @Test
  @DisplayName("a StatefulSet with volumeClaimTemplates becomes ready and its claims are Bound")
  void statefulSetBecomesReady() throws Exception {
    apps.createNamespacedStatefulSet(
            ns,
            new V1StatefulSet()
                .metadata(new V1ObjectMeta().name("db"))
                .spec(
                    new V1StatefulSetSpec()
                        .replicas(2)
                        .serviceName("db")
                        .selector(new V1LabelSelector().matchLabels(Map.of("app", "db")))
                        .template(template("db"))
                        .volumeClaimTemplates(
                            List.of(
                                new V1PersistentVolumeClaim()
                                    .metadata(new V1ObjectMeta().name("data"))
                                    .spec(
                                        new V1PersistentVolumeClaimSpec()
                                            .accessModes(List.of("ReadWriteOnce"))
                                            .resources(
                                                new V1VolumeResourceRequirements()
                                                    .requests(
                                                        Map.of(
                                                            "storage",
                                                            Quantity.fromString("1Gi")))))))))
        .execute();

    V1StatefulSet done =
        Eventually.await(
            TIMEOUT,
            "StatefulSet db with 2 ready replicas on the current revision",
            () -> apps.readNamespacedStatefulSet("db", ns).execute(),
            s ->
                s.getStatus() != null
                    && Objects.equals(s.getStatus().getReadyReplicas(), 2)
                    && Objects.equals(
                        s.getStatus().getCurrentRevision(), s.getStatus().getUpdateRevision()));
    assertThat(done.getStatus().getObservedGeneration())
        .isEqualTo(done.getMetadata().getGeneration());

    List<V1PersistentVolumeClaim> claims =
        core.listNamespacedPersistentVolumeClaim(ns).execute().getItems();
    assertThat(claims)
        .extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder("data-db-0", "data-db-1");
    assertThat(claims)
        .allSatisfy(
            c -> {
              assertThat(c.getStatus().getPhase()).isEqualTo("Bound");
              assertThat(c.getSpec().getStorageClassName()).isEqualTo(LocalCluster.STORAGE_CLASS);
            });
  }

  private static V1PodTemplateSpec template(String app) {
    return new V1PodTemplateSpec()
        .metadata(new V1ObjectMeta().labels(Map.of("app", app)))
        .spec(
            new V1PodSpec()
                .containers(
                    List.of(new V1Container().name(app).image("registry.invalid/" + app + ":1"))));
  }

  private static boolean hasCondition(V1Job job, String type) {
    List<V1JobCondition> conditions =
        job.getStatus() == null || job.getStatus().getConditions() == null
            ? List.of()
            : job.getStatus().getConditions();
    return conditions.stream()
        .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
