/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1ReplicaSet;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Revision;
import io.openim.deploy.local.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a release looks like once an interrupted apply has been re-run: each object of the plan
 * once, one ReplicaSet per Deployment, the pods their controllers want and no more, each Job
 * once and succeeded, consecutive revisions of which the last is the deployed plan, and a
 * further apply that changes nothing.
 */
final class Convergence {
  private Convergence() {}

  /** What the re-apply after convergence cost. */
  record NoOp(long requests, int revision) {}

  /**
   * What re-running an interrupted first apply cost: its time and requests, and those of the
   * re-apply after it.
   */
  record Rerun(DeploymentResult.Succeeded converged, Duration took, long requests, long noOpRequests) {}

  /**
   * Deploys {@code spec} again with a new deployer, as a user re-runs {@code up} after a failure,
   * then {@link #check checks} the release it converged to.
   */
  static Rerun rerun(LocalCluster cluster, DeploymentSpec spec, String run) throws ApiException {
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).build()) {
      long start = System.nanoTime();
      DeploymentResult.Succeeded converged = deployer.deploy(spec).orThrow();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      long requests = deployer.connection().requestCount();
      NoOp noOp = check(cluster.newAdminClient(), deployer, spec, converged, run);
      return new Rerun(converged, took, requests, noOp.requests());
    }
  }

  /**
   * Checks the converged release and re-applies it once more.
   *
   * @return the re-apply's request count
   */
  static NoOp check(ApiClient admin, KubernetesDeployer deployer, DeploymentSpec spec,
      DeploymentResult.Succeeded converged, String run) throws ApiException {
    String ns = spec.namespace();
    DeploymentPlan plan = deployer.plan(spec);
    AppsV1Api apps = new AppsV1Api(admin);
    List<V1Deployment> deployments = apps.listNamespacedDeployment(ns).execute().getItems();
    assertThat(deployments).as(run + ": every Deployment of the plan, once").extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(names(plan, "Deployment"));
    List<V1ReplicaSet> replicaSets = apps.listNamespacedReplicaSet(ns).execute().getItems();
    Map<String, Long> perDeployment = replicaSets.stream()
        .collect(Collectors.groupingBy(rs -> owner(rs.getMetadata().getOwnerReferences()), Collectors.counting()));
    assertThat(perDeployment).as(run + ": one ReplicaSet per Deployment").hasSize(deployments.size())
        .allSatisfy((name, count) -> assertThat(count).as(run + ": ReplicaSets of " + name).isEqualTo(1));
    List<V1Pod> pods = new CoreV1Api(admin).listNamespacedPod(ns).execute().getItems();
    Map<String, Long> podsPerOwner = pods.stream()
        .collect(Collectors.groupingBy(p -> owner(p.getMetadata().getOwnerReferences()), Collectors.counting()));
    for (V1ReplicaSet rs : replicaSets) {
      assertThat(podsPerOwner.getOrDefault(rs.getMetadata().getName(), 0L)).as(run + ": pods of " + rs.getMetadata()
          .getName()).isEqualTo((long) Objects.requireNonNull(rs.getSpec()).getReplicas());
    }
    List<V1StatefulSet> statefulSets = apps.listNamespacedStatefulSet(ns).execute().getItems();
    assertThat(statefulSets).extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(names(plan, "StatefulSet"));
    for (V1StatefulSet set : statefulSets) {
      assertThat(podsPerOwner.getOrDefault(set.getMetadata().getName(), 0L)).as(run + ": pods of " + set.getMetadata()
          .getName()).isEqualTo((long) Objects.requireNonNull(set.getSpec()).getReplicas());
    }
    List<V1Job> jobs = new BatchV1Api(admin).listNamespacedJob(ns).execute().getItems();
    assertThat(jobs).as(run + ": every Job of the plan, once").extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(names(plan, "Job"));
    for (V1Job job : jobs) {
      String name = job.getMetadata().getName();
      assertThat(Objects.requireNonNull(job.getStatus()).getSucceeded()).as(run + ": " + name + " succeeded")
          .isEqualTo(1);
      assertThat(podsPerOwner.getOrDefault(name, 0L)).as(run + ": " + name + " ran once").isEqualTo(1);
    }

    ReleaseRef release = ReleaseRef.of(spec);
    List<Revision> history = deployer.history(release);
    assertThat(history).as(run + ": the release's history").isNotEmpty();
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.get(i).number()).as(run + ": revisions are consecutive: " + history).isEqualTo(i + 1);
    }
    Revision last = history.get(history.size() - 1);
    assertThat(last.number()).as(run + ": the last revision is the one deployed").isEqualTo(converged.revision());
    assertThat(last.objects()).as(run + ": the last revision holds the deployed plan").isEqualTo(plan.manifests().size());
    assertThat(last.version()).isEqualTo(spec.version());

    long before = deployer.connection().requestCount();
    DeploymentResult.Succeeded again = deployer.deploy(spec).orThrow();
    long requests = deployer.connection().requestCount() - before;
    assertThat(again.objects()).as(run + ": a further apply changes nothing").extracting(ObjectResult::outcome)
        .containsOnly(Outcome.UNCHANGED);
    assertThat(again.revision()).isEqualTo(converged.revision());
    assertThat(deployer.history(release)).as(run + ": and records no revision").isEqualTo(history);
    return new NoOp(requests, again.revision());
  }

  private static List<String> names(DeploymentPlan plan, String kind) {
    return plan.manifests().stream().filter(m -> m.kind().equals(kind)).map(Manifest::name).toList();
  }

  private static String owner(List<V1OwnerReference> owners) {
    return Optional.ofNullable(owners).flatMap(o -> o.stream().findFirst()).map(V1OwnerReference::getName)
        .orElse("(none)");
  }
}
