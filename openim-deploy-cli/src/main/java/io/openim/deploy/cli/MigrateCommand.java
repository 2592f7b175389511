/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.BackupTarget;
import io.openim.deploy.core.KubernetesDeployer;
import io.openim.deploy.core.migrate.MigrationPlan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openim-deploy migrate}: prints, or runs step by step, the move of a compose OpenIM into a cluster. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = {"Prints the plan that moves a docker-compose OpenIM into the cluster: write the spec, deploy",
        "with OpenIM at zero, stop OpenIM on the old host, publish its MongoDB for the copy, copy the data into",
        "the cluster with a verified manifest, restore it and scale up, unpublish MongoDB, cut clients over.",
        "Each step says how it is verified and how to go back. With --run, runs it: old-host steps are shown",
        "and confirmed, then checked; the first failed check stops the run, and running again resumes."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:planned, or migrated", "1:a step failed or was not confirmed; its way back is printed",
        "2:the compose setup cannot be migrated"})
final class MigrateCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin BackupTargetOptions where;

  @Parameters(index = "0", paramLabel = "COMPOSE_DIR",
      description = "The folder with docker-compose.yaml and .env (a copy of the old host's is enough to plan).")
  Path composeDir;

  @Option(names = "--host", required = true, paramLabel = "ADDRESS",
      description = "The old host, as the cluster's nodes and this machine reach it.")
  String host;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "openim-migration",
      description = "Where the spec, its secrets and the compose override go, and are read again on a"
          + " second run. Keep it. Default: ${DEFAULT-VALUE}.")
  Path output;

  @Option(names = "--release", defaultValue = "openim", description = "The release name. Default: ${DEFAULT-VALUE}.")
  String release;

  @Option(names = {"-n", "--namespace"}, defaultValue = "openim", description = "The namespace. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--mongo-port", defaultValue = "37017", paramLabel = "PORT",
      description = "The old host's port to publish MongoDB on, if it is not published. Default: ${DEFAULT-VALUE}.")
  int mongoPort;

  @Option(names = "--minio-port", defaultValue = "10005", paramLabel = "PORT",
      description = "The old host's port to publish MinIO on, if it is not published. Default: ${DEFAULT-VALUE}.")
  int minioPort;

  @Option(names = "--old-host-dir", paramLabel = "PATH",
      description = "The compose folder's path on the old host, for the printed commands. Default: COMPOSE_DIR.")
  @Nullable String oldHostDir;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "The cluster's kubeconfig, for --run. Default: $KUBECONFIG, else ~/.kube/config.")
  @Nullable Path kubeconfig;

  @Option(names = "--run", description = "Run the plan instead of printing it.")
  boolean run;

  @Option(names = "--yes", description = "With --run: do not ask before old-host steps (their checks still run).")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    return Failures.guard(err, () -> {
      BackupTarget target = where.target(System::getenv, "20Gi");
      MigrationPlan.Builder builder = MigrationPlan.builder(composeDir, host).release(release).namespace(namespace)
          .specDirectory(output).target(target).ports(mongoPort, minioPort);
      if (oldHostDir != null) {
        builder.oldHostDirectory(oldHostDir);
      }
      MigrationPlan plan = builder.build();
      if (!run) {
        out.print(plan.text());
        out.println("\nRun it with the same options and --run; it asks before each old-host step.");
        out.flush();
        return 0;
      }
      return run(plan, out, err);
    });
  }

  private int run(MigrationPlan plan, PrintWriter out, PrintWriter err) {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(ClusterOptions.kubeconfigText(kubeconfig))
        .listener(new Progress(out)).timeout(where.timeout()).build()) {
      MigrationPlan.Result result = deployer.migrate(plan, step -> yes || ask(step, in, out));
      MigrationPlan.Step failed = result.failed();
      if (failed != null) {
        Failures.report(err, "step " + failed.number() + " (" + failed.name() + "): " + result.reason(), 1);
        err.println("to go back: " + result.rollback());
        err.flush();
        return 1;
      }
      out.println("migrated into " + namespace + "/" + release + "; the spec is " + output.resolve("openim.yaml")
          + ": use it with -f from now on");
      out.flush();
      return 0;
    }
  }

  private static boolean ask(MigrationPlan.Step step, BufferedReader in, PrintWriter out) {
    out.println("  step " + step.number() + " (" + step.name() + "): " + step.action());
    step.commands().forEach(c -> out.println("    $ " + c));
    out.print("  type 'done' when done (anything else stops here): ");
    out.flush();
    try {
      String answer = in.readLine();
      return answer != null && answer.strip().equalsIgnoreCase("done");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
