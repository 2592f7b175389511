/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Target;
import io.openim.deploy.core.Deployer;
import io.openim.deploy.core.Removal;
import io.openim.deploy.helm.HelmProvider;
import io.openim.deploy.helm.HelmReleases;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openim-deploy down}: removes a release. */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = {"Deletes every object of the release and its history; a Helm release is uninstalled with Helm.",
        "The namespace and the data volumes stay unless --delete-data is given."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the release was removed; what was removed is listed",
        "1:nothing of the release was found, so nothing was removed"})
final class DownCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions target;

  @Option(names = "--delete-data", description = {"Also delete the release's data volumes (the claims of MongoDB,"
      + " Redis, Kafka, MinIO and etcd), and the namespace if openim-deploy created it for this release.",
      "Backup volumes stay."})
  boolean deleteData;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    String kubeconfig = target.kubeconfigText();
    try (Deployer deployer = Deployer.builder().kubeconfig(kubeconfig).listener(new Progress(out)).build()) {
      ReleaseRef release = target.releaseRef();
      Optional<HelmReleases.Record> helm = HelmRelease.latest(deployer.connection(), release);
      if (helm.isPresent()) {
        try {
          new HelmProvider().uninstall(release, Target.kubernetes(kubeconfig));
        } catch (IllegalStateException e) {
          return Failures.report(command.commandLine().getErr(), "Helm could not uninstall the "
              + HelmRelease.describe(release, helm.get()) + ": " + e.getMessage() + "; nothing else was removed", 1);
        }
        out.println("uninstalled the " + HelmRelease.describe(release, helm.get()));
      }
      // for a Helm release this finds no objects of its own, but does delete its data when asked
      Removal removal = deployer.destroy(release, deleteData);
      if (helm.isEmpty() && !removal.found()) {
        return Failures.report(command.commandLine().getErr(), "nothing found for release " + release.release()
            + " in namespace " + release.namespace() + ": no openim-deploy release and no Helm release of that"
            + " name" + (deleteData ? ", and no data volumes of it" : "") + "; nothing was removed."
            + " Check --release and -n (or the spec file's release and namespace)", 1);
      }
      if (!removal.objects().isEmpty()) {
        out.println("removed " + release + ": " + removal.objects().size() + " objects, its history included");
      }
      if (!deleteData) {
        out.println("its namespace and data volumes stay; 'down --delete-data' removes the data");
      } else {
        out.println(removal.claims().isEmpty() ? "no data volumes of " + release + " were found"
            : "deleted the data volumes " + String.join(", ", removal.claims()));
        out.println(removal.namespaceDeleted() ? "deleted the namespace " + release.namespace()
            : "the namespace " + release.namespace() + " stays: " + removal.namespaceKept());
      }
      out.flush();
      return 0;
    }
  }
}
