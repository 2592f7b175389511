/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Objects;

/**
 * A machine reached over SSH.
 *
 * @param address its address or DNS name
 * @param port the SSH port
 * @param user the login user
 * @since 0.1
 */
public record Host(String address, int port, String user) {
  /** Checks the parts. */
  public Host {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(user, "user");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535, but was " + port);
    }
  }

  /** A host on port 22. */
  public static Host ssh(String address, String user) {
    return new Host(address, 22, user);
  }
}
