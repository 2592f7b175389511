/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Map;
import java.util.TreeMap;

/**
 * No provider could be chosen: none supports the target, the asked-for one is unknown, or two
 * tie. The message and {@link #rejected()} say why each candidate was passed over.
 *
 * @since 0.1
 */
public final class NoSuitableProviderException extends DeploymentException {
  private static final long serialVersionUID = 1L;

  private final transient Map<String, String> rejected;

  /** A failure with a message and each candidate's reason, by provider id (or class name). */
  public NoSuitableProviderException(String message, Map<String, String> rejected) {
    super(message);
    this.rejected = Map.copyOf(new TreeMap<>(rejected));
  }

  /** Why each candidate was passed over, by id. */
  public Map<String, String> rejected() {
    return rejected;
  }
}
