/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.core.images.ImageCheck;
import io.openim.deploy.core.images.ImageReport;
import io.openim.deploy.core.engine.ClusterConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How the commands that check images find credentials, and how they print what they found. */
final class ImageOptions {
  /** The exit code of a command that found images nodes cannot pull. */
  static final int IMAGE_PROBLEMS = 3;

  @Option(names = "--docker-config", paramLabel = "FILE",
      description = "Registry credentials as docker config JSON, used after the spec's images.pullSecrets; only"
          + " inline \"auths\" are read, not credsStore or credHelpers."
          + " Default: $DOCKER_CONFIG/config.json, else ~/.docker/config.json, when present.")
  @Nullable Path dockerConfig;

  @Option(names = "--platform", paramLabel = "OS/ARCH",
      description = "A platform every image must offer (linux/amd64), instead of those of the nodes OpenIM's pods"
          + " can be scheduled on. Repeatable.")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
      description = "Reach this registry or mirror over plain HTTP instead of HTTPS, as the nodes' runtime does for"
          + " an insecure registry (loopback ones always are). Repeatable.")
  List<String> insecureRegistries = new ArrayList<>();

  /**
   * The check for {@code spec}: the nodes' platforms and the pull secrets from {@code connection}
   * when there is one, then the docker config file.
   */
  ImageCheck check(@Nullable ClusterConnection connection, DeploymentSpec spec) {
    ImageCheck.Builder builder = ImageCheck.builder();
    if (connection != null) {
      builder.cluster(connection, spec);
    }
    if (!platforms.isEmpty()) {
      builder.platforms(platforms);
    }
    insecureRegistries.forEach(builder::plainHttp);
    Path config = dockerConfigFile();
    if (config != null) {
      try {
        builder.dockerConfig(Files.readString(config), config.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the docker config " + config, e);
      }
    }
    return builder.build();
  }

  /**
   * Resolves every image of {@code plan}, printing one line per image on {@code out}; returns the
   * reports. Notes (a pull secret that is missing) and, without a cluster, the pull secrets that
   * could not be read go to {@code err}.
   */
  static List<ImageReport> run(ImageCheck check, DeploymentPlan plan, boolean connected, PrintWriter out,
      PrintWriter err) {
    if (!connected && !plan.spec().images().pullSecrets().isEmpty()) {
      err.println("note: without a cluster the pull secrets " + plan.spec().images().pullSecrets()
          + " cannot be read; give --kubeconfig to use them");
    }
    check.notes().forEach(note -> err.println("note: " + note));
    err.flush();
    out.println("Checking " + ImageCheck.images(plan).size() + " images for " + String.join(", ", check.platforms(plan))
        + " in their registries...");
    out.flush();
    List<ImageReport> reports = check.check(plan);
    for (ImageReport report : reports) {
      out.println((report.ok() ? "  ok       " : "  PROBLEM  ") + report.describe());
    }
    out.flush();
    return reports;
  }

  /**
   * Prints every problem of {@code reports} as one error and returns {@link #IMAGE_PROBLEMS}, or
   * returns 0 when there is none.
   */
  static int refuse(List<ImageReport> reports, String what, PrintWriter err) {
    List<String> problems = ImageCheck.problems(reports);
    if (problems.isEmpty()) {
      return 0;
    }
    err.println("error: " + problems.size() + " of " + reports.size() + " images cannot be pulled as the plan says; "
        + what + ":");
    problems.forEach(p -> err.println("  " + p));
    err.println("Fix the version or images.registryMirror, or the credentials; if the cluster is air-gapped"
        + " with the images already on its nodes, run with --skip-image-check.");
    err.flush();
    return IMAGE_PROBLEMS;
  }

  private @Nullable Path dockerConfigFile() {
    if (dockerConfig != null) {
      if (!Files.isRegularFile(dockerConfig)) {
        throw new UncheckedIOException(new IOException("no docker config at " + dockerConfig
            + "; give an existing file with --docker-config"));
      }
      return dockerConfig;
    }
    String dir = System.getenv("DOCKER_CONFIG");
    Path path = dir != null && !dir.isBlank()
        ? Path.of(dir, "config.json")
        : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    return Files.isRegularFile(path) ? path : null;
  }
}
