/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Revision;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.ConvergedRelease;
import java.time.Duration;
import java.util.List;

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
    DeploymentPlan plan = deployer.plan(spec);
    assertThat(ConvergedRelease.problems(admin, plan.manifests()))
        .as(run + ": every workload and Job of the plan once, one ReplicaSet each, the pods they want, each Job run"
            + " once and succeeded").isEmpty();

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
}
