/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.core.migrate.ComposeImport;
import io.openim.deploy.core.render.Topology;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openim-deploy import-compose}: turns a docker-compose OpenIM into a spec file. */
@Command(
    name = "import-compose",
    mixinStandardHelpOptions = true,
    description = {
      "Reads an OpenIM docker-compose setup (its .env and compose file) into a spec file,",
      "and prints every assumption it made. Secrets go to owner-only files under secrets/,",
      "never into the spec file or the output. Changes nothing in any cluster."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the spec was written", "2:the folder could not be imported, or its spec is invalid"})
final class ImportComposeCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(index = "0", paramLabel = "COMPOSE_DIR",
      description = "The folder with docker-compose.yaml and .env (openimsdk/openim-docker).")
  Path composeDir;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "openim-import",
      description = "Where to write openim.yaml and secrets/ (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--release", defaultValue = "openim", description = "The release name (default: ${DEFAULT-VALUE}).")
  String release;

  @Option(names = {"-n", "--namespace"}, defaultValue = "openim",
      description = "The namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    ComposeImport imported;
    DeploymentPlan plan;
    try {
      imported = ComposeImport.read(composeDir, release, namespace);
      plan = Topology.plan(imported.spec());
    } catch (IllegalArgumentException | InvalidSpecException e) {
      return Failures.report(err, composeDir + ": " + e.getMessage(), PlanCommand.INVALID_SPEC);
    }
    Path spec;
    try {
      spec = imported.writeTo(output);
    } catch (IllegalStateException | UncheckedIOException e) {
      return Failures.report(err, output + ": " + e.getMessage(), PlanCommand.INVALID_SPEC);
    }
    out.println("Assumptions:");
    imported.assumptions().forEach(a -> out.println("  - " + a));
    plan.warnings().forEach(w -> out.println("warning: " + w));
    out.println("Wrote " + spec + " (" + plan.manifests().size() + " objects when planned)."
        + " Next: openim-deploy diff -f " + spec + ", then up -f " + spec + ".");
    out.flush();
    return 0;
  }
}
