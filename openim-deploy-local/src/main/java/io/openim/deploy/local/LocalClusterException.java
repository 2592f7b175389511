/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

/**
 * A local cluster could not be built, started or used. The message says which component failed
 * and ends with the last lines of its log.
 *
 * @since 0.1
 */
public final class LocalClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with a message that says what failed and what to do next. */
  public LocalClusterException(String message) {
    super(message);
  }

  /** A failure caused by {@code cause}. */
  public LocalClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
