/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import io.openim.deploy.local.LocalCluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.Host;
import io.openim.deploy.Target;
import io.openim.deploy.spi.DeploymentProvider;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

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
  void honestProviderPasses(LocalCluster cluster, TestNamespace namespace) throws Throwable {
    Kit kit = new Kit(FlawedProvider.Flaw.NONE);
    kit.supportsDoesNoIo();
    kit.planIsPure(cluster, namespace);
    kit.rejectsForeignPlan(cluster, namespace);
    List<DynamicTest> declined = kit.declinesUnsupported(cluster, namespace).toList();
    assertThat(declined).extracting(DynamicTest::getDisplayName).hasSize(7)
        .contains("status is declined: the flawed provider does not implement status");
    for (DynamicTest test : declined) {
      test.getExecutable().execute();
    }
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

  @Test
  @DisplayName("a verb said to be unsupported but answered fails 'declines each verb it does not support'")
  void answersDeclinedVerb(LocalCluster cluster, TestNamespace namespace) {
    assertThat(failures(new Kit(FlawedProvider.Flaw.STATUS_NOT_DECLINED), cluster, namespace))
        .singleElement().asString().startsWith("status is declined").contains("what status did");
  }

  @Test
  @DisplayName("a verb declined for another reason than supports() gives fails 'declines each verb'")
  void declinesForAnotherReason(LocalCluster cluster, TestNamespace namespace) {
    assertThat(failures(new Kit(FlawedProvider.Flaw.STATUS_DECLINED_FOR_ANOTHER_REASON), cluster, namespace))
        .singleElement().asString().contains("the reason status was declined").contains("some other reason");
  }

  @Test
  @DisplayName("a declined verb that changed the release first fails 'declines each verb ... changing nothing'")
  void declinesAfterChanging(LocalCluster cluster, TestNamespace namespace) {
    assertThat(failures(new Kit(FlawedProvider.Flaw.DESTROY_DECLINED_AFTER_DELETING), cluster, namespace))
        .singleElement().asString().startsWith("destroy is declined")
        .contains("deleted ConfigMap/" + namespace.name() + "/contract");
  }

  @Test
  @DisplayName("the test of a verb the provider declines is skipped with the provider's reason")
  void skipsDeclinedVerbsSayingWhy(LocalCluster cluster, TestNamespace namespace) {
    Kit kit = new Kit(FlawedProvider.Flaw.NONE);
    assertThatThrownBy(() -> kit.diff(cluster, namespace)).isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("the flawed provider does not support diff: the flawed provider does not implement diff");
    assertThatThrownBy(() -> kit.rollback(cluster, namespace)).isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("does not support rollback: ");
  }

  /** The dynamic tests of the kit's declined-verbs factory that failed, as "name: message". */
  private static List<String> failures(Kit kit, LocalCluster cluster, TestNamespace namespace) {
    Stream<DynamicTest> tests = kit.declinesUnsupported(cluster, namespace);
    return tests.flatMap(test -> {
      try {
        test.getExecutable().execute();
        return Stream.empty();
      } catch (AssertionError e) {
        return Stream.of(test.getDisplayName() + ": " + e.getMessage());
      } catch (Throwable e) {
        throw new IllegalStateException(test.getDisplayName() + " failed otherwise than on an assertion", e);
      }
    }).toList();
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
