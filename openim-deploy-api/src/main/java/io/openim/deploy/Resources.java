/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * CPU and memory for one container, in Kubernetes quantity notation ({@code 250m}, {@code 512Mi}).
 * Requests are always set; limits are optional.
 *
 * @param cpuRequest the CPU request
 * @param memoryRequest the memory request
 * @param cpuLimit the CPU limit, or null for none
 * @param memoryLimit the memory limit, or null for none
 * @since 0.1
 */
public record Resources(
    String cpuRequest,
    String memoryRequest,
    @Nullable String cpuLimit,
    @Nullable String memoryLimit) {
  /** Checks that both requests are given. */
  public Resources {
    Objects.requireNonNull(cpuRequest, "cpuRequest");
    Objects.requireNonNull(memoryRequest, "memoryRequest");
  }

  /** Requests only, no limits. */
  public static Resources requests(String cpu, String memory) {
    return new Resources(cpu, memory, null, null);
  }
}
