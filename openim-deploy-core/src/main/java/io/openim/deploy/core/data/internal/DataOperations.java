/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.data.internal;

import io.openim.deploy.core.release.internal.AccessCheck;
import io.openim.deploy.core.release.internal.Inventory;
import io.openim.deploy.core.release.internal.ReleaseOperations;
import io.openim.deploy.core.release.internal.ReleasePods;
import io.openim.deploy.core.render.internal.ChatAdminJob;
import io.openim.deploy.core.render.internal.Names;
import io.openim.deploy.core.render.internal.RenderContext;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectDiff;
import io.openim.deploy.RefusedException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.BackupReport;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.core.render.VersionCatalog;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.core.engine.RolloutWaiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Backup and restore of a release's data, each a Job the engine applies and tracks. */
public final class DataOperations {
  /** Backup ids: lower-case letters, digits and '-', as in a DNS label. */
  private static final Pattern ID = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  /** The longest Job name: its pods carry it in a label value. */
  private static final int MAX_NAME = 63;

  private final ClusterConnection connection;
  private final ReleaseOperations releases;
  private final Applier applier;
  private final RolloutWaiter waiter;
  private final VersionCatalog catalog;
  private final Duration timeout;
  private final ReleasePods pods;
  private final AccessCheck access;

  public DataOperations(ClusterConnection connection, ReleaseOperations releases, VersionCatalog catalog, Duration timeout) {
    this.connection = connection;
    this.releases = releases;
    this.applier = new Applier(connection, false);
    this.waiter = new RolloutWaiter(connection);
    this.catalog = catalog;
    this.timeout = timeout;
    this.pods = new ReleasePods(connection);
    this.access = new AccessCheck(connection);
  }

  /**
   * Backs up the release's own data. With {@code guarded}, a release that exists must match the
   * spec (apart from replicas), so a default or stale spec never aims the Job at the wrong data.
   */
  public BackupReport backup(DeploymentSpec spec, BackupTarget target, String id, boolean guarded) {
    BackupJobs jobs = jobs(spec);
    List<String> problems = new ArrayList<>();
    ObjectRef credentials = new ObjectRef("v1", "Secret", spec.namespace(), new Names(spec).credentials());
    if (applier.read(credentials).isEmpty()) {
      problems.add("release " + ReleaseRef.of(spec) + " has no Secret " + credentials.name()
          + ": there is nothing to back up (check --release and --namespace, or deploy it first)");
    } else if (guarded) {
      problems.addAll(specProblems(spec, releases.plan(spec)));
    }
    problems.addAll(externalProblems(spec));
    return runBackup(spec, jobs, target, id, jobs.release(), null, problems);
  }

  /**
   * Backs up the data at {@code from} (such as a docker-compose host's) as if it were the
   * release's, after applying {@code credentials}, the Secret {@code from} reads; the Secret is
   * deleted when the Job has ended.
   */
  public BackupReport backup(DeploymentSpec spec, BackupTarget target, String id, BackupJobs.Endpoints from,
      Manifest credentials) {
    return runBackup(spec, jobs(spec), target, id, from, credentials, List.of());
  }

  /** Whether backup {@code id} of the release was made and verified, as its Job says. */
  public boolean backupFinished(DeploymentSpec spec, String id) {
    return pods.succeeded(new ObjectRef("batch/v1", "Job", spec.namespace(), jobs(spec).jobName("backup", id)));
  }

  /** The Jobs of {@code spec}'s release. */
  public BackupJobs jobs(DeploymentSpec spec) {
    return new BackupJobs(new RenderContext(spec, catalog.require(spec.version())), timeout);
  }

  private BackupReport runBackup(DeploymentSpec spec, BackupJobs jobs, BackupTarget target, String id,
      BackupJobs.Endpoints from, @Nullable Manifest credentials, List<String> found) {
    Instant start = Instant.now();
    String operation = "backup " + id;
    Manifest job = jobs.backup(checkId(spec, "backup", id), target, from);
    List<String> problems = new ArrayList<>(found);
    problems.addAll(targetProblems(spec, target, jobs, true));
    problems.addAll(accessProblems(spec, List.of(job)));
    if (applier.read(ObjectRef.of(job)).isPresent()) {
      problems.add("a backup with id " + id + " was made before (Job " + job.name() + "); choose another id");
    }
    refuse(operation, problems);
    emit(operation, "copy MongoDB's " + BackupJobs.DATABASE + " and MinIO's bucket " + BackupJobs.BUCKET
        + " from " + from.description() + " to " + target.describe() + ", then verify sizes and checksums");
    jobs.targetClaim(target).ifPresent(claim -> {
      if (applier.read(ObjectRef.of(claim)).isEmpty()) {
        applier.apply(claim, Map.of());
      }
    });
    List<Manifest> secrets = new ArrayList<>();
    if (credentials != null) {
      secrets.add(credentials);
    }
    jobs.targetSecret(job.name(), target).ifPresent(secrets::add);
    jobs.egressPolicy(job, target, from).ifPresent(secrets::add);
    try {
      runJob(job, secrets);
    } catch (RolloutException e) {
      throw new DeploymentException(operation + " failed: " + e.getMessage() + ". Nothing got the backup's final"
          + " name; " + logs(job), e);
    }
    return new BackupReport(id, target, job.name(), pods.terminationMessage(spec.namespace(), job.name(), "verify"),
        Duration.between(start, Instant.now()));
  }

  /**
   * {@link #restore(DeploymentSpec, BackupTarget, String, boolean, boolean)}, guarded, backing up
   * first when the release exists.
   */
  public DeploymentResult restore(DeploymentSpec spec, BackupTarget target, String id) {
    return restore(spec, target, id, true, true);
  }

  /**
   * Restores backup {@code id} into the release {@code spec} describes, deploying it first if it is
   * new. In order: the backup is fetched and verified by a Job that changes nothing; OpenIM is
   * scaled to zero; with {@code backUpExisting} and a release that exists, the release's data is
   * backed up (now that nothing writes); the restore Job runs; OpenIM is scaled up as the spec says. With {@code guarded}, an
   * existing release must match the spec apart from replicas. A failed restore leaves OpenIM at
   * zero and says how to go on.
   */
  public DeploymentResult restore(
      DeploymentSpec spec, BackupTarget target, String id, boolean backUpExisting, boolean guarded) {
    Instant start = Instant.now();
    String operation = "restore " + id;
    BackupJobs jobs = jobs(spec);
    String run = Deployer.newBackupId(start);
    String safety = run + "-before-restore";
    boolean exists = !releases.history(ReleaseRef.of(spec)).isEmpty();
    boolean backupFirst = backUpExisting && exists;
    // one plan serves the check, the namespace, scaling down and scaling up: none of them changes
    // what a plan reads (the credentials Secret, the served CRDs)
    DeploymentPlan planned = releases.plan(spec);
    List<String> problems = new ArrayList<>();
    for (String name : List.of(jobs.jobName("check", run), jobs.jobName("restore", run),
        backupFirst ? jobs.jobName("backup", safety) : "")) {
      if (name.length() > MAX_NAME) {
        problems.add("the Job name " + name + " is longer than 63 characters; use a shorter release name");
      }
    }
    checkIdFormat(id);
    if (guarded && exists) {
      problems.addAll(specProblems(spec, planned));
    }
    problems.addAll(externalProblems(spec));
    problems.addAll(targetProblems(spec, target, jobs, false));
    List<Manifest> touched = new ArrayList<>(planned.manifests());
    touched.add(jobs.check(id, run, target));
    problems.addAll(accessProblems(spec, touched));
    refuse(operation, problems);

    emit(operation, "fetch and verify the backup (the release is not touched yet)");
    boolean madeNamespace = ensureNamespace(spec, planned);
    Manifest check = jobs.check(id, run, target);
    try {
      runJob(check, withEgress(jobs, check, target));
    } catch (RolloutException e) {
      if (madeNamespace) {
        applier.delete(new ObjectRef("v1", "Namespace", null, spec.namespace()));
      }
      throw new DeploymentException(operation + " refused: backup " + id + " in " + target.describe()
          + " could not be read or did not verify (" + e.getMessage() + "); the release was not touched"
          + (madeNamespace ? " and the namespace made for the check is deleted again" : "") + "; " + logs(check), e);
    }
    emit(operation, "scale OpenIM to zero replicas (the dependencies " + (exists ? "stay" : "are deployed") + ")");
    DeploymentResult down = releases.apply(ReleasePods.scaledDown(planned), operation + ": OpenIM scaled down");
    if (down instanceof DeploymentResult.Failed failed) {
      return failed;
    }
    try {
      pods.awaitNoOpenIm(spec, timeout);
    } catch (DeploymentException e) {
      return stoppedAtZero(operation, e, start);
    }
    String before = "";
    if (backupFirst) {
      emit(operation, "back up the release's current data first, as " + safety);
      try {
        backup(spec, target, safety, false);
      } catch (DeploymentException e) {
        return stoppedAtZero(operation, e, start);
      }
      before = " The data from before the restore is backup " + safety + " in " + target.describe() + ".";
    }
    emit(operation, "verify the backup, copy the objects back, " + (spec.dependency(DependencyKind.REDIS)
        instanceof Dependency.External ? "(Redis is external: empty it yourself before OpenIM starts, its caches"
            + " would not match) " : "empty Redis, ") + "restore the database");
    Manifest job = jobs.restore(id, run, target);
    try {
      runJob(job, withEgress(jobs, job, target));
    } catch (RolloutException e) {
      return new DeploymentResult.Failed(operation + " failed: " + e.getMessage() + ". OpenIM stays at zero"
          + " replicas so that nothing serves half-restored data." + before + " Fix the cause and run the restore"
          + " again (it drops each collection before restoring it), or run 'up' to bring OpenIM back as it is; "
          + logs(job), List.of(), Duration.between(start, Instant.now()));
    }
    emit(operation, "scale OpenIM back up");
    return releases.apply(planned, operation);
  }

  /** A restore that stopped after scaling OpenIM down and before touching any data. */
  private static DeploymentResult stoppedAtZero(String operation, DeploymentException e, Instant start) {
    return new DeploymentResult.Failed(operation + " stopped before changing any data: " + e.getMessage()
        + ". OpenIM is at zero replicas; run 'up' to bring it back as it was.", List.of(),
        Duration.between(start, Instant.now()));
  }

  /**
   * Creates the release's namespace when it is new (a restore into a new cluster from a bucket),
   * so the check Job has somewhere to run; the first apply labels it as the release's like any other.
   */
  private boolean ensureNamespace(DeploymentSpec spec, DeploymentPlan planned) {
    ObjectRef namespace = new ObjectRef("v1", "Namespace", null, spec.namespace());
    if (applier.read(namespace).isPresent()) {
      return false;
    }
    planned.manifests().stream().filter(m -> m.kind().equals("Namespace")).findFirst()
        .ifPresent(manifest -> applier.apply(manifest, Inventory.memberLabels(ReleaseRef.of(spec))));
    return true;
  }

  /**
   * Applies {@code secrets} and {@code job} and waits for the Job. A Job still running when the wait
   * gives up is deleted, so it cannot race what comes next; the Secrets are deleted however it ended.
   */
  private void runJob(Manifest job, List<Manifest> secrets) {
    try {
      secrets.forEach(secret -> applier.apply(secret, Map.of()));
      applier.apply(job, Map.of());
      waiter.await(ObjectRef.of(job), timeout);
    } catch (RolloutException e) {
      if (pods.active(job)) {
        applier.delete(ObjectRef.of(job));
        throw new RolloutException(job.id(), e.reason() + "; the Job was still running and is deleted, its pods with it");
      }
      throw e;
    } finally {
      for (Manifest secret : secrets) {
        applier.delete(ObjectRef.of(secret));
      }
    }
  }

  /** The Secret of a bucket target and the NetworkPolicy that lets the Job reach it, for a check or restore. */
  private static List<Manifest> withEgress(BackupJobs jobs, Manifest job, BackupTarget target) {
    List<Manifest> out = new ArrayList<>(jobs.targetSecret(job.name(), target).stream().toList());
    jobs.egressPolicy(job, target, jobs.release()).ifPresent(out::add);
    return out;
  }

  private static String logs(Manifest job) {
    return "the Job's logs, kept a week: kubectl -n " + job.namespace() + " logs job/" + job.name() + " --all-containers";
  }

  /**
   * What differs between the deployed release and {@code spec}, replicas, autoscalers, the chat
   * admin Job (absent while OpenIM is at zero) and the namespace's labels aside.
   */
  private List<String> specProblems(DeploymentSpec spec, DeploymentPlan planned) {
    List<String> differences = new ArrayList<>();
    String chatAdminJob = "Job/" + spec.namespace() + "/" + spec.release() + "-" + ChatAdminJob.PURPOSE + "-";
    for (ObjectDiff diff : releases.diff(planned)) {
      // the Namespace may be shared with other releases, which label it too
      if (diff.change() == ObjectDiff.Change.NONE || diff.object().startsWith("HorizontalPodAutoscaler/")
          || diff.object().startsWith("Namespace/") || diff.object().startsWith(chatAdminJob)) {
        continue;
      }
      List<String> fields = diff.fields().stream().map(ObjectDiff.FieldChange::path)
          .filter(path -> !path.equals("spec.replicas")).toList();
      if (diff.change() != ObjectDiff.Change.UPDATE || !fields.isEmpty()) {
        differences.add(diff.change().name().toLowerCase(Locale.ROOT) + " " + diff.object()
            + (fields.isEmpty() ? "" : " " + fields));
      }
    }
    if (differences.isEmpty()) {
      return List.of();
    }
    // objects missing or extra tell more than changed fields (a chat left out prunes its Deployments,
    // and changes the NetworkPolicies of everything chat talked to): those come first
    differences.sort(Comparator.comparing((String d) -> d.startsWith("update ")));
    return List.of("the spec does not describe release " + ReleaseRef.of(spec) + " as deployed ("
        + String.join(", ", differences.subList(0, Math.min(5, differences.size())))
        + (differences.size() > 5 ? " and " + (differences.size() - 5) + " more" : "")
        + "); give the spec file it was deployed with (-f), or see 'openim-deploy diff'");
  }

  /** External MongoDB or MinIO without the password a Job needs to log in. */
  private static List<String> externalProblems(DeploymentSpec spec) {
    List<String> problems = new ArrayList<>();
    for (DependencyKind kind : List.of(DependencyKind.MONGODB, DependencyKind.MINIO)) {
      if (spec.dependency(kind) instanceof Dependency.External external && external.password() == null) {
        problems.add("the external " + kind.key() + " has no " + (kind == DependencyKind.MINIO ? "secret key"
            : "password") + " in the spec; the Job needs it to read and write the data");
      }
    }
    return problems;
  }

  private static void checkIdFormat(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("backup id '" + id + "' must be lower-case letters, digits and '-'");
    }
  }

  private static String checkId(DeploymentSpec spec, String purpose, String id) {
    String name = spec.release() + "-" + purpose + "-" + id;
    if (!ID.matcher(id).matches() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("backup id '" + id + "' must be lower-case letters, digits and '-', short"
          + " enough that the Job name " + name + " stays within 63 characters");
    }
    return id;
  }

  private List<String> targetProblems(DeploymentSpec spec, BackupTarget target, BackupJobs jobs, boolean mayCreate) {
    if (target instanceof BackupTarget.Volume volume && (!mayCreate || jobs.targetClaim(target).isEmpty())
        && applier.read(new ObjectRef("v1", "PersistentVolumeClaim", spec.namespace(), volume.claim())).isEmpty()) {
      return List.of("there is no PersistentVolumeClaim " + volume.claim() + " in namespace " + spec.namespace()
          + (mayCreate ? "; create it, or give a size to have it created" : ": no backups can be read from it"));
    }
    return List.of();
  }

  /**
   * The rights a backup or restore lacks, checked before it writes anything: the Jobs, their
   * Secrets and the backup volume, and the objects of {@code manifests}; one problem naming each.
   */
  private List<String> accessProblems(DeploymentSpec spec, List<Manifest> manifests) {
    ReleaseRef release = ReleaseRef.of(spec);
    List<String> missing = access.missing(AccessCheck.needed(release, manifests,
        List.of("Job", "Secret", "PersistentVolumeClaim")));
    return missing.isEmpty() ? List.of() : List.of(AccessCheck.reason(release, missing));
  }

  private static void refuse(String operation, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new RefusedException(operation, problems);
    }
  }

  private void emit(String operation, String step) {
    connection.emit(new DeploymentEvent.StepStarted(Instant.now(), operation, step));
  }
}
