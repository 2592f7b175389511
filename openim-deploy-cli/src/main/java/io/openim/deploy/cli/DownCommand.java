/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.DeploymentException;
import io.openim.deploy.Deployer;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Removal;
import io.openim.deploy.helm.HelmProvider;
import io.openim.deploy.core.chart.HelmReleases;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openim-deploy down}: removes a release. */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = {"Deletes every object of the release and its history; a Helm release is uninstalled with Helm.",
        "The namespace, the data volumes and the credentials Secret (the passwords of the data volumes) stay"
            + " unless --delete-data is given."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the release was removed; what was removed is listed",
        "1:nothing was removed: nothing of the release was found, or the Helm release of that name is of"
            + " another chart"})
final class DownCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions target;

  @Option(names = "--delete-data", description = {"Also delete the release's data volumes (the claims of MongoDB,"
      + " Redis, Kafka, MinIO and etcd) and its credentials Secret, and the namespace if openim-deploy created it"
      + " for this release and it holds nothing else (no other volume, release or object).",
      "Backup volumes stay."})
  boolean deleteData;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    ReleaseRef release = target.releaseRef();
    HelmRelease.Lookup helm = target.helmLookup();
    try (Deployer deployer = target.open(helm, new Progress(out))) {
      HelmReleases.@Nullable Record record = deployer.provider().equals(HelmProvider.ID) ? helm.latest() : null;
      Removal removal;
      try {
        // the Helm provider uninstalls with Helm (openim-deploy's chart only), then keeps or deletes the
        // credentials and data as asked
        removal = deployer.destroy(release, deleteData);
      } catch (DeploymentException e) {
        return Failures.report(err, e.getMessage(), 1);
      }
      if (record != null) {
        out.println("uninstalled the " + record.describe(release) + ": Helm deleted its "
            + removal.objects().size() + " objects and its revisions");
      }
      if (record == null && !removal.found()) {
        String helmPart = helm.unchecked().isEmpty() ? "no Helm release of that name"
            : "could not check for a Helm release: " + helm.unchecked();
        return Failures.report(err, "nothing found for release " + release.release() + " in namespace "
            + release.namespace() + ": no openim-deploy release, and " + helmPart
            + (deleteData ? ", and no data volumes of it" : "") + "; nothing was removed."
            + (removal.credentialsKept().isEmpty() ? "" : " Its " + secret(removal.credentialsKept())
                + " stays from an earlier down, with the data volumes; 'down --delete-data' removes both.")
            + " Check --release and -n (or the spec file's release and namespace)", 1);
      }
      if (!helm.unchecked().isEmpty()) {
        out.println("could not check for a Helm release: " + helm.unchecked());
      }
      if (record == null && !removal.objects().isEmpty()) {
        out.println("removed " + release + ": " + removal.objects().size() + " objects, its history included");
      }
      if (!deleteData) {
        if (!removal.credentialsKept().isEmpty()) {
          out.println("kept " + secret(removal.credentialsKept()) + ": the passwords of the kept data volumes");
        }
        out.println("its namespace, data volumes and credentials stay; 'down --delete-data' removes the data and"
            + " the credentials");
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

  /** {@code Secret/ns/name} as {@code Secret ns/name}. */
  private static String secret(String id) {
    return id.replaceFirst("/", " ");
  }
}
