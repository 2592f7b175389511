/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.core.chart.ChartExport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openim-deploy chart}: exports a spec as a Helm chart. */
@Command(name = "chart", mixinStandardHelpOptions = true,
    description = {"Exports a spec as a Helm chart folder: helm lint accepts it, and with its default values it"
        + " renders exactly the objects 'plan' prints. Credentials stay out of values.yaml unless"
        + " --include-secrets."})
final class ChartCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(names = {"-f", "--file"}, paramLabel = "SPEC", description = "The spec file (YAML); the default spec without it.")
  @Nullable Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Where the chart folder goes.")
  Path output;

  @Option(names = "--name", defaultValue = "openim", description = "The chart's name. Default: ${DEFAULT-VALUE}.")
  String name;

  @Option(names = "--chart-version", defaultValue = "0.1.0", description = "The chart's version. Default: ${DEFAULT-VALUE}.")
  String version;

  @Option(names = "--include-secrets", description = "Write the credentials into values.yaml, in clear.")
  boolean includeSecrets;

  @Override
  public Integer call() {
    DeploymentSpec spec;
    try {
      spec = ClusterOptions.spec(file);
    } catch (InvalidSpecException e) {
      return Failures.report(command.commandLine().getErr(), e.getMessage(), PlanCommand.INVALID_SPEC);
    }
    DeploymentPlan plan = Topology.plan(spec);
    Path chart = ChartExport.write(plan, output, new ChartExport.Options(name, version, includeSecrets));
    command.commandLine().getOut().printf("wrote chart %s %s to %s%ninstall it with:  helm install %s %s"
        + " --namespace %s --create-namespace%n", name, version, chart, spec.release(), chart, spec.namespace());
    command.commandLine().getOut().flush();
    List<String> given = includeSecrets ? List.of() : ChartExport.givenCredentials(plan);
    if (!given.isEmpty()) {
      // without them the chart would generate other values, and OpenIM could not log in
      command.commandLine().getErr().printf("warning: the spec gives credentials the chart does not hold (%s):"
          + " give helm install a values file of your own (owner-only) with them under 'credentials:', or"
          + " export with --include-secrets; 'up --provider helm' passes them itself%n", String.join(", ", given));
      command.commandLine().getErr().flush();
    }
    return 0;
  }
}
