/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.List;
import java.util.Map;

/**
 * Where a component's pods may run.
 *
 * @param nodeSelector node labels the pods require
 * @param tolerations taints the pods tolerate
 * @since 0.1
 */
public record Placement(Map<String, String> nodeSelector, List<Toleration> tolerations) {
  /** Anywhere. */
  public static final Placement ANYWHERE = new Placement(Map.of(), List.of());

  /** Copies both collections. */
  public Placement {
    nodeSelector = Copies.map(nodeSelector, "nodeSelector");
    tolerations = Copies.list(tolerations, "tolerations");
  }
}
