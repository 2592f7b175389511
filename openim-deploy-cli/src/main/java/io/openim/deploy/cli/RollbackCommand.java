/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.helm.HelmProvider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openim-deploy rollback N}: applies revision N again, as a new revision. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = {"Applies an earlier revision again, as a new revision, and waits for it.",
        "Credentials keep their current values; they were never stored in the history.",
        "A Helm release is rolled back with Helm: the chart and values of that Helm revision, as 'helm rollback' does."})
final class RollbackCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions target;

  @Parameters(paramLabel = "REVISION", description = "The revision to return to (see 'history').")
  int revision;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    HelmRelease.Lookup lookup = target.helmLookup();
    try (Deployer deployer = target.open(lookup, new Progress(out))) {
      ReleaseRef release = target.releaseRef();
      boolean helm = deployer.provider().equals(HelmProvider.ID);
      DeploymentResult result = deployer.rollback(release, revision);
      if (result instanceof DeploymentResult.Failed failed) {
        return Failures.report(command.commandLine().getErr(), failed.reason(), 1);
      }
      out.printf("rolled back %s%s to revision %d as revision %d%n", helm ? "the Helm release " : "", release, revision,
          result.orThrow().revision());
      out.flush();
      return 0;
    }
  }
}
