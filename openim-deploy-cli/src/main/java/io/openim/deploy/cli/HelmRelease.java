/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.DeploymentException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.helm.HelmReleases;
import java.util.List;
import java.util.Optional;

/**
 * Whether a release is a Helm release ({@code up --provider helm}, or any Helm client): Helm keeps
 * it in its own Secrets, not in openim-deploy's inventory and history ConfigMaps, so the cluster
 * commands act on it through the helm provider.
 */
final class HelmRelease {
  private HelmRelease() {}

  /** The release's latest stored Helm revision, unless there is none or Helm uninstalled it. */
  static Optional<HelmReleases.Record> latest(ClusterConnection connection, ReleaseRef release) {
    List<HelmReleases.Record> records;
    try {
      records = HelmReleases.records(connection, release);
    } catch (DeploymentException e) {
      return Optional.empty(); // no right to list Secrets: Helm itself could not act for this identity either
    }
    if (records.isEmpty()) {
      return Optional.empty();
    }
    HelmReleases.Record last = records.get(records.size() - 1);
    // helm.sh/helm/v3@v3.21.4 pkg/release/status.go: StatusUninstalled, kept by uninstall --keep-history
    return last.status().equals("uninstalled") ? Optional.empty() : Optional.of(last);
  }

  /** One line that names the Helm release, for the commands' output. */
  static String describe(ReleaseRef release, HelmReleases.Record record) {
    return "Helm release " + release + ": revision " + record.revision() + ", " + record.status() + ", chart "
        + record.chart();
  }
}
