/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec was refused before anything touched a cluster. It lists every problem found, not just
 * the first.
 *
 * @since 0.1
 */
public final class InvalidSpecException extends DeploymentException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /** An exception for the given problems; there must be at least one. */
  public InvalidSpecException(List<Violation> violations) {
    super(message(violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an InvalidSpecException needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  /** Every problem, in the order found. */
  public List<Violation> violations() {
    return violations;
  }

  private static String message(List<Violation> violations) {
    return "The deployment spec has "
        + violations.size()
        + (violations.size() == 1 ? " problem" : " problems")
        + "; nothing was changed:\n"
        + violations.stream().map(v -> "  - " + v).collect(Collectors.joining("\n"));
  }
}
