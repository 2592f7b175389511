/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.KubernetesProvider;
import io.openim.deploy.Deployer;
import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.Outcome;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Target;
import io.openim.deploy.core.images.ImageReport;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.core.ReleaseAccess;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.LocalClusterException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
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
          + " scheduler; KWOK simulates nodes and pods, so no container runs) and keeps it until Ctrl-C.",
      "With --real-node the embedded cluster's one node is real instead: containerd, runc, kubelet,"
          + " kube-proxy and CoreDNS on this machine, so OpenIM's containers really run and their images are"
          + " pulled from their registries (needs Linux, root and the Debian packages containerd, runc,"
          + " containernetworking-plugins and iptables). Where this machine cannot reach the registries, the"
          + " pods stay in ImagePullBackOff and up fails at --timeout, saying so.",
      "With --host (and --agent) it sets k3s up on those hosts over SSH first, as the first step of the apply"
          + " (hosts already set up are left alone; each remote command is shown), then deploys there with the k3s"
          + " provider. The plan is made from the cluster when k3s already runs there, else from the spec with k3s's"
          + " defaults. With --provider sealos it writes a Clusterfile from the hosts (checked strictly first) and"
          + " runs sealos apply on it from this machine instead, showing what sealos prints, then deploys with"
          + " sealos's defaults (OpenEBS storage, Higress ingress). Images are checked for linux/amd64 and"
          + " linux/arm64 (or --platform) before anything on the hosts is changed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:OpenIM is up", "1:the apply failed; the reason names the object, or the host and command"
            + " that failed while setting the cluster up",
        "2:the spec is invalid, or the options do not fit (--real-node with --kubeconfig or on this machine;"
            + " --host with --kubeconfig, --real-node or a provider other than k3s or sealos, or without the"
            + " SSH settings the provider needs); every problem is listed, and nothing was started or changed",
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

  @Mixin HostOptions hosts;

  @Option(names = "--real-node",
      description = "With the embedded local cluster: run OpenIM on a real node (containerd, runc, kubelet,"
          + " kube-proxy, CoreDNS on this machine) instead of KWOK's simulated ones, so pods really run and pull"
          + " their images. Needs Linux, root and the Debian packages containerd, runc,"
          + " containernetworking-plugins and iptables; one real node per machine. Images are checked in their"
          + " registries first, as for any cluster; without registry access the pods stay in ImagePullBackOff.")
  boolean realNode;

  /** Why this machine cannot run a real node, or empty; replaced in tests that need no root. */
  private final Supplier<Optional<String>> realNodeUnavailable;

  /** Used by picocli: the real node's own host check. */
  UpCommand() {
    this(LocalCluster::realNodeUnavailable);
  }

  /** With {@code realNodeUnavailable} in place of the real node's host check. */
  UpCommand(Supplier<Optional<String>> realNodeUnavailable) {
    this.realNodeUnavailable = realNodeUnavailable;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    List<String> problems = hosts.problems(target, realNode);
    if (!problems.isEmpty()) {
      return Failures.report(err, "the options do not fit together, so nothing was started or changed ("
          + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n  - "
          + String.join("\n  - ", problems), PlanCommand.INVALID_SPEC);
    }
    if (realNode) {
      Optional<String> refused = refuseRealNode();
      if (refused.isPresent()) {
        return Failures.report(err, refused.get(), PlanCommand.INVALID_SPEC);
      }
    }
    DeploymentSpec spec;
    try {
      spec = target.spec();
    } catch (InvalidSpecException e) {
      return Failures.report(err, e.getMessage(), PlanCommand.INVALID_SPEC);
    }
    if (hosts.given()) {
      return Failures.guard(err, () -> deployOnHosts(spec, out, err));
    }
    LocalCluster local = null;
    String kubeconfig;
    if (target.kubeconfig == null) {
      try {
        local = startLocal(out);
      } catch (LocalClusterException e) {
        return Failures.report(err, "the embedded local cluster did not start: " + e.getMessage(), 1);
      }
      kubeconfig = local.adminKubeconfig();
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

  /**
   * Why {@code --real-node} cannot be used here, checked before anything is read or started: it
   * needs the embedded cluster, and a machine that can run a real node.
   */
  private Optional<String> refuseRealNode() {
    if (target.kubeconfig != null) {
      return Optional.of("--real-node only applies to the embedded local cluster, and --kubeconfig " + target.kubeconfig
          + " names another cluster, whose own nodes run the pods; leave out one of the two");
    }
    return realNodeUnavailable.get().map(reason -> "--real-node: this machine cannot run a real node, so nothing"
        + " was started: " + reason);
  }

  /**
   * Starts the embedded cluster: three KWOK nodes, or with {@code --real-node} only the real node,
   * so that every pod really runs; a KWOK node next to it would take pods and report them Ready
   * without running anything, and up would claim a rollout that did not happen.
   */
  private LocalCluster startLocal(PrintWriter out) {
    if (realNode) {
      out.println("Starting the embedded local cluster with a real node (containerd, runc, kubelet, kube-proxy and"
          + " CoreDNS on this machine; no simulated nodes, so every pod really runs; the first run builds the"
          + " binaries with Go)...");
    } else {
      out.println("Starting the embedded local cluster (the first run builds its binaries with Go)...");
    }
    out.flush();
    LocalCluster local = realNode
        ? LocalCluster.builder().nodes(0).realNodes(1).start()
        : LocalCluster.builder().nodes(3).start();
    out.printf("Local cluster up in %d ms at %s%n", local.startupTime().toMillis(), local.apiServer());
    if (realNode) {
      out.printf("Real node: %s; its pods pull their images from their registries, and stay in ImagePullBackOff"
          + " where this machine cannot reach them.%n", String.join(", ", local.realNodes()));
    }
    out.flush();
    return local;
  }

  private int deploy(DeploymentSpec spec, String kubeconfig, @Nullable LocalCluster local, PrintWriter out,
      PrintWriter err) {
    String provider = target.provider == null ? KubernetesProvider.ID : target.provider;
    try (Deployer openim = OpenImDeploy.builder().target(Target.kubernetes(kubeconfig)).provider(provider)
        .listener(new Progress(out)).timeout(Duration.ofMinutes(timeoutMinutes)).force(force).build()) {
      return deploy(spec, openim, kubeconfig, local, out, err);
    }
  }

  /**
   * Sets a cluster up on the hosts and deploys there: the provider's apply does both, so the plan
   * and the image check come before any host is changed.
   */
  private int deployOnHosts(DeploymentSpec spec, PrintWriter out, PrintWriter err) {
    try (Deployer openim = OpenImDeploy.builder().target(hosts.target()).provider(hosts.provider(target))
        .listener(new Progress(out)).timeout(Duration.ofMinutes(timeoutMinutes)).force(force).build()) {
      int code = deploy(spec, openim, null, null, out, err);
      if (code == 0) {
        out.printf("%n%s%n", hosts.afterword(target));
        out.flush();
      }
      return code;
    }
  }

  /** Plans, checks the images, applies and reports; {@code kubeconfig} is the cluster's, if it is known yet. */
  private int deploy(DeploymentSpec spec, Deployer openim, @Nullable String kubeconfig, @Nullable LocalCluster local,
      PrintWriter out, PrintWriter err) {
    DeploymentPlan plan = openim.plan(spec);
    plan.warnings().forEach(w -> err.println("warning: " + w));
    err.flush();
    int images = checkImages(plan, kubeconfig, local, out, err);
    if (images != 0) {
      return images;
    }
    DeploymentResult result = openim.apply(plan);
    if (result instanceof DeploymentResult.Failed failed) {
      Failures.report(err, failed.reason(), 1);
      // the engine's words for a server-side apply conflict (Applier.refusal, HTTP 409 FieldManagerConflict)
      if (failed.reason().contains("conflicts with fields owned by other managers")) {
        err.println("Those fields were left as the other managers set them. Run 'up' again with --force to take"
            + " them over, or change them through their owner (or in the spec, to the value they have now).");
      }
      if (local == null) {
        err.println("What was applied stays applied; run 'up' again after fixing the cause.");
      } else {
        err.println("The embedded local cluster is stopped and removed now, with what was applied.");
      }
      if (realNode && (failed.reason().contains("ImagePullBackOff") || failed.reason().contains("ErrImagePull"))) {
        err.println("The real node could not pull images: this machine cannot reach their registries, or they"
            + " do not hold them. Run up where the registries are reachable, or set images.registryMirror in the"
            + " spec to a registry that has them.");
      }
      err.flush();
      return 1;
    }
    DeploymentResult.Succeeded ok = (DeploymentResult.Succeeded) result;
    out.printf("%nOpenIM %s is up in %s/%s: revision %d; %d created, %d changed, %d unchanged, %d pruned,"
            + " in %.1f s.%n%n",
        spec.version(), spec.namespace(), spec.release(), ok.revision(), ok.count(Outcome.CREATED),
        ok.count(Outcome.CHANGED), ok.count(Outcome.UNCHANGED), ok.count(Outcome.PRUNED),
        ok.took().toMillis() / 1000.0);
    Tables.status(out, openim.status(ReleaseRef.of(spec)));
    if (spec.component(Component.ADMIN_API).enabled()) {
      Tables.access(out, ReleaseAccess.chat(ReleaseRef.of(spec)));
    }
    return 0;
  }

  /**
   * Resolves the plan's images before anything is written: 0 to go on, else every problem is
   * printed and {@link ImageOptions#IMAGE_PROBLEMS} returned.
   */
  private int checkImages(DeploymentPlan plan, @Nullable String kubeconfig, @Nullable LocalCluster local,
      PrintWriter out, PrintWriter err) {
    if (skipImageCheck) {
      out.println("Images not checked (--skip-image-check): the nodes must already have them or reach their"
          + " registries.");
      out.flush();
      return 0;
    }
    if (local != null && local.realNodes().isEmpty()) {
      out.println("Images not checked: the embedded local cluster pulls no image (KWOK runs no container).");
      out.flush();
      return 0;
    }
    ClusterConnection cluster = kubeconfig == null ? null : ClusterConnection.fromKubeconfig(kubeconfig);
    List<ImageReport> reports = ImageOptions.run(images.check(cluster, plan.spec()), plan, true, out, err);
    return ImageOptions.refuse(reports, "up refused, nothing in the cluster was changed", err);
  }

  private static void keepRunning(LocalCluster local, PrintWriter out) throws IOException, InterruptedException {
    Path file = Path.of("openim-local.kubeconfig").toAbsolutePath();
    Files.writeString(file, local.adminKubeconfig());
    String pods = local.realNodes().isEmpty()
        ? "Its pods are simulated by KWOK: the objects are real, no container runs."
        : "Its pods run as real containers on the real node " + String.join(", ", local.realNodes()) + ".";
    out.printf("%nThe local cluster keeps running until Ctrl-C. %s%n  kubeconfig: %s%n  try:        java -jar"
        + " openim-deploy.jar status --kubeconfig %s%n", pods, file, file);
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      local.close();
      stop.countDown();
    }, "local-cluster-shutdown"));
    stop.await();
  }
}
