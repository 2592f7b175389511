/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.time.Instant;
import java.util.Objects;

/**
 * One applied revision of a release, as kept in the cluster's history.
 *
 * @param number the revision, from 1
 * @param appliedAt when it was applied
 * @param version the OpenIM version line
 * @param objects how many objects it had
 * @param description how it came about ({@code apply}, {@code rollback to 2})
 * @since 0.1
 */
public record Revision(int number, Instant appliedAt, String version, int objects, String description) {
  /** Checks the parts. */
  public Revision {
    Objects.requireNonNull(appliedAt, "appliedAt");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
  }
}
