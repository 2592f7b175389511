/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.helm.HelmProvider;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.Deployer;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.ReleaseAccess;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code openim-deploy status}: the release's workloads with ready and wanted replicas. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Shows the release's Deployments and StatefulSets: ready/wanted replicas and age.",
        "For a Helm release, a first line names its Helm revision."})
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions target;

  @Override
  public Integer call() {
    // a refused read (no right to list) is an error line, not a stack trace
    return Failures.guard(command.commandLine().getErr(), () -> {
      HelmRelease.Lookup helm = target.helmLookup();
      try (Deployer deployer = target.open(helm, DeploymentListener.NONE)) {
        ReleaseRef release = target.releaseRef();
        var components = deployer.status(release);
        if (deployer.provider().equals(HelmProvider.ID) && helm.latest() != null) {
          command.commandLine().getOut().println(helm.latest().describe(release));
        }
        if (components.isEmpty()) {
          command.commandLine().getErr().println("release " + release + " is not installed");
          command.commandLine().getErr().flush();
          return 1;
        }
        Tables.status(command.commandLine().getOut(), components);
        if (ReleaseAccess.runsChat(release, components.stream().map(c -> c.name()).toList())) {
          Tables.access(command.commandLine().getOut(), ReleaseAccess.chat(release));
        }
        return components.stream().allMatch(c -> c.isReady()) ? 0 : 3;
      }
    });
  }
}
