/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.Deployer;
import io.openim.deploy.Autoscaling;
import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.InvalidSpecException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openim-deploy scale}: changes one component's replicas or autoscaling and rolls it out. */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = {"Sets a component's replicas, or an autoscaler with --max, and waits for the rollout.",
        "The constraints hold: crontask stays at one; msgtransfer and push above the Kafka partition"
            + " count warn (add --raise-partitions to raise it).",
        "Put the same into your spec file, or the next 'up' with it scales back."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:scaled and rolled out", "1:the rollout failed", "2:the change is invalid"})
final class ScaleCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions target;

  @Parameters(index = "0", paramLabel = "COMPONENT", description = "api, msggateway, msgtransfer, push, rpc-user, chat-api, ...")
  String component;

  @Parameters(index = "1", paramLabel = "REPLICAS", description = "The replicas, or the autoscaler's minimum with --max.")
  int replicas;

  @Option(names = "--max", paramLabel = "N", description = "Autoscale between REPLICAS and N.")
  @Nullable Integer max;

  @Option(names = "--cpu", paramLabel = "PERCENT", defaultValue = "80",
      description = "The autoscaler's CPU target. Default: ${DEFAULT-VALUE}.")
  int cpu;

  @Option(names = "--raise-partitions", description = "Raise the Kafka partition count to the replicas if it is lower.")
  boolean raisePartitions;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Component chosen = Component.byKey(component).orElse(null);
    if (chosen == null) {
      return Failures.report(err, "no component '" + component + "'; one of "
          + Arrays.stream(Component.values()).map(Component::key).toList(), PlanCommand.INVALID_SPEC);
    }
    try (Deployer deployer = target.open(target.helmLookup(), new Progress(out))) {
      DeploymentSpec spec;
      try {
        DeploymentSpec given = target.spec();
        DeploymentSpec.Builder builder = given.toBuilder();
        int most = replicas;
        if (max != null) {
          builder.autoscaling(chosen, Autoscaling.onCpu(replicas, max, cpu));
          most = max;
        } else {
          builder.replicas(chosen, replicas);
        }
        if (raisePartitions && (chosen == Component.MSG_TRANSFER || chosen == Component.PUSH)
            && given.kafkaPartitions() < most) {
          builder.kafkaPartitions(most);
        }
        spec = builder.build();
      } catch (InvalidSpecException e) {
        return Failures.report(err, e.getMessage(), PlanCommand.INVALID_SPEC);
      }
      DeploymentPlan plan = deployer.plan(spec);
      plan.warnings().stream().filter(w -> w.startsWith(chosen.key())).forEach(w -> err.println("warning: " + w
          + (w.contains("partitions") ? " (or run scale again with --raise-partitions)" : "")));
      err.flush();
      DeploymentResult result = deployer.apply(plan);
      if (result instanceof DeploymentResult.Failed failed) {
        return Failures.report(err, failed.reason(), 1);
      }
      out.printf("scaled %s to %s; put the same into your spec file, or the next 'up' with it scales back%n",
          chosen.key(), max == null ? replicas + " replicas" : replicas + ".." + max + " replicas (autoscaled)");
      out.flush();
      return 0;
    }
  }
}
