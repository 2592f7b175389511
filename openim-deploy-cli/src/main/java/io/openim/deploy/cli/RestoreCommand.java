/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.BackupTarget;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openim-deploy restore}: puts a backup back into a release, new or existing. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Restores a backup into the release the spec describes, deploying it if it is new.",
        "OpenIM is scaled to zero first; a release with data of its own is backed up before anything is",
        "overwritten. The Job verifies the backup's manifest, copies the objects back, empties Redis (its",
        "caches and tokens would not match: users log in again) and restores the database; then OpenIM is",
        "scaled back up. If the Job fails, OpenIM stays at zero and the message says how to go on."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:restored and rolled out", "1:the restore failed", "2:refused: nothing was changed"})
final class RestoreCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions cluster;
  @Mixin BackupTargetOptions where;

  @Parameters(index = "0", paramLabel = "ID", description = "The backup's id, as 'backup' printed it.")
  String id;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    return Failures.guard(err, () -> {
      BackupTarget target = where.target(System::getenv);
      DeploymentSpec spec = cluster.spec();
      try (Deployer deployer = cluster.open(cluster.provider(cluster.helmLookup()), new Progress(out), where.timeout(),
          false)) {
        DeploymentResult result = deployer.restore(spec, target, id);
        if (result instanceof DeploymentResult.Failed failed) {
          return Failures.report(err, failed.reason(), 1);
        }
        out.printf("restored backup %s into %s: revision %d%n", id, ReleaseRef.of(spec),
            ((DeploymentResult.Succeeded) result).revision());
        out.flush();
        return 0;
      }
    });
  }
}
