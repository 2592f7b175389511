/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.BackupReport;
import io.openim.deploy.BackupTarget;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openim-deploy backup}: a verified copy of the release's MongoDB and MinIO data. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Backs up the release's data with a Job: mongodump of the openim_v3 database and a copy of",
        "MinIO's openim bucket, with a manifest of sizes and SHA-256 checksums that is verified before the",
        "backup gets its final name. Redis (caches, tokens) and Kafka (messages in flight) are not backed up.",
        "OpenIM keeps running; for a point-in-time copy stop its writers first."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:backed up and verified", "1:the backup failed", "2:refused: nothing was changed"})
final class BackupCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions cluster;
  @Mixin BackupTargetOptions where;

  @Option(names = "--id", paramLabel = "ID", description = "The backup's id. Default: the UTC time, yyyyMMdd-HHmmss.")
  @Nullable String id;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    return Failures.guard(command.commandLine().getErr(), () -> {
      BackupTarget target = where.target(System::getenv);
      DeploymentSpec spec = cluster.spec();
      try (Deployer deployer = cluster.open(cluster.provider(cluster.helmLookup()), new Progress(out), where.timeout(),
          false)) {
        BackupReport report = id == null ? deployer.backup(spec, target) : deployer.backup(spec, target, id);
        out.printf("backup %s of %s is in %s (%d s)%n", report.id(), ReleaseRef.of(spec), target.describe(),
            report.took().toSeconds());
        out.println(report.verification() == null
            ? "verified by the Job " + report.job() + " (its node passed no report on; see its logs)"
            : report.verification());
        out.printf("restore it with: openim-deploy restore %s%s%s%n", report.id(), cluster.file != null
            ? " -f " + cluster.file : " -n " + spec.namespace() + " --release " + spec.release(), where.asOptions());
        out.flush();
        return 0;
      }
    });
  }
}
