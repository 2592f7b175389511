/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kubernetes.client.openapi.ApiClient;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Host;
import io.openim.deploy.RefusedException;
import io.openim.deploy.Secret;
import io.openim.deploy.Support;
import io.openim.deploy.Target;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DeploymentProvider} must keep, as tests. Subclass it once per
 * provider, in that provider's tests:
 *
 * <pre>{@code
 * class K3sProviderContractIT extends DeploymentProviderContract {
 *   protected DeploymentProvider provider() { return new K3sProvider(); }
 *   protected Target target(LocalCluster cluster) { return Target.kubernetes(cluster.adminKubeconfig()); }
 *   protected Target declinedTarget() { return Target.hosts(Host.ssh("10.0.0.1", "root")); }
 * }
 * }</pre>
 *
 * <p>The tests run against the shared {@link LocalCluster}, each in a namespace of its own. What
 * they check, and how:
 *
 * <ul>
 *   <li><b>Discovery.</b> A stable lower-case id; listed by {@link ServiceLoader}; its target
 *       supported and another declined with a reason.
 *   <li><b>{@code supports()} and the constructor do no I/O.</b> {@code supports()} is asked about a
 *       kubeconfig and a host that both point at a socket the kit listens on, and must not connect
 *       to it (the kit counts the connections the kernel completed; one a provider merely starts
 *       in the background and leaves is not seen) and must return within 2 seconds. The no-argument
 *       constructor, as {@link ServiceLoader} calls it, must return within 1 second.
 *   <li><b>Planning writes nothing.</b> A deployer is opened and plans the spec twice (the plans
 *       must be equal) and once for a namespace that does not exist. Before and after, the kit
 *       reads every object of every resource type the API server serves (found by API discovery)
 *       in both namespaces, and every cluster-scoped object; an object created, changed or deleted
 *       fails the test, the absent namespace appearing included ({@code ClusterSnapshot} says
 *       what the cluster writes on its own and is left out).
 *   <li><b>A plan made by another provider is refused.</b> {@code apply} of a plan stamped {@code
 *       another-provider} throws {@link RefusedException} naming that provider, as {@link
 *       DeploymentPlan#requireMadeBy} does, and the namespace is unchanged.
 *   <li><b>Apply</b> reports progress from {@link DeploymentEvent.PhaseStarted} to {@link
 *       DeploymentEvent.Finished} and never shows a secret.
 * </ul>
 *
 * @since 0.1
 */
@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
public abstract class DeploymentProviderContract {
  private static final String ANOTHER_PROVIDER = "another-provider";
  private static final Duration SUPPORTS_BOUND = Duration.ofSeconds(2);
  private static final Duration CONSTRUCTOR_BOUND = Duration.ofSeconds(1);

  /** For subclasses. */
  protected DeploymentProviderContract() {}

  /** A new instance of the provider under test. */
  protected abstract DeploymentProvider provider();

  /** A target the provider supports, on the local cluster. */
  protected abstract Target target(LocalCluster cluster);

  /** A target the provider declines. */
  protected abstract Target declinedTarget();

  /**
   * The spec deployed by the tests, a release in {@code namespace}, which holds nothing else; a
   * minimal one without chat unless overridden.
   */
  protected DeploymentSpec spec(TestNamespace namespace) {
    return DeploymentSpec.builder("contract").namespace(namespace.name()).chat(false).build();
  }

  @Test
  @DisplayName("has a stable, lower-case id")
  void stableId() {
    String id = provider().id();
    assertThat(id).isNotBlank().matches("[a-z0-9][a-z0-9-]*").isEqualTo(provider().id());
  }

  @Test
  @DisplayName("is found by ServiceLoader")
  void discoverable() {
    Class<?> type = provider().getClass();
    assertThat(ServiceLoader.load(DeploymentProvider.class, type.getClassLoader()).stream()
        .map(ServiceLoader.Provider::type).toList())
        .as("META-INF/services/io.openim.deploy.spi.DeploymentProvider lists %s", type.getName())
        .contains((Class) type);
  }

  @Test
  @DisplayName("supports its target and declines another with a reason")
  void supportsAndDeclines(LocalCluster cluster) {
    assertThat(provider().supports(target(cluster))).isInstanceOf(Support.Supported.class);
    assertThat(provider().supports(declinedTarget()))
        .isInstanceOfSatisfying(Support.Unsupported.class, no -> assertThat(no.reason()).isNotBlank());
  }

  @Test
  @DisplayName("supports() does no I/O and returns at once; the no-argument constructor is cheap")
  void supportsDoesNoIo() {
    DeploymentProvider provider = provider();
    try (ConnectionCounter socket = ConnectionCounter.open()) {
      List<Target> targets = List.of(Target.kubernetes(socket.kubeconfig()),
          Target.hosts(new Host("127.0.0.1", socket.port(), "root")));
      ServiceLoader.Provider<DeploymentProvider> loader = Bounded.loader(provider.getClass());
      DeploymentProvider loaded = Bounded.call(CONSTRUCTOR_BOUND, "the no-argument constructor of "
          + provider.getClass().getName(), loader::get);
      for (DeploymentProvider asked : List.of(provider, loaded)) {
        for (Target target : targets) {
          Support support = Bounded.call(SUPPORTS_BOUND, "supports(" + target + ")", () -> asked.supports(target));
          assertThat(support).as("supports(%s)", target).isNotNull();
        }
      }
      assertThat(socket.connections()).as("connections supports() made to 127.0.0.1:%d, where the kubeconfig"
          + " and the host point", socket.port()).isZero();
    }
  }

  @Test
  @DisplayName("plans deterministically and without changing the target")
  void planIsPure(LocalCluster cluster, TestNamespace namespace) {
    DeploymentSpec spec = spec(namespace);
    String absent = spec.namespace().substring(0, Math.min(spec.namespace().length(), 55)) + "-unmade";
    DeploymentSpec elsewhere = spec.toBuilder().namespace(absent).build();
    ApiClient admin = cluster.newAdminClient();
    ClusterSnapshot before = ClusterSnapshot.take(admin, spec.namespace(), absent);
    assertThat(before.hasNamespace(absent)).as("namespace %s exists before planning", absent).isFalse();
    try (Deployer deployer = provider().open(context(cluster, DeploymentListener.NONE))) {
      DeploymentPlan first = deployer.plan(spec);
      DeploymentPlan second = deployer.plan(spec);
      DeploymentPlan unmade = deployer.plan(elsewhere);
      assertThat(second).isEqualTo(first);
      assertThat(first.manifests()).isNotEmpty();
      assertThat(first.provider()).isEqualTo(provider().id());
      assertThat(unmade.provider()).isEqualTo(provider().id());
    }
    assertThat(ClusterSnapshot.take(admin, spec.namespace(), absent).changesSince(before))
        .as("what opening a deployer and planning wrote to the cluster").isEmpty();
  }

  @Test
  @DisplayName("rejects a plan from another provider, changing nothing")
  void rejectsForeignPlan(LocalCluster cluster, TestNamespace namespace) {
    ApiClient admin = cluster.newAdminClient();
    DeploymentSpec spec = spec(namespace);
    try (Deployer deployer = provider().open(context(cluster, DeploymentListener.NONE))) {
      DeploymentPlan foreign = deployer.plan(spec).madeBy(ANOTHER_PROVIDER);
      ClusterSnapshot before = ClusterSnapshot.take(admin, spec.namespace());
      Throwable refused = catchThrowable(() -> deployer.apply(foreign));
      assertThat(refused).as("what apply did with a plan made by %s", ANOTHER_PROVIDER)
          .isInstanceOf(RefusedException.class).hasMessageContaining(ANOTHER_PROVIDER);
      assertThat(ClusterSnapshot.take(admin, spec.namespace()).changesSince(before))
          .as("what the refused apply wrote").isEmpty();
    }
  }

  @Test
  @DisplayName("applies, reports progress in order, and never shows a secret")
  void applies(LocalCluster cluster, TestNamespace namespace) {
    List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
    DeploymentSpec spec = spec(namespace);
    DeploymentResult result;
    try (Deployer deployer = provider().open(context(cluster, events::add))) {
      result = deployer.apply(deployer.plan(spec));
    }

    assertThat(result).isInstanceOf(DeploymentResult.Succeeded.class);
    assertThat(events).isNotEmpty();
    assertThat(events.get(0)).isInstanceOf(DeploymentEvent.PhaseStarted.class);
    assertThat(events.get(events.size() - 1)).isInstanceOf(DeploymentEvent.Finished.class);
    String printed = events + " " + result;
    for (Secret secret : spec.secrets().values()) {
      assertThat(printed).doesNotContain(secret.reveal());
    }
  }

  private ProviderContext context(LocalCluster cluster, DeploymentListener listener) {
    return new ProviderContext(target(cluster), listener, Duration.ofMinutes(2), Duration.ofMinutes(5), false);
  }

}
