/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

/**
 * The root of every exception openim-deploy throws on purpose.
 *
 * @since 0.1
 */
public class DeploymentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception that says what went wrong, where, and what to do next. */
  public DeploymentException(String message) {
    super(message);
  }

  /** An exception caused by {@code cause}. */
  public DeploymentException(String message, Throwable cause) {
    super(message, cause);
  }
}
