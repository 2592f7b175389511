/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.core.migrate.MigrationPlan;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.core.render.VersionCatalog;
import io.openim.deploy.BackupReport;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.Removal;
import io.openim.deploy.ComponentStatus;
import io.openim.deploy.Deployer;
import io.openim.deploy.Support;
import io.openim.deploy.Verb;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ObjectDiff;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Revision;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.data.internal.DataOperations;
import io.openim.deploy.core.release.internal.ReleaseOperations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Deploys OpenIM releases onto one cluster: plan, apply (server-side apply phase by phase, waiting
 * for each to roll out, then pruning what the plan no longer has), status, history, rollback,
 * backup, restore and destroy.
 *
 * <pre>{@code
 * try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(kubeconfigYaml).listener(System.out::println).build()) {
 *   DeploymentPlan plan = deployer.plan(spec);       // reads the cluster, changes nothing
 *   deployer.apply(plan).orThrow();                  // converges; safe to run again
 * }
 * }</pre>
 *
 * <p>Thread-safe; one apply at a time per release is the caller's duty.
 *
 * @since 0.1
 */
public final class KubernetesDeployer implements Deployer {
  private final ReleaseOperations operations;
  private final DataOperations data;
  private final ClusterConnection connection;
  private final DeploymentListener listener;
  private final Duration objectTimeout;
  private final Duration timeout;
  private final String provider;
  private final Flavour flavour;

  private KubernetesDeployer(ReleaseOperations operations, DataOperations data, ClusterConnection connection,
      DeploymentListener listener, Duration objectTimeout, Duration timeout, String provider, Flavour flavour) {
    this.provider = provider;
    this.flavour = flavour;
    this.connection = connection;
    this.listener = listener;
    this.objectTimeout = objectTimeout;
    this.timeout = timeout;
    this.operations = operations;
    this.data = data;
  }

  /** A builder; a kubeconfig or a connection is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@value KubernetesProvider#ID}, the built-in provider, unless it was built with another
   * provider's {@link Builder#flavour(String, Flavour) flavour}.
   */
  @Override
  public String provider() {
    return provider;
  }

  /** Every verb. */
  @Override
  public Support supports(Verb verb) {
    return Support.yes();
  }

  /**
   * The plan for {@code spec} on this cluster. Credentials the spec left to be generated keep the
   * values the release already has in the cluster, so re-planning never rotates passwords.
   */
  @Override
  public DeploymentPlan plan(DeploymentSpec spec) {
    return flavour.plan(operations.plan(flavour.spec(spec))).madeBy(provider);
  }

  /**
   * Applies a plan and waits until it has rolled out; see {@link DeploymentResult}. A plan made by
   * another provider is refused.
   */
  @Override
  public DeploymentResult apply(DeploymentPlan plan) {
    return operations.apply(plan.requireMadeBy(provider), "apply");
  }

  /**
   * What {@link #apply(DeploymentPlan)} would change, computed by the API server with a
   * server-side dry run: objects to create, fields to change (secret values redacted), objects to
   * prune. Changes nothing.
   */
  @Override
  public List<ObjectDiff> diff(DeploymentPlan plan) {
    return operations.diff(plan.requireMadeBy(provider));
  }

  /** The release's Deployments and StatefulSets with ready and wanted replicas. */
  @Override
  public List<ComponentStatus> status(ReleaseRef release) {
    return operations.status(release);
  }

  /** The release's kept revisions, oldest first. */
  @Override
  public List<Revision> history(ReleaseRef release) {
    return operations.history(release);
  }

  /**
   * Applies an earlier revision again, as a new revision. Credentials keep their current values:
   * they were never stored in the history.
   */
  @Override
  public DeploymentResult rollback(ReleaseRef release, int revision) {
    return operations.rollback(release, revision);
  }

  /**
   * Deletes every object of the release and its history. The namespace, the data volumes and the
   * credentials Secret (whose passwords the data volumes' users were made with) stay unless {@code
   * deleteData}: then the Secret and the claims of MongoDB, Redis, Kafka, MinIO and etcd are
   * deleted too, and the namespace only if openim-deploy created it for this release and it holds
   * nothing else (a namespace that existed before, or a system one such as {@code default}, is
   * never deleted; one that still holds a PersistentVolumeClaim, another release, or objects that
   * are not the release's stays). Backup volumes stay.
   *
   * @return exactly what was removed; {@link Removal#found()} is false when nothing was
   */
  @Override
  public Removal destroy(ReleaseRef release, boolean deleteData) {
    return operations.destroy(release, deleteData);
  }

  /**
   * Backs up the release's data into {@code target} with a new id (the UTC time, {@code
   * yyyyMMdd-HHmmss}): a Job dumps MongoDB's {@code openim_v3}, mirrors MinIO's {@code openim}
   * bucket, writes a {@link io.openim.deploy.core.data.BackupManifest} and verifies it; only a verified backup gets its final
   * name. OpenIM keeps running (a dump of a live database; stop writers first for a point-in-time
   * copy). Redis and Kafka are not backed up. The Job may run as long as {@link
   * Builder#timeout(Duration)}; the cluster stops it then.
   *
   * @throws io.openim.deploy.DeploymentException if the target or release is missing (nothing is
   *     changed then) or the Job failed, with the Job's reasons
   */
  @Override
  public BackupReport backup(DeploymentSpec spec, BackupTarget target, String id) {
    return data.backup(spec, target, id, true);
  }

  /**
   * Restores backup {@code id} from {@code target} into the release {@code spec} describes, which
   * may be new: OpenIM is scaled to zero (a new release is deployed that way), a backup of the
   * release's current data is taken first if it has any, a Job verifies the backup's manifest,
   * copies the objects back, empties Redis and restores the database, and OpenIM is scaled back up
   * as the spec says. If the Job fails, OpenIM stays at zero and the result says how to go on.
   */
  @Override
  public DeploymentResult restore(DeploymentSpec spec, BackupTarget target, String id) {
    return data.restore(spec, target, id);
  }

  /**
   * Runs a migration from docker-compose step by step: the steps openim-deploy does itself, and
   * for each step an operator does on the old host or for clients, {@code confirmation} is asked
   * first and the outcome verified after. It stops at the first step that is not confirmed or
   * fails its verification; the result names it and says how to go back. Running it again
   * resumes: the spec written by the first run is read, not re-imported, and the steps it
   * recorded as done (in {@code migration-state} beside the spec) are skipped.
   */
  public MigrationPlan.Result migrate(MigrationPlan plan, MigrationPlan.Confirmation confirmation) {
    return plan.run(connection, listener, objectTimeout, timeout, confirmation);
  }

  /** The connection, for its request count and for providers that reuse it. */
  public ClusterConnection connection() {
    return operations.connection();
  }

  @Override
  public void close() {
    operations.close();
  }

  /**
   * Configures a {@link KubernetesDeployer}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable ClusterConnection connection;
    private DeploymentListener listener = DeploymentListener.NONE;
    private boolean force;
    private Duration objectTimeout = Duration.ofMinutes(5);
    private Duration timeout = Duration.ofMinutes(20);
    private int parallelism = 4;
    private String provider = KubernetesProvider.ID;
    private Flavour flavour = Flavour.NONE;

    private Builder() {}

    /**
     * Plans with {@code flavour}'s defaults and makes plans in {@code provider}'s name, which this
     * deployer then applies and diffs (and refuses those of any other provider); the built-in
     * provider's, with no defaults, unless set.
     *
     * @since 0.3
     */
    public Builder flavour(String provider, Flavour flavour) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.flavour = Objects.requireNonNull(flavour, "flavour");
      return this;
    }

    /** The cluster, by a kubeconfig's text (its current context). */
    public Builder kubeconfig(String kubeconfig) {
      this.connection = ClusterConnection.fromKubeconfig(kubeconfig);
      return this;
    }

    /** The cluster, by an existing connection. */
    public Builder connection(ClusterConnection connection) {
      this.connection = Objects.requireNonNull(connection, "connection");
      return this;
    }

    /** Where progress goes; nowhere unless set. */
    public Builder listener(DeploymentListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Take over fields other managers own instead of failing on a conflict; off unless set. */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /**
     * How long one object may take to roll out; 5 minutes unless set. A Deployment is given until
     * its own progress deadline ({@code spec.progressDeadlineSeconds}) instead, within {@link
     * #timeout(Duration)}.
     */
    public Builder objectTimeout(Duration objectTimeout) {
      this.objectTimeout = positive("objectTimeout", objectTimeout);
      return this;
    }

    /** How long a whole apply may take; 20 minutes unless set. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive("timeout", timeout);
      return this;
    }

    /** How many objects of one phase are applied and waited for at once; 4 unless set. */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, but was " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /** Builds the deployer; makes no request yet. */
    public KubernetesDeployer build() {
      if (connection == null) {
        throw new IllegalStateException("no cluster: call kubeconfig(...) or connection(...) first");
      }
      ClusterConnection events = connection.withListener(listener);
      ReleaseOperations operations = new ReleaseOperations(events, listener, force, objectTimeout, timeout, parallelism,
          Topology.create());
      return new KubernetesDeployer(operations, new DataOperations(events, operations, VersionCatalog.builtIn(), timeout),
          connection, listener, objectTimeout, timeout, provider, flavour);
    }

    private static Duration positive(String name, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + value);
      }
      return value;
    }
  }
}
