/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples;

import io.openim.deploy.Autoscaling;
import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.Profile;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.render.PlanYaml;
import io.openim.deploy.core.render.Topology;

/** Builds a spec in Java and prints its plan: the snippet in the README. */
public final class PlanSample {
  private PlanSample() {}

  /** Prints the plan of a production spec with an ingress. */
  public static void main(String[] args) {
    DeploymentSpec spec = DeploymentSpec.builder("openim")
        .namespace("im")
        .profile(Profile.PRODUCTION)
        .replicas(Component.MSG_GATEWAY, 3)
        .autoscaling(Component.API, Autoscaling.onCpu(2, 6, 75))
        .ingress(new Ingress("im.example.com", "nginx", "im-example-tls"))
        .secret(SecretKey.OPENIM_SECRET, Secret.of(System.getenv().getOrDefault("OPENIM_SECRET", "change-me-0123456789")))
        .build();                                   // every problem at once, or a valid spec
    DeploymentPlan plan = Topology.plan(spec);      // pure: no cluster is touched
    plan.warnings().forEach(w -> System.err.println("warning: " + w));
    System.out.print(PlanYaml.render(plan));        // secrets redacted; PlanYaml.export for GitOps
  }
}
