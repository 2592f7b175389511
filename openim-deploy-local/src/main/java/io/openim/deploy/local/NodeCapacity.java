/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import java.util.Objects;

/**
 * What a simulated node reports as capacity and allocatable, in Kubernetes quantity notation.
 *
 * @param cpu CPU cores, for example {@code "8"} or {@code "3500m"}
 * @param memory memory, for example {@code "32Gi"}
 * @param pods the most pods the node takes
 * @since 0.1
 */
public record NodeCapacity(String cpu, String memory, int pods) {
  /** A roomy node: 32 CPUs, 256 GiB, 110 pods. */
  public static final NodeCapacity DEFAULT = new NodeCapacity("32", "256Gi", 110);

  /** Checks that the quantities are given and the pod count is positive. */
  public NodeCapacity {
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(memory, "memory");
    if (cpu.isBlank() || memory.isBlank()) {
      throw new IllegalArgumentException("cpu and memory must not be blank");
    }
    if (pods < 1) {
      throw new IllegalArgumentException("pods must be at least 1, but was " + pods);
    }
  }

  /** A node with the given CPU and memory and room for 110 pods. */
  public static NodeCapacity of(String cpu, String memory) {
    return new NodeCapacity(cpu, memory, 110);
  }
}
