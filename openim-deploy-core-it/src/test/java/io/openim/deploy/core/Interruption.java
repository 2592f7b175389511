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

  /** Waits for a restart started by {@link LocalCluster#kill}. */
  static void await(CompletableFuture<Void> restart) {
    Objects.requireNonNull(restart, "restart").orTimeout(3, TimeUnit.MINUTES).join();
  }
}
