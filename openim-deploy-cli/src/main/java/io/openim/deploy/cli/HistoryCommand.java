/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.core.Deployer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code openim-deploy history}: the release's kept revisions. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Lists the release's kept revisions (the last 10), oldest first.")
final class HistoryCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions target;

  @Override
  public Integer call() {
    try (Deployer deployer = Deployer.builder().kubeconfig(target.kubeconfigText()).build()) {
      Tables.history(command.commandLine().getOut(), deployer.history(target.releaseRef()));
      return 0;
    }
  }
}
