/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.List;

/**
 * An operation (a backup, a restore, a migration step) was refused before it changed anything,
 * because what it needs is not there. The message names every reason and what to do about it.
 *
 * @since 0.2
 */
public final class RefusedException extends DeploymentException {
  private static final long serialVersionUID = 1L;

  /** The reasons, in the order they were found. */
  private final List<String> reasons;

  /** Refuses {@code operation} for {@code reasons}; there is at least one. */
  public RefusedException(String operation, List<String> reasons) {
    super(operation + " refused, nothing was changed: " + String.join("; ", reasons));
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs a reason");
    }
    this.reasons = List.copyOf(reasons);
  }

  /** Why, one reason each. */
  public List<String> reasons() {
    return reasons;
  }
}
