/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one object during an apply.
 *
 * @param object the object's id ({@code Deployment/ns/name})
 * @param outcome what was done
 * @param message why it failed, or null
 * @since 0.1
 */
public record ObjectResult(String object, Outcome outcome, @Nullable String message) {
  /** Checks object and outcome are given. */
  public ObjectResult {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(outcome, "outcome");
  }
}
