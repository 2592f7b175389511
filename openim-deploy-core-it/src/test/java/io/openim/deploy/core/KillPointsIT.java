/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Phase;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.ThrottlingProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A first apply interrupted by a control-plane component killed with SIGKILL at a point chosen by
 * the apply's progress (the n-th apply request, the inventory's or the history's write, a
 * rollout's read), for a short time (the engine's retries ride it out) or a long one (the first
 * run gives up); then {@code up} again converges: nothing duplicated, no revision lost, and a
 * further apply is a no-op. One local cluster serves every run, each in its own namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Control-plane components killed at chosen points of a first apply")
class KillPointsIT {
  private static final Duration SHORT = Duration.ofSeconds(2);
  /** Longer than the engine's retries of one request (8 attempts, about 23 s of backoff). */
  private static final Duration LONG = Duration.ofSeconds(25);

  private LocalCluster cluster;
  private int planSize;

  /**
   * Where a fault strikes: at the request for which this is true, given its method, path, the
   * phase under way and how many apply requests that phase has sent so far, this one included.
   */
  @FunctionalInterface
  interface At {
    boolean test(String method, String path, @Nullable Phase phase, int applies);
  }

  record KillPoint(String label, String component, Duration downtime, At at) {}

  @BeforeAll
  void start() {
    cluster = LocalCluster.builder().nodes(4).start(); // every run keeps its pods: 12 runs of 21 outgrow two nodes of 110
    planSize = io.openim.deploy.core.render.Topology.plan(spec("sizing")).manifests().size();
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static DeploymentSpec spec(String namespace) {
    return DeploymentSpec.builder("im").namespace(namespace).build();
  }

  @Test
  @DisplayName("kube-apiserver killed at 10 points of a first apply: every re-run converges with nothing duplicated"
      + " or lost")
  void apiServer() throws Exception {
    List<KillPoint> points = List.of(
        inPhase(Phase.FOUNDATION, 1, SHORT),
        inPhase(Phase.CONFIGURATION, 1, LONG),
        inPhase(Phase.DEPENDENCIES, 8, SHORT),
        inPhase(Phase.INITIALIZATION, 1, LONG),
        inPhase(Phase.OPENIM_RPC, 7, SHORT),
        inPhase(Phase.OPENIM_EDGE, 4, LONG),
        inPhase(Phase.CHAT, 5, SHORT),
        // the wait starts from the apply's answer and watches from there, without a read
        new KillPoint("first watch of a StatefulSet (rollout wait)", "kube-apiserver", SHORT,
            (method, path, phase, applies) -> method.equals(ThrottlingProxy.WATCH) && path.endsWith("/statefulsets")),
        new KillPoint("the inventory's write of revision 1 (all applied, nothing recorded yet)", "kube-apiserver", LONG,
            inventoryWrite(2)),
        new KillPoint("the history's write of revision 1", "kube-apiserver", LONG,
            (method, path, phase, applies) -> method.equals("PATCH")
                && path.endsWith("/configmaps/im-openim-deploy-rev-1")));
    long began = System.nanoTime();
    List<Interruption> runs = run("api", points);
    Interruption.print("kube-apiserver killed during a first apply (" + planSize + " objects), "
        + Duration.ofNanos(System.nanoTime() - began).toSeconds() + " s in all", runs);
    assertThat(runs).hasSize(10);
    assertThat(runs).as("some first runs gave up, some rode the restart out")
        .anyMatch(r -> r.first().startsWith("completed")).anyMatch(r -> !r.first().startsWith("completed"));
  }

  @Test
  @DisplayName("etcd killed during a first apply, briefly and for longer: the re-run converges")
  void etcd() throws Exception {
    List<Interruption> runs = run("etcd", List.of(
        new KillPoint("DEPENDENCIES apply 3", "etcd", SHORT, at(Phase.DEPENDENCIES, 3)),
        new KillPoint("OPENIM_RPC apply 3", "etcd", Duration.ofSeconds(10), at(Phase.OPENIM_RPC, 3))));
    Interruption.print("etcd killed during a first apply", runs);
  }

  private static KillPoint inPhase(Phase phase, int n, Duration downtime) {
    return new KillPoint(phase + " apply " + n, "kube-apiserver", downtime, at(phase, n));
  }

  /** The {@code n}-th apply request of {@code phase}. */
  private static At at(Phase phase, int n) {
    return (method, path, current, applies) -> method.equals("PATCH") && current == phase && applies == n;
  }

  /** The {@code n}-th write of the release's inventory ConfigMap. */
  private static At inventoryWrite(int n) {
    AtomicInteger writes = new AtomicInteger();
    return (method, path, phase, applies) -> method.equals("PATCH") && path.endsWith("/configmaps/im-openim-deploy")
        && writes.incrementAndGet() == n;
  }

  private List<Interruption> run(String prefix, List<KillPoint> points) throws Exception {
    List<Interruption> runs = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      KillPoint point = points.get(i);
      String run = prefix + "-" + (i + 1);
      DeploymentSpec spec = spec("kill-" + run);
      AtomicReference<CompletableFuture<Void>> restart = new AtomicReference<>();
      AtomicBoolean claimed = new AtomicBoolean();
      String first;
      long began = System.nanoTime();
      AtomicReference<Phase> phase = new AtomicReference<>();
      AtomicInteger applies = new AtomicInteger();
      try (ThrottlingProxy proxy = ThrottlingProxy.start(cluster, Integer.MAX_VALUE);
          KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(proxy.kubeconfig()).listener(e -> {
            if (e instanceof DeploymentEvent.PhaseStarted started) {
              phase.set(started.phase());
              applies.set(0);
            }
          }).build()) {
        proxy.onRequest((method, path) -> {
          int n = method.equals("PATCH") ? applies.incrementAndGet() : applies.get();
          // requests arrive on several threads at once (the waits of a phase's StatefulSets all
          // watch together): the first that matches claims the kill, the others pass
          if (path.contains("/namespaces/" + spec.namespace()) && point.at().test(method, path, phase.get(), n)
              && claimed.compareAndSet(false, true)) {
            restart.set(cluster.kill(point.component(), point.downtime()));
          }
        });
        first = Interruption.outcome(() -> deployer.deploy(spec));
      }
      Duration firstTook = Duration.ofNanos(System.nanoTime() - began);
      assertThat(restart.get()).as(run + ": the kill point " + point.label() + " was reached").isNotNull();
      Interruption.await(restart.get());

      Convergence.Rerun again = Convergence.rerun(cluster, spec, run);
      runs.add(new Interruption(run, point.component() + " at " + point.label(), point.downtime(), first, firstTook,
          again));
    }
    return runs;
  }
}
