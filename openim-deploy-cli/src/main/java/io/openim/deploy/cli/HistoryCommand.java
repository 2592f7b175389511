/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.DeploymentListener;
import io.openim.deploy.Deployer;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Revision;
import io.openim.deploy.helm.HelmProvider;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code openim-deploy history}: the release's kept revisions. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = {"Lists the release's kept revisions (the last 10), oldest first.",
        "For a Helm release, the revisions Helm keeps, as 'helm history' shows them."})
final class HistoryCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions target;

  @Override
  public Integer call() {
    // a refused read (no right to list) is an error line, not a stack trace
    return Failures.guard(command.commandLine().getErr(), () -> {
      HelmRelease.Lookup lookup = target.helmLookup();
      try (Deployer deployer = target.open(lookup, DeploymentListener.NONE)) {
        ReleaseRef release = target.releaseRef();
        boolean helm = deployer.provider().equals(HelmProvider.ID);
        List<Revision> revisions = deployer.history(release);
        if (revisions.isEmpty()) {
          return Failures.report(command.commandLine().getErr(), "release " + release + " has no revisions: it was"
              + " not installed by openim-deploy or Helm in that namespace, or was removed", 1);
        }
        if (helm) {
          command.commandLine().getOut().println("Helm release " + release + ":");
        }
        Tables.history(command.commandLine().getOut(), revisions);
        return 0;
      }
    });
  }
}
