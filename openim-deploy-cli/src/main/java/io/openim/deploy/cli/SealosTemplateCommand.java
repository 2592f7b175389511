/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.sealos.template.SealosTemplate;
import io.openim.deploy.sealos.template.TemplateOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openim-deploy sealos-template}: exports a spec as a Sealos Cloud App Store template. */
@Command(name = "sealos-template", mixinStandardHelpOptions = true,
    description = {"Exports a spec as a Sealos Cloud App Store template: an app.sealos.io/v1 Template, then"
        + " OpenIM's objects with ${{ }} expressions, on the user's cloud domain with its certificate.",
        "Credentials are not in it: each is a default the App Store generates with random() when the app is"
        + " deployed, or an input the user types. By default MongoDB and Redis are KubeBlocks databases and MinIO"
        + " an ObjectStorageBucket, wired through the Secrets their controllers create."})
final class SealosTemplateCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(names = {"-f", "--file"}, paramLabel = "SPEC", description = "The spec file (YAML); the default spec without it.")
  @Nullable Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Where the template goes; standard output without it.")
  @Nullable Path output;

  @Option(names = "--title", description = "The App Store title. Default: the template's own.")
  @Nullable String title;

  @Option(names = "--in-cluster-mongo", description = "Run MongoDB as a StatefulSet of the app instead of a KubeBlocks database.")
  boolean inClusterMongo;

  @Option(names = "--in-cluster-redis", description = "Run Redis as a StatefulSet of the app instead of a KubeBlocks database.")
  boolean inClusterRedis;

  @Option(names = "--in-cluster-minio", description = "Run MinIO as a StatefulSet of the app instead of an ObjectStorageBucket.")
  boolean inClusterMinio;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = command.commandLine().getErr();
    DeploymentSpec spec;
    try {
      spec = ClusterOptions.spec(file);
    } catch (InvalidSpecException e) {
      return Failures.report(err, e.getMessage(), PlanCommand.INVALID_SPEC);
    }
    TemplateOptions.Builder options = TemplateOptions.defaults().toBuilder().managedMongo(!inClusterMongo)
        .managedRedis(!inClusterRedis).objectStorage(!inClusterMinio);
    if (title != null) {
      options.title(title);
    }
    String template;
    try {
      template = SealosTemplate.export(spec, options.build());
    } catch (IllegalArgumentException e) {
      return Failures.report(err, "the spec cannot be exported as a Sealos template, so nothing was written: "
          + e.getMessage(), PlanCommand.INVALID_SPEC);
    }
    if (output == null) {
      command.commandLine().getOut().print(template);
      command.commandLine().getOut().flush();
      return 0;
    }
    Files.writeString(output, template);
    command.commandLine().getOut().printf("wrote the Sealos template of %s/%s to %s; add it to the App Store"
        + " (labring-actions/templates) or deploy it from Sealos Cloud's template page%n", spec.namespace(),
        spec.release(), output);
    command.commandLine().getOut().flush();
    return 0;
  }
}
