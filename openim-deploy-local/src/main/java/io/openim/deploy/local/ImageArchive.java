/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A container image packed as an OCI image layout in one tar file, ready for {@code ctr -n k8s.io
 * images import FILE} (containerd 1.6 and newer), which names the image {@code reference}.
 *
 * @param reference the full reference the image is imported under, such as {@code
 *     docker.io/library/redis:7.0.0}
 * @param file the archive in the cache; shared, so read it and never change it
 * @param digest the image manifest's digest ({@code sha256:...}), the one {@code ctr images ls}
 *     shows
 * @since 0.1
 */
public record ImageArchive(String reference, Path file, String digest) {
  /** Checks that nothing is null. */
  public ImageArchive {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(digest, "digest");
  }
}
