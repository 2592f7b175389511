/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.core.render.Topology;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Target;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import io.openim.deploy.Support;
import java.time.Duration;
import java.util.List;

/**
 * An internal platform's provider, as a test would ship it in its own jar: it supports hosts,
 * plans with the topology and "applies" by doing nothing; every other verb declines.
 */
public final class HostsProvider implements DeploymentProvider {
  /** For ServiceLoader. */
  public HostsProvider() {}

  @Override
  public String id() {
    return "acme-hosts";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Support supports(Target target) {
    return target instanceof Target.Hosts ? Support.yes() : Support.no("acme-hosts only sets up its own machines");
  }

  @Override
  public Deployer open(ProviderContext context) {
    return new Deployer() {
      @Override
      public String provider() {
        return id();
      }

      @Override
      public DeploymentPlan plan(DeploymentSpec spec) {
        return Topology.plan(spec).madeBy(id());
      }

      @Override
      public DeploymentResult apply(DeploymentPlan plan) {
        plan.requireMadeBy(id());
        return new DeploymentResult.Succeeded(1, List.of(), Duration.ZERO);
      }
    };
  }
}
