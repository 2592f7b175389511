/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Deployer#destroy(ReleaseRef, boolean)} removed, exactly: nothing it did not delete is
 * listed.
 *
 * @param release the release
 * @param objects ids ({@code Kind/namespace/name}) of the release's objects deleted, its history
 *     and inventory ConfigMaps included
 * @param claims ids of the data volumes' PersistentVolumeClaims deleted (only when data was to be
 *     deleted)
 * @param credentialsKept id of the release's credentials Secret when it stays with the kept data
 *     volumes (whose passwords it holds; the next deploy reuses them); empty when data was deleted
 *     or there was no such Secret
 * @param namespaceDeleted whether the namespace was deleted: only with data, and only one that
 *     openim-deploy created for this release, holding nothing else
 * @param namespaceKept why the namespace stays, when data was to be deleted and it stayed; empty
 *     otherwise
 * @since 0.1
 */
public record Removal(ReleaseRef release, List<String> objects, List<String> claims, String credentialsKept,
    boolean namespaceDeleted, String namespaceKept) {
  /** Copies the lists. */
  public Removal {
    Objects.requireNonNull(release, "release");
    objects = List.copyOf(objects);
    claims = List.copyOf(claims);
    Objects.requireNonNull(credentialsKept, "credentialsKept");
    Objects.requireNonNull(namespaceKept, "namespaceKept");
  }

  /**
   * This removal, preceded by {@code removedFirst}: objects a provider removed in its own way (a
   * Helm uninstall, a HelmChart) before this removal of the rest.
   */
  public Removal preceded(List<String> removedFirst) {
    List<String> all = new java.util.ArrayList<>(removedFirst);
    all.addAll(objects);
    return new Removal(release, all, claims, credentialsKept, namespaceDeleted, namespaceKept);
  }

  /** Whether anything at all was removed. */
  public boolean found() {
    return !objects.isEmpty() || !claims.isEmpty() || namespaceDeleted;
  }
}
