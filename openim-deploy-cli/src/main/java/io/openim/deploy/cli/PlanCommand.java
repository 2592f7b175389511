/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.core.images.ImageCheck;
import io.openim.deploy.core.images.ImageReport;
import io.openim.deploy.core.render.PlanYaml;
import io.openim.deploy.core.render.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openim-deploy plan}: prints the Kubernetes objects a spec turns into. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the Kubernetes objects for a spec as multi-document YAML, in apply order.",
      "Changes nothing anywhere. Secrets are redacted unless --show-secrets is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the plan was printed", "2:the spec is invalid; every problem is listed",
        "3:with --pin-digests, an image cannot be pulled; every such image is listed and no plan is printed"})
final class PlanCommand implements Callable<Integer> {
  static final int INVALID_SPEC = 2;

  @Spec CommandSpec command;

  @Option(names = {"-f", "--file"}, paramLabel = "SPEC",
      description = "The spec file (YAML). Without it, the default spec: release openim, profile minimal.")
  @Nullable Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the plan to FILE instead of standard output.")
  @Nullable Path output;

  @Option(names = "--show-secrets",
      description = "Write secrets in clear, for a GitOps repository that encrypts them."
          + " With --output the file is made readable by its owner only.")
  boolean showSecrets;

  @Option(names = "--pin-digests",
      description = "Resolve every image in its registry (linux/amd64 and linux/arm64, or each --platform) and write it as"
          + " image@sha256:..., so nodes pull exactly what was checked.")
  boolean pinDigests;

  @Mixin ImageOptions images;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    DeploymentPlan plan;
    try {
      DeploymentSpec spec = ClusterOptions.spec(file);
      plan = Topology.plan(spec);
    } catch (InvalidSpecException e) {
      return Failures.report(err, (file == null ? "the default spec" : file) + ": " + e.getMessage(), INVALID_SPEC);
    }
    for (String warning : plan.warnings()) {
      err.println("warning: " + warning);
    }
    err.flush();
    if (pinDigests) {
      // the progress of the check goes to standard error, so standard output stays the plan alone
      List<ImageReport> reports = ImageOptions.run(images.check(null, plan.spec()), plan, false, err, err);
      int refused = ImageOptions.refuse(reports, "no plan was printed", err);
      if (refused != 0) {
        return refused;
      }
      plan = ImageCheck.pin(plan, reports);
    }
    String yaml = showSecrets ? PlanYaml.export(plan) : PlanYaml.render(plan);
    if (output == null) {
      PrintWriter out = command.commandLine().getOut();
      out.print(yaml);
      out.flush();
    } else {
      write(output, yaml);
      err.println("wrote " + plan.manifests().size() + " objects to " + output
          + (showSecrets ? " (secrets in clear; the file is readable by its owner only)" : ""));
      err.flush();
    }
    return 0;
  }

  private void write(Path target, String yaml) {
    try {
      Files.deleteIfExists(target);
      if (showSecrets) {
        Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(target, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + target, e);
    }
  }
}
