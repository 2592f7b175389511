/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.core.render.Topology;

/**
 * A provider's defaults on top of the Kubernetes engine: what it fills into a spec before
 * rendering (a storage class, an ingress class) and what it adds to the rendered plan (objects its
 * platform needs). A {@link KubernetesDeployer} built with {@link
 * KubernetesDeployer.Builder#flavour(String, Flavour)} plans with it, makes plans in that
 * provider's name, and delivers them with the engine; every other verb is the engine's.
 *
 * <p>Both methods are pure: they read nothing and change nothing.
 *
 * @since 0.3
 */
public interface Flavour {
  /** No defaults: the engine's own plan. */
  Flavour NONE = new Flavour() {};

  /**
   * A platform's storage class and ingress class, filled into a spec that names none (an ingress
   * the spec does not ask for is not added); the plan is the engine's.
   */
  static Flavour classes(String storageClass, String ingressClass) {
    return new Flavour() {
      @Override
      public DeploymentSpec spec(DeploymentSpec spec) {
        DeploymentSpec.Builder builder = spec.toBuilder();
        boolean changed = false;
        if (spec.storageClass() == null) {
          builder.storageClass(storageClass);
          changed = true;
        }
        Ingress ingress = spec.ingress();
        if (ingress != null && ingress.className() == null) {
          builder.ingress(new Ingress(ingress.host(), ingressClass, ingress.tlsSecret()));
          changed = true;
        }
        return changed ? builder.build() : spec;
      }
    };
  }

  /** The spec with this provider's defaults where the spec names none; the spec itself by default. */
  default DeploymentSpec spec(DeploymentSpec spec) {
    return spec;
  }

  /** The rendered plan with what this provider adds; the plan itself by default. */
  default DeploymentPlan plan(DeploymentPlan plan) {
    return plan;
  }

  /**
   * The plan of {@code spec} made without a cluster, with these defaults: nothing is read, so
   * credentials left to be generated are new ones.
   */
  default DeploymentPlan offline(DeploymentSpec spec) {
    return plan(Topology.plan(spec(spec)));
  }
}
