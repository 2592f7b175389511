/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.DeploymentException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.chart.HelmReleases;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether a release is a Helm release ({@code up --provider helm}, or any Helm client): Helm keeps
 * it in its own Secrets, not in openim-deploy's inventory and history ConfigMaps, so the cluster
 * commands act on it through the helm provider.
 */
final class HelmRelease {
  private HelmRelease() {}

  /**
   * What Helm's release Secrets say of a release.
   *
   * @param latest the latest stored revision, or null if there is none or Helm uninstalled it
   * @param unchecked why Helm's Secrets could not be listed (no right to, for this identity); empty
   *     when they were
   */
  record Lookup(HelmReleases.@Nullable Record latest, String unchecked) {}

  /** The release's latest stored Helm revision, or why it could not be looked for. */
  static Lookup lookup(ClusterConnection connection, ReleaseRef release) {
    List<HelmReleases.Record> records;
    try {
      records = HelmReleases.records(connection, release);
    } catch (DeploymentException e) {
      return new Lookup(null, String.valueOf(e.getMessage())); // Helm itself could not act for this identity either
    }
    return new Lookup(HelmReleases.latest(records).orElse(null), "");
  }
}
