/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

/**
 * Setting a cluster up on hosts failed (k3s over SSH, Kubernetes with sealos): a host could not be
 * reached or trusted, or a command failed. The message names the host and the command and includes
 * what the command printed.
 *
 * @since 0.1
 */
public final class ProvisioningException extends DeploymentException {
  private static final long serialVersionUID = 1L;

  private final String host;

  /** A failure on {@code host}. */
  public ProvisioningException(String host, String message, Throwable cause) {
    super(host + ": " + message, cause);
    this.host = host;
  }

  /** A failure on {@code host}. */
  public ProvisioningException(String host, String message) {
    super(host + ": " + message);
    this.host = host;
  }

  /** The host, as {@code user@address:port}. */
  public String host() {
    return host;
  }
}
