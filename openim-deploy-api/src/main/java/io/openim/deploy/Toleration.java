/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes toleration, as in a pod spec.
 *
 * @param key the taint key, or null to match every key (with operator Exists)
 * @param operator {@code Equal} or {@code Exists}
 * @param value the taint value for {@code Equal}, else null
 * @param effect {@code NoSchedule}, {@code PreferNoSchedule}, {@code NoExecute}, or null for all
 * @since 0.1
 */
public record Toleration(
    @Nullable String key, String operator, @Nullable String value, @Nullable String effect) {
  /** Checks that the operator is given. */
  public Toleration {
    Objects.requireNonNull(operator, "operator");
  }
}
