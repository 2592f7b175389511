/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.core.images.ImageCheck;
import io.openim.deploy.core.images.ImageReport;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.core.engine.ClusterConnection;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code openim-deploy images}: resolves every image of the plan in its registry. */
@Command(
    name = "images",
    mixinStandardHelpOptions = true,
    description = {
      "Resolves every image the plan's pods would pull in its registry: the tag exists, the image is"
          + " built for each platform the nodes need, and the digest it resolves to. Changes nothing.",
      "Without --kubeconfig it checks linux/amd64 and linux/arm64 and reads no pull secret; with it, the"
          + " architectures of the Ready nodes each image's pods can be scheduled on (taints, cordons and"
          + " nodeSelector heeded) and the spec's images.pullSecrets from the release's namespace."
          + " --platform states the platforms instead."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every image was found for every platform", "2:the spec is invalid; every problem is listed",
        "3:an image cannot be pulled; every such image is listed with what to do"})
final class ImagesCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions target;
  @Mixin ImageOptions images;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    return Failures.guard(err, () -> {
      DeploymentSpec spec = target.spec();
      DeploymentPlan plan = Topology.plan(spec);
      ClusterConnection connection =
          target.kubeconfig == null ? null : ClusterConnection.fromKubeconfig(target.kubeconfigText());
      ImageCheck check = images.check(connection, spec);
      List<ImageReport> reports = ImageOptions.run(check, plan, connection != null, out, err);
      return ImageOptions.refuse(reports, "nodes would fail to pull them", err);
    });
  }
}
