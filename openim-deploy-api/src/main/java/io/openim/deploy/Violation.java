/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Objects;

/**
 * One problem with a spec: where it is and what is wrong.
 *
 * @param path the spec path, for example {@code components.crontask.replicas}
 * @param message what is wrong and what to do instead
 * @since 0.1
 */
public record Violation(String path, String message) {
  /** Checks that both parts are given. */
  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
