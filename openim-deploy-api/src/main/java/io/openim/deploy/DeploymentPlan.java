/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deployment will create: the Kubernetes objects for a spec, in apply order, and what the
 * spec's author should know. A plan is data: print it, diff it, assert on it, approve it. Making
 * one changes nothing.
 *
 * @param spec the spec it was made from
 * @param manifests the objects, ordered by {@link Phase} and then by a stable order within it
 * @param warnings things that will work but may not be what was meant
 * @since 0.1
 */
public record DeploymentPlan(DeploymentSpec spec, List<Manifest> manifests, List<String> warnings) {
  /** Copies the lists. */
  public DeploymentPlan {
    Objects.requireNonNull(spec, "spec");
    manifests = List.copyOf(manifests);
    warnings = List.copyOf(warnings);
  }

  /** The manifests of one phase. */
  public List<Manifest> manifests(Phase phase) {
    return manifests.stream().filter(m -> m.phase() == phase).toList();
  }

  /** The manifest with {@code kind} and {@code name}, if the plan has one. */
  public Optional<Manifest> find(String kind, String name) {
    return manifests.stream()
        .filter(m -> m.kind().equals(kind) && m.name().equals(name))
        .findFirst();
  }

  @Override
  public String toString() {
    return "DeploymentPlan[" + spec.release() + " in " + spec.namespace() + ", "
        + manifests.size() + " objects, " + warnings.size() + " warnings]";
  }
}
