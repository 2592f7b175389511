/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.sealos.SealosOptions;
import io.openim.deploy.sealos.clusterfile.Arch;
import io.openim.deploy.sealos.image.ClusterImage;
import io.openim.deploy.sealos.image.ClusterImageOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openim-deploy sealos-image}: exports a spec as a sealos cluster image's build folder. */
@Command(name = "sealos-image", mixinStandardHelpOptions = true,
    description = {"Exports a spec as the build folder of a sealos cluster image, so OpenIM installs offline:"
        + " a Kubefile (FROM scratch; its CMD installs the chart with helm upgrade -i), the chart, the manifests"
        + " and image list sealos build scans for the images to bake in, and a README with the exact sealos"
        + " build and sealos run commands, which this command also prints.",
        "No credential is written into the folder: the chart generates them at install, and those the spec"
        + " gives are named, with how to pass them to sealos run."})
final class SealosImageCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(names = {"-f", "--file"}, paramLabel = "SPEC", description = "The spec file (YAML); the default spec without it.")
  @Nullable Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
      description = "The build folder: new, empty, or an earlier export of this command, which is replaced.")
  Path output;

  @Option(names = "--image", paramLabel = "IMAGE", required = true,
      description = "The cluster image to build, such as registry.example.com/openim:v3.8.3.")
  String image;

  @Option(names = "--platform", defaultValue = "amd64",
      description = "The hosts' architecture: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Arch platform;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    DeploymentSpec spec;
    try {
      spec = ClusterOptions.spec(file);
    } catch (InvalidSpecException e) {
      return Failures.report(err, e.getMessage(), PlanCommand.INVALID_SPEC);
    }
    ClusterImage.Export export;
    try {
      // the image installs onto a sealos cluster: its storage and ingress classes, as up --provider sealos
      export = ClusterImage.export(SealosOptions.DEFAULT.flavour().offline(spec), ClusterImageOptions.of(image, platform,
          spec), output);
    } catch (IllegalArgumentException e) {
      return Failures.report(err, "nothing was written: " + e.getMessage(), PlanCommand.INVALID_SPEC);
    }
    out.printf("wrote the build folder of %s (%d images) to %s%nbuild it there (needs the network and root):%n"
        + "  %s%nthen install OpenIM offline on the cluster's first master:%n  %s%n", image, export.images().size(),
        export.folder(), String.join(" ", export.buildCommand()), String.join(" ", export.runCommand()));
    out.flush();
    if (!export.credentialsToGive().isEmpty()) {
      err.printf("warning: the spec gives credentials the image does not carry (%s): pass them to sealos run as"
          + " the folder's README says, or the chart generates others%n", String.join(", ", export.credentialsToGive()));
      err.flush();
    }
    return 0;
  }
}
