/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.Host;
import io.openim.deploy.Target;
import io.openim.deploy.spi.DeploymentProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract kit's checks fail for a provider that breaks the contract: each test runs one of
 * the kit's tests against a {@link FlawedProvider} with one flaw, and against the same provider
 * without it, which passes.
 */
@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("The provider contract kit fails providers that break it")
class DeploymentProviderContractIT {
  @Test
  @DisplayName("the provider without a flaw passes the checks the flawed ones fail")
  void honestProviderPasses(LocalCluster cluster, TestNamespace namespace) {
    Kit kit = new Kit(FlawedProvider.Flaw.NONE);
    kit.supportsDoesNoIo();
    kit.planIsPure(cluster, namespace);
    kit.rejectsForeignPlan(cluster, namespace);
  }

  @Test
  @DisplayName("a plan that writes a ConfigMap fails 'plans without changing the target', naming it")
  void impurePlan(LocalCluster cluster, TestNamespace namespace) {
    Kit kit = new Kit(FlawedProvider.Flaw.PLAN_WRITES);
    assertThatThrownBy(() -> kit.planIsPure(cluster, namespace)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("created ConfigMap/" + namespace.name() + "/" + FlawedProvider.PLAN_WAS_HERE);
  }

  @Test
  @DisplayName("applying another provider's plan fails 'rejects a plan from another provider'")
  void acceptsForeignPlan(LocalCluster cluster, TestNamespace namespace) {
    Kit kit = new Kit(FlawedProvider.Flaw.ACCEPTS_FOREIGN_PLANS);
    assertThatThrownBy(() -> kit.rejectsForeignPlan(cluster, namespace)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("a plan made by another-provider");
  }

  @Test
  @DisplayName("a supports() that connects to the target fails 'supports() connects nowhere'")
  void supportsConnects() {
    Kit kit = new Kit(FlawedProvider.Flaw.SUPPORTS_CONNECTS);
    assertThatThrownBy(kit::supportsDoesNoIo).isInstanceOf(AssertionError.class)
        .hasMessageContaining("connections supports() made to 127.0.0.1");
  }

  /** The kit, run against a {@link FlawedProvider} with {@code flaw}; called directly, not by JUnit. */
  private static final class Kit extends DeploymentProviderContract {
    private final FlawedProvider.Flaw flaw;

    Kit(FlawedProvider.Flaw flaw) {
      this.flaw = flaw;
    }

    @Override
    protected DeploymentProvider provider() {
      return new FlawedProvider(flaw);
    }

    @Override
    protected Target target(LocalCluster cluster) {
      return Target.kubernetes(cluster.adminKubeconfig());
    }

    @Override
    protected Target declinedTarget() {
      return Target.hosts(Host.ssh("im-host.example.invalid", "root"));
    }
  }
}
