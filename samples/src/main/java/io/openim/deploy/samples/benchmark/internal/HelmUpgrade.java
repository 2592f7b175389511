/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import io.openim.deploy.core.chart.ChartExport;
import io.openim.deploy.core.render.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Helm command line (the control plane's {@code helm}, built from helm.sh/helm/v3 v3.21.4 like
 * the other binaries) installing the chart openim-deploy exports for the spec ({@link
 * ChartExport}, credentials left to the chart, which generates them on install and keeps them on
 * upgrade), with {@code helm upgrade --install --wait --wait-for-jobs} each step; the change is
 * {@code --set components.api.replicas=2}.
 */
public final class HelmUpgrade implements Tool {
  private final Path helm;
  private final Path kubeconfig;
  private final Path work;
  private final Commands commands;

  /** Runs {@code helm} against {@code kubeconfig}, with charts written into {@code work}. */
  public HelmUpgrade(Path helm, Path kubeconfig, Path work, Commands commands) {
    this.helm = helm;
    this.kubeconfig = kubeconfig;
    this.work = work;
    this.commands = commands;
  }

  @Override
  public String name() {
    return "`helm upgrade --install --wait --wait-for-jobs`";
  }

  @Override
  public String id() {
    return "helm";
  }

  @Override
  public void prepare(String namespace, Step step) {
    if (step == Step.FIRST) {
      ChartExport.write(Topology.plan(Tool.spec(namespace, step)), work.resolve(namespace),
          ChartExport.Options.DEFAULT);
    }
  }

  @Override
  public void run(String namespace, Step step) {
    // helm v3.21.4 cmd/helm/upgrade.go: --install "if a release by this name doesn't already exist, run
    // an install"; --wait "will wait until all Pods, PVCs, Services, and minimum number of Pods of a
    // Deployment, StatefulSet, or ReplicaSet are in a ready state"; --wait-for-jobs "will wait until
    // all Jobs have been completed".
    List<String> command = new ArrayList<>(List.of(helm.toString(), "upgrade", "--install", RELEASE,
        work.resolve(namespace).resolve(ChartExport.Options.DEFAULT.chartName()).toString(),
        "--namespace", namespace, "--kubeconfig", kubeconfig.toString(),
        "--wait", "--wait-for-jobs", "--timeout", "10m"));
    if (step == Step.CHANGE) {
      command.addAll(List.of("--set", "components.api.replicas=2"));
    }
    commands.run(command);
  }
}
