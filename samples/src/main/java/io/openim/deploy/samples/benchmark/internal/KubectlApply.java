/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.Deployer;
import io.openim.deploy.core.render.PlanYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code kubectl apply --server-side} of the rendered plan (every object in one apply, in the
 * plan's order), then {@code kubectl rollout status} of every Deployment and StatefulSet and
 * {@code kubectl wait --for=condition=Complete} of every Job. The plan is made by openim-deploy
 * outside the measured time, for the change from the live credentials so that they stay the same.
 */
public final class KubectlApply implements Tool {
  private final Path kubectl;
  private final Path kubeconfig;
  private final Path work;
  private final Commands commands;
  private final Deployer planner;
  private boolean jobs;

  /** Runs {@code kubectl}; {@code planner} renders the plans, written into {@code work}. */
  public KubectlApply(Path kubectl, Path kubeconfig, Path work, Commands commands, Deployer planner) {
    this.kubectl = kubectl;
    this.kubeconfig = kubeconfig;
    this.work = work;
    this.commands = commands;
    this.planner = planner;
  }

  @Override
  public String name() {
    return "`kubectl apply --server-side` + waits";
  }

  @Override
  public String id() {
    return "kubectl";
  }

  @Override
  public void prepare(String namespace, Step step) {
    DeploymentPlan plan = planner.plan(Tool.spec(namespace, step));
    jobs = plan.manifests().stream().anyMatch(m -> m.kind().equals("Job"));
    try {
      Files.writeString(planFile(namespace, step), PlanYaml.export(plan));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the rendered plan into " + work, e);
    }
  }

  @Override
  public void run(String namespace, Step step) {
    String config = "--kubeconfig=" + kubeconfig;
    String cache = "--cache-dir=" + work.resolve("kube-cache");
    // k8s.io/kubectl v0.36.3 (kubectl v1.36.3) pkg/cmd/util/helpers.go: --server-side "If true, apply runs in
    // the server instead of the client".
    commands.run(List.of(kubectl.toString(), "apply", "--server-side", "-f", planFile(namespace, step).toString(),
        config, cache));
    // pkg/cmd/rollout/rollout_status.go: "status (TYPE NAME | TYPE/NAME)", resolved with
    // ResourceTypeOrNameArgs(true, ...), so types alone select every object of those types in the namespace,
    // which it waits for one after another.
    commands.run(List.of(kubectl.toString(), "rollout", "status", "deployment,statefulset", "-n", namespace,
        "--timeout=10m", config, cache));
    if (jobs) {
      commands.run(List.of(kubectl.toString(), "wait", "--for=condition=Complete", "job", "--all", "-n", namespace,
          "--timeout=10m", config, cache));
    }
  }

  private Path planFile(String namespace, Step step) {
    return work.resolve(namespace + "-" + step.name().toLowerCase(Locale.ROOT) + "-plan.yaml");
  }
}
