/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The RFC's question, which delivery path is the most efficient and reliable, answered with one
 * row per path: its time to ready, requests and no-op from the benchmark's rounds, and how often
 * the run after an API-server restart in the middle of a first deploy converges ({@link Recovery}).
 */
public final class DeliveryPaths {
  /** How many paths are measured: phased server-side apply, a Helm release, the App Store template. */
  public static final int MEASURED = 3;

  /**
   * Why the k3s HelmChart path has no figures here: the helm-controller runs each chart as a Job of
   * the klipper-helm image, which is in no registry this machine reaches, and this machine has no
   * Docker engine to run k3s itself.
   */
  private static final String K3S_NOT_MEASURED = "not measured here: k3s's helm-controller installs a HelmChart with"
      + " a Job of the rancher/klipper-helm image, which is in no registry this machine reaches, and k3s itself"
      + " needs a Docker engine (Testcontainers) this machine does not have";

  private final Recovery recovery;
  private final Report report;
  private final int runs;
  private final Map<Tool, List<Recovery.Run>> measured = new LinkedHashMap<>();

  /** Rows from {@code report}'s rounds, each with {@code runs} interrupted deploys by {@code recovery}. */
  public DeliveryPaths(Recovery recovery, Report report, int runs) {
    this.recovery = recovery;
    this.report = report;
    this.runs = runs;
  }

  /**
   * Interrupts {@code tool}'s first deploys; {@code through} makes the same tool for another
   * kubeconfig file (the fault proxy's).
   */
  public void measure(Tool tool, Function<Path, Tool> through) {
    long requests = report.requests(tool.name(), Tool.Step.FIRST)
        .orElseThrow(() -> new IllegalStateException(tool.name() + " has no first deploy measured"));
    measured.put(tool, recovery.measure(through, tool, requests, runs));
  }

  /** Prints the table, then each path's runs. */
  public void print(PrintStream out) {
    out.printf(Locale.ROOT, "%nDelivery paths (time and requests: the medians above; recovery: kube-apiserver"
        + " killed at a request spread over the first deploy, down %d s or %d s in turn, then the path run again):%n%n",
        Recovery.SHORT.toSeconds(), Recovery.LONG.toSeconds());
    out.println("| delivery path | time to ready | requests | no-op re-apply | next run converged after a restart |");
    out.println("|---|---|---|---|---|");
    measured.forEach((tool, results) -> {
      long converged = results.stream().filter(Recovery.Run::converged).count();
      OptionalLong noOp = report.millis(tool.name(), Tool.Step.NOOP);
      String noOpCell = noOp.isPresent()
          ? Report.seconds(noOp.getAsLong()) + ", " + report.requests(tool.name(), Tool.Step.NOOP).getAsLong()
              + " requests"
          : "none: it deploys once";
      out.printf(Locale.ROOT, "| %s | %s | %d | %s | %d of %d |%n", tool.name(),
          Report.seconds(report.millis(tool.name(), Tool.Step.FIRST).getAsLong()),
          report.requests(tool.name(), Tool.Step.FIRST).getAsLong(), noOpCell, converged, results.size());
    });
    out.printf("| k3s HelmChart | %s | | | |%n", K3S_NOT_MEASURED);
    measured.forEach((tool, results) -> Recovery.print(out, tool.name(), results));
  }
}
