/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Fuzzed specs against the API server: whatever the builder accepts, the server accepts too, so an
 * apply never stops half-way on a spec the deployer could have refused; an invalid spec is
 * refused before anything reaches the cluster; a few valid ones are deployed for real. Seeded like
 * {@code SpecFuzzTest}: {@code -Dfuzz.seed=<n>}.
 */
@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("Fuzzed specs on the local cluster: never a partial apply")
class SpecFuzzIT {
  private static final long SEED = Long.getLong("fuzz.seed", 20_261_201L);
  private static final int CASES = Integer.getInteger("fuzz.cluster.cases", 150);

  @Test
  @DisplayName("every object of every spec the builder accepts passes the API server's validation (server-side dry run)")
  void acceptedSpecsAreAcceptedByTheServer(LocalCluster cluster, TestNamespace namespace) {
    ClusterConnection connection = ClusterConnection.fromKubeconfig(cluster.adminKubeconfig());
    Applier applier = new Applier(connection, false);
    List<String> refused = new ArrayList<>();
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < CASES; i++) {
      long seed = SEED + i;
      SpecFuzzer.Attempt attempt = new SpecFuzzer(seed).attempt(8);
      if (attempt.spec() == null) {
        outcomes.merge("refused by build()", 1, Integer::sum);
        continue;
      }
      DeploymentPlan plan;
      try {
        plan = Topology.create().render(attempt.spec().toBuilder().namespace(namespace.name()).build());
      } catch (InvalidSpecException e) {
        outcomes.merge("refused at render", 1, Integer::sum);
        continue;
      }
      int objects = 0;
      for (Manifest manifest : plan.manifests()) {
        if (!connection.serves(manifest.apiVersion(), manifest.kind())) {
          continue; // the Prometheus Operator's kinds: this cluster has no CRD for them
        }
        objects++;
        try {
          applier.dryRun(manifest);
        } catch (RuntimeException e) {
          refused.add("seed " + seed + " (-Dfuzz.seed=" + seed + "), calls " + attempt.calls() + ": " + e.getMessage());
        }
      }
      outcomes.merge("valid, objects dry-run applied", objects, Integer::sum);
      outcomes.merge("valid", 1, Integer::sum);
    }
    System.out.printf("spec fuzzing on the cluster: %d cases from seed %d: %s; %d refused by the server%n", CASES,
        SEED, outcomes, refused.size());
    assertThat(refused).as("objects of specs that built, refused by the API server: the deploy would stop"
        + " half-way; each is a check the spec's build() lacks").isEmpty();
    assertThat(outcomes).containsKeys("valid", "refused by build()");
  }

  @Test
  @DisplayName("a deploy of a fuzzed spec that build() accepts and the plan refuses changes nothing; valid ones"
      + " deploy, and re-apply as no-ops")
  void refusedChangesNothingValidDeploys(LocalCluster cluster, TestNamespace namespace) throws Exception {
    ApiClient admin = cluster.newAdminClient();
    int refused = 0;
    int valid = 0;
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).build()) {
      for (long seed = SEED; refused < 5 && seed < SEED + 2000; seed++) {
        SpecFuzzer.Attempt attempt = new SpecFuzzer(seed).attempt(8);
        if (attempt.spec() == null) {
          continue; // refused by build(): no spec, so nothing could reach the cluster
        }
        String target = "fuzz-" + seed;
        DeploymentSpec spec = attempt.spec().toBuilder().namespace(target).build();
        try {
          Topology.create().render(spec);
          continue;
        } catch (InvalidSpecException expected) {
          refused++;
        }
        Throwable thrown = null;
        try {
          deployer.deploy(spec);
        } catch (InvalidSpecException e) {
          thrown = e;
        }
        assertThat(thrown).as("seed %d, calls %s", seed, attempt.calls()).isInstanceOf(InvalidSpecException.class);
        assertThat(new CoreV1Api(admin).listNamespace().execute().getItems())
            .as("seed %d: the refused spec's namespace never appeared", seed)
            .noneMatch(ns -> ns.getMetadata().getName().equals(target));
        // Other classes deploy releases of the same name into their own namespaces of this shared cluster,
        // so only this spec's namespace counts.
        assertThat(new CoreV1Api(admin).listConfigMapForAllNamespaces()
            .labelSelector("app.kubernetes.io/instance=" + spec.release()).execute().getItems())
            .as("seed %d: no object of the refused release in %s", seed, target)
            .noneMatch(configMap -> target.equals(configMap.getMetadata().getNamespace()));
      }
      for (long seed = SEED; valid < 2; seed++, valid++) {
        DeploymentSpec spec = new SpecFuzzer(seed).smallValid("fz" + valid, namespace.name()).build();
        DeploymentResult.Succeeded first = deployer.deploy(spec).orThrow();
        assertThat(first.objects()).extracting(ObjectResult::outcome).doesNotContain(Outcome.FAILED);
        DeploymentResult.Succeeded again = deployer.deploy(spec).orThrow();
        assertThat(again.objects()).as("seed %d: a re-apply changes nothing", seed).extracting(ObjectResult::outcome)
            .containsOnly(Outcome.UNCHANGED);
        assertThat(again.revision()).isEqualTo(first.revision());
      }
    }
    assertThat(refused).as("fuzzed specs refused by the plan after build() accepted them").isGreaterThanOrEqualTo(3);
    System.out.printf("spec fuzzing, deployed: %d specs refused by the plan with nothing changed, %d valid ones"
        + " deployed and re-applied%n", refused, valid);
  }
}
