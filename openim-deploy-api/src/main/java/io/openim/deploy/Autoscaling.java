/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import org.jspecify.annotations.Nullable;

/**
 * A HorizontalPodAutoscaler for a stateless component. At least one target must be set.
 *
 * @param minReplicas the fewest replicas
 * @param maxReplicas the most replicas
 * @param cpuUtilization the target average CPU use in percent of the request, or null
 * @param memoryUtilization the target average memory use in percent of the request, or null
 * @since 0.1
 */
public record Autoscaling(
    int minReplicas,
    int maxReplicas,
    @Nullable Integer cpuUtilization,
    @Nullable Integer memoryUtilization) {
  /** Scaling between {@code min} and {@code max} replicas on CPU. */
  public static Autoscaling onCpu(int min, int max, int cpuUtilization) {
    return new Autoscaling(min, max, cpuUtilization, null);
  }
}
