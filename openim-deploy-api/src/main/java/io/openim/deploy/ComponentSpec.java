/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How one OpenIM process runs: replicas, resources, extra environment, placement and autoscaling.
 *
 * @param enabled whether the component is deployed at all
 * @param replicas the replica count (the HPA's minimum wins when autoscaling is set)
 * @param resources CPU and memory
 * @param env extra environment variables, in name order; they win over what openim-deploy sets
 * @param placement node selector and tolerations
 * @param autoscaling the HPA, or null for a fixed replica count
 * @since 0.1
 */
public record ComponentSpec(
    boolean enabled,
    int replicas,
    Resources resources,
    Map<String, String> env,
    Placement placement,
    @Nullable Autoscaling autoscaling) {
  /** Copies the environment into name order. */
  public ComponentSpec {
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(placement, "placement");
    env = Collections.unmodifiableMap(new TreeMap<>(env));
  }

  /** A copy with {@code replicas}. */
  public ComponentSpec withReplicas(int replicas) {
    return new ComponentSpec(enabled, replicas, resources, env, placement, autoscaling);
  }
}
