/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.time.Instant;
import java.util.Objects;

/**
 * How one workload of an installed release is doing.
 *
 * @param name the workload's name
 * @param kind Deployment or StatefulSet
 * @param ready ready replicas
 * @param desired wanted replicas
 * @param created when the workload was created
 * @since 0.1
 */
public record ComponentStatus(String name, String kind, int ready, int desired, Instant created) {
  /** Checks the parts. */
  public ComponentStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(created, "created");
  }

  /** Whether every wanted replica is ready. */
  public boolean isReady() {
    return ready >= desired;
  }
}
