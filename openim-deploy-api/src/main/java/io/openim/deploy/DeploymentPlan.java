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
 * @param provider the id of the provider that made it, which alone may apply it; empty for a plan
 *     rendered offline (from a spec, with no provider), which any provider may apply
 * @since 0.1
 */
public record DeploymentPlan(DeploymentSpec spec, List<Manifest> manifests, List<String> warnings, String provider) {
  /** Copies the lists. */
  public DeploymentPlan {
    Objects.requireNonNull(spec, "spec");
    manifests = List.copyOf(manifests);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(provider, "provider");
  }

  /** A plan rendered offline, made by no provider. */
  public DeploymentPlan(DeploymentSpec spec, List<Manifest> manifests, List<String> warnings) {
    this(spec, manifests, warnings, "");
  }

  /** This plan, as made by provider {@code id}. */
  public DeploymentPlan madeBy(String id) {
    return new DeploymentPlan(spec, manifests, warnings, id);
  }

  /**
   * Checks that provider {@code id} may apply this plan: it made it, or no provider did.
   *
   * @throws RefusedException if another provider made it; nothing was changed
   */
  public DeploymentPlan requireMadeBy(String id) {
    if (!provider.isEmpty() && !provider.equals(id)) {
      throw new RefusedException("applying the plan for " + spec.release() + " with the " + id + " provider",
          List.of("the plan was made by the " + provider + " provider, whose objects and records differ; plan"
              + " the spec again with the " + id + " provider, or apply this plan with the " + provider + " provider"));
    }
    return this;
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
        + manifests.size() + " objects, " + warnings.size() + " warnings"
        + (provider.isEmpty() ? "" : ", by " + provider) + "]";
  }
}
