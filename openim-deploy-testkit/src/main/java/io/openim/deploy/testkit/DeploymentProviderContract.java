/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kubernetes.client.openapi.ApiClient;
import io.openim.deploy.ComponentStatus;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Host;
import io.openim.deploy.ObjectDiff;
import io.openim.deploy.RefusedException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Removal;
import io.openim.deploy.Revision;
import io.openim.deploy.Secret;
import io.openim.deploy.Support;
import io.openim.deploy.Target;
import io.openim.deploy.Verb;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

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
 *   <li><b>Every verb the deployer supports behaves as the built-in one's,</b> one test per verb,
 *       skipped with the deployer's reason when it declines it: status lists exactly the
 *       workloads the cluster has, with the cluster's counts, all ready; history gains a revision
 *       per apply, numbered from 1, the newest the one the apply reported; rollback to the first
 *       revision applies it as a new revision and brings the replica count back; destroy reports
 *       what it removed, the workloads go, and a second destroy finds nothing; diff reports the
 *       plan's workloads to be created before apply, without writing, and nothing to create or
 *       update after it.
 *   <li><b>Every verb the deployer declines</b> throws {@link io.openim.deploy.NotSupportedException}
 *       with the reason {@link Deployer#supports(Verb)} gives, on an applied release, and changes
 *       nothing.
 * </ul>
 *
 * <p>Backup and restore are not run even when supported: they run Jobs whose containers do the
 * work, and the local cluster's simulated pods run no containers. Providers that support them
 * test them in their own tests, on real pods; when declined, they are checked as above.
 *
 * @since 0.1
 */
@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
public abstract class DeploymentProviderContract {
  private static final String ANOTHER_PROVIDER = "another-provider";
  private static final Duration SUPPORTS_BOUND = Duration.ofSeconds(2);
  private static final Duration CONSTRUCTOR_BOUND = Duration.ofSeconds(1);
  private static final Duration DELETION_BOUND = Duration.ofMinutes(1);

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
    // a provider that sets the cluster up first reports its commands before delivery begins
    assertThat(events.stream().filter(e -> !provisioning(e)).findFirst()).as("the first event of the delivery")
        .get().isInstanceOf(DeploymentEvent.PhaseStarted.class);
    assertThat(events.get(events.size() - 1)).isInstanceOf(DeploymentEvent.Finished.class);
    String printed = events + " " + result;
    for (Secret secret : spec.secrets().values()) {
      assertThat(printed).doesNotContain(secret.reveal());
    }
  }

  @Test
  @DisplayName("status: after apply, lists the release's Deployments and StatefulSets as the cluster has them, ready")
  void status(LocalCluster cluster, TestNamespace namespace) {
    ApiClient admin = cluster.newAdminClient();
    DeploymentSpec spec = spec(namespace);
    try (Deployer deployer = provider().open(context(cluster, DeploymentListener.NONE))) {
      Verbs.assumeSupported(deployer, Verb.STATUS);
      DeploymentPlan plan = deployer.plan(spec);
      succeeded(deployer.apply(plan));
      List<ComponentStatus> status = deployer.status(ReleaseRef.of(spec));

      List<Workloads.Workload> live = Workloads.list(admin, spec.namespace());
      assertThat(Workloads.planned(plan)).as("the plan's Deployments and StatefulSets").isNotEmpty();
      assertThat(live).extracting(Workloads.Workload::id).containsExactlyInAnyOrderElementsOf(Workloads.planned(plan));
      assertThat(status).as("status()").extracting(s -> s.kind() + "/" + spec.namespace() + "/" + s.name() + " "
          + s.ready() + "/" + s.desired())
          .containsExactlyInAnyOrderElementsOf(live.stream().map(w -> w.id() + " " + w.ready() + "/" + w.desired())
              .toList());
      assertThat(status).allSatisfy(s -> assertThat(s.isReady()).as("%s %s is ready", s.kind(), s.name()).isTrue());
    }
  }

  @Test
  @DisplayName("history: one more revision per apply, the newest the one the apply reported")
  void history(LocalCluster cluster, TestNamespace namespace) {
    DeploymentSpec spec = spec(namespace);
    ReleaseRef release = ReleaseRef.of(spec);
    try (Deployer deployer = provider().open(context(cluster, DeploymentListener.NONE))) {
      Verbs.assumeSupported(deployer, Verb.HISTORY);
      DeploymentPlan plan = deployer.plan(spec);
      DeploymentResult.Succeeded first = succeeded(deployer.apply(plan));
      List<Revision> once = deployer.history(release);
      assertThat(once).as("history after the first apply").isNotEmpty();
      assertThat(once.get(0).number()).as("the first revision's number").isEqualTo(1);
      assertThat(last(once).number()).as("the newest revision").isEqualTo(first.revision());

      Workloads.Scaling scaling = Workloads.scale(spec, plan, deployer::plan);
      DeploymentResult.Succeeded second = succeeded(deployer.apply(deployer.plan(scaling.spec())));
      List<Revision> twice = deployer.history(release);
      assertThat(twice).as("history after a second apply, of %s", scaling).hasSize(once.size() + 1);
      assertThat(twice).extracting(Revision::number).as("oldest first").isSorted().doesNotHaveDuplicates();
      assertThat(last(twice).number()).as("the newest revision").isGreaterThan(first.revision())
          .isEqualTo(second.revision());
    }
  }

  @Test
  @DisplayName("rollback: back to the first revision, as a new revision, with its replica count")
  void rollback(LocalCluster cluster, TestNamespace namespace) {
    ApiClient admin = cluster.newAdminClient();
    DeploymentSpec spec = spec(namespace);
    ReleaseRef release = ReleaseRef.of(spec);
    try (Deployer deployer = provider().open(context(cluster, DeploymentListener.NONE))) {
      Verbs.assumeSupported(deployer, Verb.ROLLBACK);
      DeploymentPlan plan = deployer.plan(spec);
      DeploymentResult.Succeeded first = succeeded(deployer.apply(plan));
      Workloads.Scaling scaling = Workloads.scale(spec, plan, deployer::plan);
      DeploymentResult.Succeeded second = succeeded(deployer.apply(deployer.plan(scaling.spec())));
      assertThat(Workloads.replicas(admin, scaling.workload())).as("replicas of %s after scaling", scaling.workload())
          .isEqualTo(scaling.after());
      boolean history = deployer.supports(Verb.HISTORY) instanceof Support.Supported;
      int revisions = history ? deployer.history(release).size() : 0;

      DeploymentResult.Succeeded back = succeeded(deployer.rollback(release, first.revision()));
      assertThat(back.revision()).as("the revision the rollback recorded").isGreaterThan(second.revision());
      assertThat(Workloads.replicas(admin, scaling.workload())).as("replicas of %s after the rollback to %d",
          scaling.workload(), first.revision()).isEqualTo(scaling.before());
      if (history) {
        List<Revision> after = deployer.history(release);
        assertThat(after).as("history after the rollback").hasSize(revisions + 1);
        assertThat(last(after).number()).isEqualTo(back.revision());
      }
    }
  }

  @Test
  @DisplayName("destroy: removes the release's workloads and says so; a second destroy finds nothing")
  void destroy(LocalCluster cluster, TestNamespace namespace) {
    ApiClient admin = cluster.newAdminClient();
    DeploymentSpec spec = spec(namespace);
    ReleaseRef release = ReleaseRef.of(spec);
    try (Deployer deployer = provider().open(context(cluster, DeploymentListener.NONE))) {
      Verbs.assumeSupported(deployer, Verb.DESTROY);
      succeeded(deployer.apply(deployer.plan(spec)));
      List<String> workloads = Workloads.ids(admin, spec.namespace());
      assertThat(workloads).as("the release's workloads").isNotEmpty();

      Removal removal = deployer.destroy(release, false);
      assertThat(removal.found()).as("%s found something", removal).isTrue();
      assertThat(removal.release()).isEqualTo(release);
      assertThat(removal.objects()).as("what destroy says it removed").containsAll(workloads);
      assertThat(Workloads.list(admin, spec.namespace())).as("workloads left, not being deleted, right after destroy")
          .filteredOn(w -> !w.deleting()).isEmpty();
      assertThat(Workloads.awaitGone(admin, spec.namespace(), workloads, DELETION_BOUND))
          .as("workloads still there %s after destroy", DELETION_BOUND).isEmpty();
      if (deployer.supports(Verb.STATUS) instanceof Support.Supported) {
        assertThat(deployer.status(release)).as("status after destroy").isEmpty();
      }

      Removal again = deployer.destroy(release, false);
      assertThat(again.found()).as("a second destroy found %s", again).isFalse();
    }
  }

  @Test
  @DisplayName("diff: before apply, the workloads to create, writing nothing; after apply, nothing to create or update")
  void diff(LocalCluster cluster, TestNamespace namespace) {
    ApiClient admin = cluster.newAdminClient();
    DeploymentSpec spec = spec(namespace);
    try (Deployer deployer = provider().open(context(cluster, DeploymentListener.NONE))) {
      Verbs.assumeSupported(deployer, Verb.DIFF);
      DeploymentPlan plan = deployer.plan(spec);
      ClusterSnapshot before = ClusterSnapshot.take(admin, spec.namespace());
      List<ObjectDiff> fresh = deployer.diff(plan);
      assertThat(ClusterSnapshot.take(admin, spec.namespace()).changesSince(before)).as("what diff wrote").isEmpty();
      assertThat(fresh).as("the diff before apply").filteredOn(d -> d.change() == ObjectDiff.Change.CREATE)
          .extracting(ObjectDiff::object).containsAll(Workloads.planned(plan));

      succeeded(deployer.apply(plan));
      assertThat(deployer.diff(plan)).as("the diff of the applied plan")
          .filteredOn(d -> d.change() == ObjectDiff.Change.CREATE || d.change() == ObjectDiff.Change.UPDATE).isEmpty();
    }
  }

  @TestFactory
  @DisplayName("declines each verb it does not support with supports()'s reason, changing nothing")
  Stream<DynamicTest> declinesUnsupported(LocalCluster cluster, TestNamespace namespace) {
    DeploymentSpec spec = spec(namespace);
    List<Verb> declined;
    List<String> reasons;
    try (Deployer deployer = provider().open(context(cluster, DeploymentListener.NONE))) {
      assertThat(deployer.supports(Verb.PLAN)).as("supports(plan)").isInstanceOf(Support.Supported.class);
      assertThat(deployer.supports(Verb.APPLY)).as("supports(apply)").isInstanceOf(Support.Supported.class);
      declined = Verbs.declined(deployer);
      reasons = declined.stream().map(v -> ((Support.Unsupported) deployer.supports(v)).reason()).toList();
    }
    ApiClient admin = cluster.newAdminClient();
    AtomicReference<DeploymentPlan> applied = new AtomicReference<>();
    return declined.stream().map(verb -> DynamicTest.dynamicTest(verb.word() + " is declined: "
        + reasons.get(declined.indexOf(verb)), () -> {
          try (Deployer deployer = provider().open(context(cluster, DeploymentListener.NONE))) {
            if (applied.get() == null) {
              DeploymentPlan plan = deployer.plan(spec);
              succeeded(deployer.apply(plan));
              applied.set(plan);
            }
            ClusterSnapshot before = ClusterSnapshot.take(admin, spec.namespace());
            Verbs.assertDeclined(deployer, verb, Objects.requireNonNull(applied.get(), "applied above"));
            assertThat(ClusterSnapshot.take(admin, spec.namespace()).changesSince(before))
                .as("what the declined %s wrote", verb.word()).isEmpty();
          }
        }));
  }

  private ProviderContext context(LocalCluster cluster, DeploymentListener listener) {
    return new ProviderContext(target(cluster), listener, Duration.ofMinutes(2), Duration.ofMinutes(5), false);
  }

  /** An event of setting a cluster up, which comes before the delivery's first phase. */
  private static boolean provisioning(DeploymentEvent e) {
    return e instanceof DeploymentEvent.RemoteCommand || e instanceof DeploymentEvent.CommandOutput
        || e instanceof DeploymentEvent.CommandFinished;
  }

  private static DeploymentResult.Succeeded succeeded(DeploymentResult result) {
    assertThat(result).as("the result %s", result).isInstanceOf(DeploymentResult.Succeeded.class);
    return (DeploymentResult.Succeeded) result;
  }

  private static Revision last(List<Revision> revisions) {
    return revisions.get(revisions.size() - 1);
  }
}
