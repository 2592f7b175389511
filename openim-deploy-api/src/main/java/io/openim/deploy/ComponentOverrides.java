/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** What a builder set for one component; unset parts come from the profile. */
final class ComponentOverrides {
  @Nullable Boolean enabled;
  @Nullable Integer replicas;
  @Nullable Resources resources;
  final Map<String, String> env = new TreeMap<>();
  @Nullable Placement placement;
  @Nullable Autoscaling autoscaling;

  static ComponentOverrides of(ComponentSpec spec) {
    ComponentOverrides o = new ComponentOverrides();
    o.enabled = spec.enabled();
    o.replicas = spec.replicas();
    o.resources = spec.resources();
    o.env.putAll(spec.env());
    o.placement = spec.placement();
    o.autoscaling = spec.autoscaling();
    return o;
  }

  ComponentSpec over(ComponentSpec base) {
    Map<String, String> mergedEnv = new TreeMap<>(base.env());
    mergedEnv.putAll(env);
    return new ComponentSpec(
        enabled != null ? enabled : base.enabled(),
        replicas != null ? replicas : base.replicas(),
        resources != null ? resources : base.resources(),
        mergedEnv,
        placement != null ? placement : base.placement(),
        autoscaling != null ? autoscaling : base.autoscaling());
  }
}
