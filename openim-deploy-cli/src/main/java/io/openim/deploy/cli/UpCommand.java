/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.Outcome;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Target;
import io.openim.deploy.core.Deployer;
import io.openim.deploy.core.ImageReport;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.core.ReleaseAccess;
import io.openim.deploy.testkit.LocalCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openim-deploy up}: plan, apply, wait; on the embedded local cluster unless told otherwise. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Plans, applies and waits until OpenIM has rolled out, showing progress as it goes.",
      "Safe to run again: it converges, and changes nothing when nothing changed.",
      "Without --kubeconfig it starts the embedded local cluster (etcd, kube-apiserver, controllers,"
          + " scheduler; KWOK simulates nodes and pods, so no container runs) and keeps it until Ctrl-C."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:OpenIM is up", "1:the apply failed; the reason names the object",
        "2:the spec is invalid; every problem is listed",
        "3:an image cannot be pulled; every such image is listed, and nothing in the cluster was changed"})
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions target;

  @Option(names = "--timeout", paramLabel = "MINUTES", defaultValue = "20",
      description = "How long the whole apply may take. Default: ${DEFAULT-VALUE}.")
  int timeoutMinutes;

  @Option(names = "--force", description = "Take over fields that other field managers own.")
  boolean force;

  @Option(names = "--exit", description = "With the local cluster: stop it and exit once OpenIM is up.")
  boolean exit;

  @Option(names = "--skip-image-check",
      description = "Do not resolve the images in their registries before applying: for an air-gapped cluster"
          + " whose nodes already have them. Images are then not checked at all.")
  boolean skipImageCheck;

  @Mixin ImageOptions images;

  @Option(names = "--provider", paramLabel = "ID", defaultValue = "kubernetes",
      description = "kubernetes (server-side apply, phase by phase) or helm (a Helm release). Default: ${DEFAULT-VALUE}.")
  String provider;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    DeploymentSpec spec;
    try {
      spec = target.spec();
    } catch (InvalidSpecException e) {
      return Failures.report(err, e.getMessage(), PlanCommand.INVALID_SPEC);
    }
    LocalCluster local = null;
    String kubeconfig;
    if (target.kubeconfig == null) {
      out.println("Starting the embedded local cluster (the first run builds its binaries with Go)...");
      out.flush();
      local = LocalCluster.builder().nodes(3).start();
      kubeconfig = local.adminKubeconfig();
      out.printf("Local cluster up in %d ms at %s%n", local.startupTime().toMillis(), local.apiServer());
    } else {
      kubeconfig = target.kubeconfigText();
    }
    try {
      int code = deploy(spec, kubeconfig, local, out, err);
      if (local != null && code == 0 && !exit) {
        keepRunning(local, out);
      }
      return code;
    } finally {
      if (local != null) {
        local.close();
      }
    }
  }

  private int deploy(DeploymentSpec spec, String kubeconfig, @Nullable LocalCluster local, PrintWriter out,
      PrintWriter err) {
    try (Deployer deployer = Deployer.builder().kubeconfig(kubeconfig).listener(new Progress(out))
        .timeout(Duration.ofMinutes(timeoutMinutes)).force(force).build()) {
      OpenImDeploy openim = OpenImDeploy.builder().target(Target.kubernetes(kubeconfig)).provider(provider)
          .listener(new Progress(out)).timeout(Duration.ofMinutes(timeoutMinutes)).force(force).build();
      DeploymentPlan plan = openim.plan(spec);
      plan.warnings().forEach(w -> err.println("warning: " + w));
      err.flush();
      int images = checkImages(plan, deployer, local, out, err);
      if (images != 0) {
        return images;
      }
      DeploymentResult result = openim.apply(plan);
      if (result instanceof DeploymentResult.Failed failed) {
        Failures.report(err, failed.reason(), 1);
        err.println("What was applied stays applied; run 'up' again after fixing the cause.");
        err.flush();
        return 1;
      }
      DeploymentResult.Succeeded ok = (DeploymentResult.Succeeded) result;
      out.printf("%nOpenIM %s is up in %s/%s: revision %d; %d created, %d changed, %d unchanged, %d pruned,"
              + " in %.1f s.%n%n",
          spec.version(), spec.namespace(), spec.release(), ok.revision(), ok.count(Outcome.CREATED),
          ok.count(Outcome.CHANGED), ok.count(Outcome.UNCHANGED), ok.count(Outcome.PRUNED),
          ok.took().toMillis() / 1000.0);
      Tables.status(out, deployer.status(ReleaseRef.of(spec)));
      if (spec.component(Component.ADMIN_API).enabled()) {
        Tables.access(out, ReleaseAccess.chat(ReleaseRef.of(spec)));
      }
      return 0;
    }
  }

  /**
   * Resolves the plan's images before anything is written: 0 to go on, else every problem is
   * printed and {@link ImageOptions#IMAGE_PROBLEMS} returned.
   */
  private int checkImages(DeploymentPlan plan, Deployer deployer, @Nullable LocalCluster local, PrintWriter out,
      PrintWriter err) {
    if (skipImageCheck) {
      out.println("Images not checked (--skip-image-check): the nodes must already have them or reach their"
          + " registries.");
      out.flush();
      return 0;
    }
    if (local != null) {
      out.println("Images not checked: the embedded local cluster pulls no image (KWOK runs no container).");
      out.flush();
      return 0;
    }
    List<ImageReport> reports = ImageOptions.run(images.check(deployer.connection(), plan.spec()), plan, true, out, err);
    return ImageOptions.refuse(reports, "up refused, nothing in the cluster was changed", err);
  }

  private static void keepRunning(LocalCluster local, PrintWriter out) throws IOException, InterruptedException {
    Path file = Path.of("openim-local.kubeconfig").toAbsolutePath();
    Files.writeString(file, local.adminKubeconfig());
    out.printf("%nThe local cluster keeps running until Ctrl-C. Its pods are simulated by KWOK: the objects"
        + " are real, no container runs.%n  kubeconfig: %s%n  try:        java -jar openim-deploy.jar status"
        + " --kubeconfig %s%n", file, file);
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      local.close();
      stop.countDown();
    }, "local-cluster-shutdown"));
    stop.await();
  }
}
