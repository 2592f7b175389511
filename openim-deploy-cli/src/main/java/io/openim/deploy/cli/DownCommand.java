/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.Deployer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openim-deploy down}: removes a release. */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = {"Deletes every object of the release and its history.",
        "The namespace and the data volumes stay unless --delete-data is given."})
final class DownCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions target;

  @Option(names = "--delete-data", description = "Also delete the namespace, with every data volume in it.")
  boolean deleteData;

  @Override
  public Integer call() {
    try (Deployer deployer = Deployer.builder().kubeconfig(target.kubeconfigText())
        .listener(new Progress(command.commandLine().getOut())).build()) {
      ReleaseRef release = target.releaseRef();
      deployer.destroy(release, deleteData);
      command.commandLine().getOut().println("removed " + release
          + (deleteData ? " with its namespace and data" : "; its namespace and data volumes stay"));
      command.commandLine().getOut().flush();
      return 0;
    }
  }
}
