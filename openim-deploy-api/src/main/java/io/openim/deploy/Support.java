/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Objects;

/**
 * Whether a provider can deploy to a target, and if not, why not.
 *
 * <p>This family is closed.
 *
 * @since 0.1
 */
public sealed interface Support {
  /** The provider can deploy there. */
  record Supported() implements Support {}

  /**
   * The provider cannot deploy there.
   *
   * @param reason why, in words an operator understands
   */
  record Unsupported(String reason) implements Support {
    /** Checks the reason is given and not blank. */
    public Unsupported {
      Objects.requireNonNull(reason, "reason");
      if (reason.isBlank()) {
        throw new IllegalArgumentException("a provider must say why it declines");
      }
    }
  }

  /** Supported. */
  static Support yes() {
    return new Supported();
  }

  /** Unsupported, because {@code reason}. */
  static Support no(String reason) {
    return new Unsupported(reason);
  }
}
