/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Every lifecycle operation on OpenIM releases, through the provider chosen for a target: plan,
 * diff, apply, status, history, rollback, destroy, and where the provider supports them, backup and
 * restore. {@code OpenImDeploy.builder()...build()} in openim-deploy-core returns one; a provider
 * makes one with {@link io.openim.deploy.spi.DeploymentProvider#open}.
 *
 * <pre>{@code
 * try (Deployer openim = OpenImDeploy.builder().target(Target.kubernetes(kubeconfigYaml)).build()) {
 *   DeploymentPlan plan = openim.plan(spec);     // reads the cluster, changes nothing
 *   openim.apply(plan).orThrow();                // converges; safe to run again
 *   openim.history(ReleaseRef.of(spec));         // the provider's own records (Helm's, for Helm)
 * }
 * }</pre>
 *
 * <p>An operation the provider does not support throws {@link NotSupportedException}, saying why,
 * before anything is changed; {@link #supports(Verb)} asks first. A provider implements {@link
 * #plan} and {@link #apply} at least; every other verb declines unless implemented. A plan is applied by the provider
 * that made it: another provider's plan is refused ({@link DeploymentPlan#requireMadeBy}).
 * Implementations are thread-safe; one apply at a time per release is the caller's duty. Progress
 * of each operation goes to the listener the deployer was built with.
 *
 * @since 0.3
 */
public interface Deployer extends AutoCloseable {
  /** The id of the provider behind this deployer, such as {@code kubernetes} or {@code helm}. */
  String provider();

  /**
   * Whether {@code verb} is supported, and if not, why not. No I/O. Unless overridden: plan and
   * apply only, as the verbs without a default; a deployer that implements more says so here.
   */
  default Support supports(Verb verb) {
    return verb == Verb.PLAN || verb == Verb.APPLY ? Support.yes()
        : Support.no("the " + provider() + " provider does not implement " + verb.word());
  }

  /**
   * The plan for {@code spec} on this target; changes nothing. Credentials the spec leaves to be
   * generated keep the values the release already has, so re-planning never rotates passwords.
   */
  DeploymentPlan plan(DeploymentSpec spec);

  /**
   * What {@link #apply(DeploymentPlan)} would change (objects to create, fields to change with
   * secret values redacted, objects to prune). Changes nothing.
   */
  default List<ObjectDiff> diff(DeploymentPlan plan) {
    throw declined(Verb.DIFF);
  }

  /** Applies a plan this provider made and waits until it has rolled out. */
  DeploymentResult apply(DeploymentPlan plan);

  /** {@code apply(plan(spec))}. */
  default DeploymentResult deploy(DeploymentSpec spec) {
    return apply(plan(spec));
  }

  /** The release's Deployments and StatefulSets with ready and wanted replicas. */
  default List<ComponentStatus> status(ReleaseRef release) {
    throw declined(Verb.STATUS);
  }

  /** The release's kept revisions, oldest first, as the provider records them. */
  default List<Revision> history(ReleaseRef release) {
    throw declined(Verb.HISTORY);
  }

  /** Applies an earlier revision again, as a new revision; credentials keep their current values. */
  default DeploymentResult rollback(ReleaseRef release, int revision) {
    throw declined(Verb.ROLLBACK);
  }

  /**
   * Removes the release. Its data volumes and credentials stay unless {@code deleteData}.
   *
   * @return exactly what was removed; {@link Removal#found()} is false when nothing was
   */
  default Removal destroy(ReleaseRef release, boolean deleteData) {
    throw declined(Verb.DESTROY);
  }

  /** Backs the release's data up into {@code target} as backup {@code id}; an id is never reused. */
  default BackupReport backup(DeploymentSpec spec, BackupTarget target, String id) {
    throw declined(Verb.BACKUP);
  }

  /** {@link #backup(DeploymentSpec, BackupTarget, String)} with a new id: {@link #newBackupId}. */
  default BackupReport backup(DeploymentSpec spec, BackupTarget target) {
    return backup(spec, target, newBackupId(Instant.now()));
  }

  /** Restores backup {@code id} from {@code target} into the release {@code spec} describes. */
  default DeploymentResult restore(DeploymentSpec spec, BackupTarget target, String id) {
    throw declined(Verb.RESTORE);
  }

  /** Releases the deployer's connection and threads; nothing unless overridden. */
  @Override
  default void close() {}

  /**
   * The exception for {@code verb} when it is not supported: the reason {@link #supports(Verb)}
   * gives. For implementations of the verbs that decline.
   */
  default NotSupportedException declined(Verb verb) {
    Support support = supports(verb);
    return new NotSupportedException(provider(), verb, support instanceof Support.Unsupported no ? no.reason()
        : "it says it supports " + verb.word() + " but did not implement it");
  }

  /** A backup id for {@code now}: the UTC time as {@code yyyyMMdd-HHmmss}. */
  static String newBackupId(Instant now) {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(now);
  }
}
