/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.image;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.core.chart.ChartExport;
import io.openim.deploy.core.images.ImageCheck;
import io.openim.deploy.core.render.PlanYaml;
import io.openim.deploy.sealos.image.internal.ExportFolder;
import io.openim.deploy.sealos.image.internal.FolderReadme;
import io.openim.deploy.sealos.image.internal.ImageScan;
import io.openim.deploy.sealos.image.internal.Kubefile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * OpenIM as a sealos cluster image: a build folder from which {@code sealos build} makes an
 * application image that installs a plan offline.
 *
 * <h2>The folder</h2>
 *
 * <ul>
 *   <li>{@code Kubefile}: {@code FROM scratch}, {@code ENV} defaults of {@code NAME}, {@code
 *       NAMESPACE} and {@code HELM_OPTS}, {@code COPY . .}, and a {@code CMD} that runs {@code helm
 *       upgrade -i $(NAME) charts/openim -n $(NAMESPACE) --create-namespace $(HELM_OPTS)}, which
 *       installs the first time and upgrades after.
 *   <li>{@code charts/openim}: the plan as core's chart, whose default values are the plan's.
 *   <li>{@code manifests/openim.yaml}: the plan's objects that run containers, so that {@code sealos
 *       build}'s image scan of {@code manifests/} finds every image; the image does not apply it.
 *   <li>{@code images/shim/openim-images.txt}: every image of the plan, one per line, sorted.
 *   <li>{@code README.md}: the commands below, the variables, and how credentials are handled.
 * </ul>
 *
 * <p>{@code sealos build} pulls every image named in {@code charts/} (rendered), {@code manifests/}
 * and {@code images/shim/} into {@code registry/} and bakes it into the image (docs/sealos.md,
 * "Cluster images"), so the build needs the network and the install does not.
 *
 * <h2>Credentials</h2>
 *
 * <p>No credential is written into the folder, since the image may be pushed to a registry: the
 * chart generates each one on the first install, keeps it on upgrades, and takes a value from
 * {@code credentials.<key>} when given one. Credentials the spec gives itself (rather than leaving
 * them to be generated) are named in {@link Export#credentialsToGive()}; the README tells how to
 * pass them in a values file on the first master, never through {@code --env}, whose values sealos
 * keeps in its saved Clusterfile.
 *
 * <h2>The target folder</h2>
 *
 * <p>It must be new, empty, or a previous export of ours, recognised by the file {@code
 * .openim-deploy-cluster-image}: its first line names it, and it lists the files the export wrote.
 * A previous export holding any other file ({@code sealos build}'s {@code registry/} aside, which
 * is kept) is refused like any other non-empty folder, and left untouched. The export is written
 * beside the target and renamed into place when complete, so a failure leaves no half export.
 *
 * @since 0.3
 */
public final class ClusterImage {
  /** Where the manifests go, for {@code sealos build}'s scan of {@code manifests/}. */
  public static final String MANIFESTS = "manifests/openim.yaml";

  /** Where the image list goes, for {@code sealos build}'s scan of {@code images/shim/}. */
  public static final String IMAGE_LIST = "images/shim/openim-images.txt";

  private ClusterImage() {}

  /**
   * What an export wrote and how to use it.
   *
   * @param folder the export folder, absolute
   * @param images every image of the plan, distinct, sorted: what the build pulls and bakes in
   * @param buildCommand {@code sealos build ...}, to run in {@code folder}
   * @param runCommand {@code sealos run ...}, to run on the cluster's first master
   * @param credentialsToGive the keys of the credentials the spec gives and the image does not
   *     carry; the run command then reads them from a values file on the first master (see the
   *     folder's README), and without them the chart would generate others
   * @since 0.3
   */
  public record Export(Path folder, List<String> images, List<String> buildCommand, List<String> runCommand,
      List<String> credentialsToGive) {
    /** Copies the lists. */
    public Export {
      Objects.requireNonNull(folder, "folder");
      images = List.copyOf(images);
      buildCommand = List.copyOf(buildCommand);
      runCommand = List.copyOf(runCommand);
      credentialsToGive = List.copyOf(credentialsToGive);
    }
  }

  /**
   * Writes the build folder for {@code plan} into {@code folder}.
   *
   * @throws IllegalArgumentException if the options' namespace is not the plan's, if some line of
   *     the plan would make {@code sealos build} pull an image the plan does not run (each such line
   *     is named), or if {@code folder} is taken (see above); nothing is written then
   * @throws java.io.UncheckedIOException if writing fails; the folder is then as it was
   */
  public static Export export(DeploymentPlan plan, ClusterImageOptions options, Path folder) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(folder, "folder");
    DeploymentSpec spec = plan.spec();
    List<String> problems = new ArrayList<>();
    if (!options.namespace().equals(spec.namespace())) {
      problems.add("the options' namespace is '" + options.namespace() + "', but the plan is for namespace '"
          + spec.namespace() + "', which its chart names in every service address and insists on; plan the spec"
          + " for namespace " + options.namespace() + ", or give namespace " + spec.namespace());
    }
    List<String> images = ImageCheck.images(plan).stream().distinct().sorted().toList();
    String manifests = manifests(plan);
    // the chart renders to the plan's objects, so the plan's lines are what the build's scan of the
    // rendered chart reads too
    problems.addAll(ImageScan.strangers("the plan", PlanYaml.render(plan), images));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cannot export " + spec.release() + " as a cluster image: "
          + String.join("; ", problems));
    }
    List<String> given = ChartExport.givenCredentials(plan);
    Commands commands = new Commands(options, given);
    Path written = ExportFolder.write(folder, staging -> {
      // credentials left out: the chart takes them from its values, else keeps the release Secret's,
      // else generates them at the first install. sealos build also reads a <chart>.values.yaml
      // beside the chart; none is written, since the chart's values.yaml holds the plan's values.
      ChartExport.write(plan, Files.createDirectories(staging.resolve("charts")), ChartExport.Options.DEFAULT);
      write(staging.resolve(MANIFESTS), manifests);
      write(staging.resolve(IMAGE_LIST), "# Every image of OpenIM " + spec.version() + " (release " + spec.release()
          + "), for sealos build to pull.\n" + String.join("\n", images) + "\n");
      write(staging.resolve("Kubefile"), Kubefile.render(spec, options));
      write(staging.resolve("README.md"), FolderReadme.render(spec, options, images, commands.build(),
          commands.run(), given));
    });
    return new Export(written, images, commands.build(), commands.run(), given);
  }

  /** The objects of the plan that run containers, redacted: what sealos build's scan reads. */
  private static String manifests(DeploymentPlan plan) {
    StringBuilder out = new StringBuilder("# The workloads of OpenIM ").append(plan.spec().version())
        .append(" (release ").append(plan.spec().release()).append("), for sealos build's image scan only:\n")
        .append("# the image installs charts/openim with Helm and never applies this file.\n");
    for (Manifest manifest : plan.manifests()) {
      DeploymentPlan one = new DeploymentPlan(plan.spec(), List.of(manifest), List.of());
      if (!ImageCheck.images(one).isEmpty()) {
        out.append("---\n").append(PlanYaml.render(manifest));
      }
    }
    return out.toString();
  }


  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(Objects.requireNonNull(file.getParent(), "a file in a folder"));
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /**
   * The commands an export gives: {@code sealos build -t IMG --isolation=chroot --platform
   * linux/ARCH -f Kubefile .} as docs/sealos.md ("Cluster images") has it, and {@code sealos run
   * IMG --env KEY=VALUE ...}, one {@code --env} per variable (a repeatable flag whose values sealos
   * also splits at commas: sealos v5.1.1 lifecycle/pkg/apply/args.go).
   */
  private record Commands(List<String> build, List<String> run) {
    Commands(ClusterImageOptions options, List<String> given) {
      this(List.of("sealos", "build", "-t", options.image(), "--isolation=chroot", "--platform",
          options.platform().platform(), "-f", "Kubefile", "."), run(options, given));
    }

    private static List<String> run(ClusterImageOptions options, List<String> given) {
      List<String> run = new ArrayList<>(List.of("sealos", "run", options.image(),
          "--env", "NAME=" + options.releaseName(), "--env", "NAMESPACE=" + options.namespace()));
      if (!given.isEmpty()) {
        run.add("--env");
        String flags = options.helmOptions().isBlank() ? "" : options.helmOptions().strip() + " ";
        run.add("HELM_OPTS=" + flags + "--values " + FolderReadme.credentialsFile(options));
      }
      return run;
    }
  }
}
