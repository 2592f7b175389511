/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import io.openim.deploy.DeploymentException;

/**
 * An object could not be applied, or did not roll out in time. The message names the object and
 * gives the reason Kubernetes reports.
 *
 * @since 0.1
 */
public final class RolloutException extends DeploymentException {
  private static final long serialVersionUID = 1L;

  private final String object;
  private final String reason;

  /** A failure of {@code object}, explained by {@code message}. */
  public RolloutException(String object, String message) {
    super(object + ": " + message);
    this.object = object;
    this.reason = message;
  }

  /** Why, without the object's id in front. */
  public String reason() {
    return reason;
  }

  /** The id of the object that failed. */
  public String object() {
    return object;
  }
}
