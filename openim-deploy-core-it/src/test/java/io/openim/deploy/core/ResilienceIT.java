/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.ThrottlingProxy;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("Applies ride out a flaky API server")
class ResilienceIT {

  @Test
  @DisplayName("a 429 storm (every third request throttled) is ridden out, honouring retry-after")
  void throttling(LocalCluster cluster, TestNamespace namespace) {
    List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
    try (ThrottlingProxy proxy = ThrottlingProxy.start(cluster, 3);
        KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(proxy.kubeconfig()).listener(events::add).build()) {
      DeploymentSpec spec = DeploymentSpec.builder("im").namespace(namespace.name()).chat(false).build();
      DeploymentResult.Succeeded result = deployer.deploy(spec).orThrow();

      assertThat(result.objects()).extracting(ObjectResult::outcome).doesNotContain(Outcome.FAILED);
      assertThat(proxy.throttled()).isGreaterThan(20);
      assertThat(events).filteredOn(e -> e instanceof DeploymentEvent.Retrying).hasSizeGreaterThanOrEqualTo(proxy.throttled())
          .allMatch(e -> ((DeploymentEvent.Retrying) e).reason().contains("HTTP 429"));
    }
  }

  @Test
  @DisplayName("a 5xx storm (every fourth request: 429, 500, 503, 504 after the change was made, or the connection"
      + " dropped before or after it) is ridden out, applies and prunes alike, and every object is right")
  void serverErrors(LocalCluster cluster, TestNamespace namespace) throws Exception {
    List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace(namespace.name()).build();
    DeploymentSpec withoutChat = spec.toBuilder().chat(false).build();
    try (ThrottlingProxy proxy = ThrottlingProxy.start(cluster, 4, ThrottlingProxy.Fault.values());
        KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(proxy.kubeconfig()).listener(events::add)
            .build()) {
      DeploymentResult.Succeeded first = deployer.deploy(spec).orThrow();
      assertThat(first.objects()).extracting(ObjectResult::outcome).containsOnly(Outcome.CREATED);
      long applyRequests = deployer.connection().requestCount();
      Map<ThrottlingProxy.Fault, Integer> duringApply = proxy.injected();

      DeploymentResult.Succeeded pruned = deployer.deploy(withoutChat).orThrow();
      long chatObjects = deployer.plan(spec).manifests().size() - deployer.plan(withoutChat).manifests().size();
      assertThat(pruned.count(Outcome.PRUNED)).as("every chat object pruned and reported, even a delete whose"
          + " answer was lost and whose retry found it gone").isEqualTo(chatObjects);

      Map<ThrottlingProxy.Fault, Integer> injected = proxy.injected();
      assertThat(injected).as("every fault struck").allSatisfy((fault, count) -> assertThat(count).isPositive());
      assertThat(proxy.faultedMethods()).as("reads, applies and deletes alike").containsKeys("GET", "PATCH", "DELETE");
      long retries = events.stream().filter(e -> e instanceof DeploymentEvent.Retrying).count();
      // a dropped connection is re-sent by OkHttp itself (retryOnConnectionFailure, on by default)
      // before the engine sees it; every answered fault is retried by the engine
      int answered = injected.entrySet().stream().filter(e -> e.getKey().code() != 0)
          .mapToInt(Map.Entry::getValue).sum();
      assertThat(retries).as("one retry by the engine for each fault answered").isGreaterThanOrEqualTo(answered);
      System.out.printf("%n5xx storm: %d requests through the proxy (%d by the first apply), faults injected %s"
          + " (first apply %s), on methods %s; %d retries by the engine (%d faults answered, the dropped connections"
          + " re-sent by OkHttp); first apply %.1f s, prune %.1f s%n", proxy.requests(),
          applyRequests, injected, duringApply, proxy.faultedMethods(), retries, answered, first.took().toMillis() / 1000.0,
          pruned.took().toMillis() / 1000.0);
    }
    try (KubernetesDeployer direct = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).build()) {
      DeploymentResult.Succeeded converged = direct.deploy(withoutChat).orThrow();
      assertThat(converged.objects()).as("what the storm left is exactly the plan").extracting(ObjectResult::outcome)
          .containsOnly(Outcome.UNCHANGED);
      Convergence.check(cluster.newAdminClient(), direct, withoutChat, converged, "storm");
    }
  }
}
