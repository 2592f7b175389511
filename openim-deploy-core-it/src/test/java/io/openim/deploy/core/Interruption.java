/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.DeploymentResult;
import io.openim.deploy.local.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One interrupted first apply and what it took to converge, for the figures of the fault tests:
 * where the fault struck, how the first run ended, how long the re-run took and how many requests
 * it and the no-op after it sent.
 */
record Interruption(String run, String killPoint, Duration downtime, String first, Duration firstTook,
    Duration converge, long convergeRequests, long noOpRequests, int revision) {

  /** One run: the interrupted first apply's figures, then {@code rerun}'s. */
  Interruption(String run, String killPoint, Duration downtime, String first, Duration firstTook,
      Convergence.Rerun rerun) {
    this(run, killPoint, downtime, first, firstTook, rerun.took(), rerun.requests(), rerun.noOpRequests(),
        rerun.converged().revision());
  }

  /** A line of the figures table. */
  String row() {
    return String.format("| %s | %s | %d s | %s | %.1f s | %.1f s | %d | %d | %d |", run, killPoint,
        downtime.toSeconds(), first, firstTook.toMillis() / 1000.0, converge.toMillis() / 1000.0,
        convergeRequests, noOpRequests, revision);
  }

  /** The table's head. */
  static String head() {
    return "| run | kill point | down | first run | first took | re-run took | re-run requests | no-op requests |"
        + " revision |\n|---|---|---|---|---|---|---|---|---|";
  }

  /** Prints the table. */
  static void print(String title, List<Interruption> runs) {
    StringBuilder out = new StringBuilder("\n" + title + "\n" + head() + "\n");
    runs.forEach(r -> out.append(r.row()).append('\n'));
    System.out.println(out);
  }

  /** How a first run ended, in a few words. */
  static String outcome(Supplier<DeploymentResult> run) {
    try {
      DeploymentResult result = run.get();
      return result instanceof DeploymentResult.Succeeded ok ? "completed (revision " + ok.revision() + ")"
          : "failed: " + shorten(((DeploymentResult.Failed) result).reason());
    } catch (RuntimeException e) {
      return "threw " + e.getClass().getSimpleName() + ": " + shorten(String.valueOf(e.getMessage()));
    }
  }

  private static String shorten(String text) {
    String line = text.lines().findFirst().orElse("").replace('|', '/');
    return line.length() > 110 ? line.substring(0, 110) + "..." : line;
  }

  /**
   * Kills {@code component} of {@code cluster} with SIGKILL and starts it again after {@code
   * downtime}, in the background; returns once the old process is gone, with the restart to wait for.
   */
  static CompletableFuture<Void> kill(LocalCluster cluster, String component, Duration downtime) {
    long pid = cluster.components().stream().filter(c -> c.name().equals(component)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + component + " in " + cluster.components())).pid();
    ProcessHandle old = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(component + " is not running"));
    CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
      cluster.restart(component, downtime);
      if (component.equals("etcd")) {
        // After etcd came back, this kube-apiserver was seen never to pass on two pods created
        // afterwards to kube-scheduler's watch (the pods Pending for minutes, the scheduler's log
        // silent about them, a fresh scheduler too). That stall is the control plane's, not the
        // deployer's; restarting the API server (as a kubelet does when its /livez etcd check
        // keeps failing) lets the re-run be tested.
        cluster.restart("kube-apiserver", Duration.ZERO);
      }
      // The local cluster's kube-controller-manager runs without leader election, and neither it,
      // kube-scheduler nor kwok restarts on its own; after an outage their informers were seen
      // lagging (kube-controller-manager: "read version: 2812 is not as new as written version:
      // 2815", StatefulSets left at 0 ready for minutes while their pods ran; kube-scheduler
      // retrying unschedulable StatefulSet pods for about 55 s). A real control plane's controller
      // manager and scheduler hold leases and exit when they cannot renew them within 10 s
      // (k8s.io/kubernetes v1.36.3 cmd/kube-controller-manager/app/controllermanager.go and
      // cmd/kube-scheduler/app/server.go OnStoppedLeading; component-base v0.36.3
      // config/v1alpha1/defaults.go RenewDeadline), to start afresh: done here at once, since the
      // fault under test is the deployer's, not the controllers'.
      for (String controller : List.of("kube-controller-manager", "kube-scheduler", "kwok")) {
        cluster.restart(controller, Duration.ZERO);
      }
    });
    try {
      old.onExit().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(component + " (pid " + pid + ") did not die within 20 s", e);
    }
    return restart;
  }

  /** Waits for a restart started by {@link #kill}. */
  static void await(CompletableFuture<Void> restart) {
    Objects.requireNonNull(restart, "restart").orTimeout(3, TimeUnit.MINUTES).join();
  }
}
