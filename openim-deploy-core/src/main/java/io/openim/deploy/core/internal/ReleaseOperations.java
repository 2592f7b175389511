/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.ListOptions;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Monitoring;
import io.openim.deploy.ObjectDiff;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.Phase;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.ComponentStatus;
import io.openim.deploy.Revision;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.Removal;
import io.openim.deploy.core.Topology;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.ResourceType;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.core.engine.RolloutWaiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@link io.openim.deploy.core.Deployer} does, step by step. */
public final class ReleaseOperations implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReleaseOperations.class);

  private final ClusterConnection connection;
  private final Applier applier;
  private final RolloutWaiter waiter;
  private final Inventory inventory;
  private final History history;
  private final Duration objectTimeout;
  private final Duration timeout;
  private final ExecutorService pool;
  private final Topology topology;
  private final Teardown teardown;

  public ReleaseOperations(ClusterConnection connection, boolean force,
      Duration objectTimeout, Duration timeout, int parallelism, Topology topology) {
    this.connection = connection;
    this.applier = new Applier(connection, force);
    this.waiter = new RolloutWaiter(connection);
    this.inventory = new Inventory(applier);
    this.history = new History(connection, applier);
    this.objectTimeout = objectTimeout;
    this.timeout = timeout;
    this.topology = topology;
    this.teardown = new Teardown(connection, applier, inventory, history);
    this.pool = Executors.newFixedThreadPool(parallelism, task -> {
      Thread thread = new Thread(task, "openim-deploy-apply");
      thread.setDaemon(true);
      return thread;
    });
  }

  public ClusterConnection connection() {
    return connection;
  }

  public DeploymentPlan plan(DeploymentSpec spec) {
    Map<String, Secret> live = liveSecret(credentials(spec.namespace(), spec.release()));
    DeploymentSpec.Builder kept = spec.toBuilder();
    for (SecretKey key : spec.secrets().keySet()) {
      Secret existing = live.get(key.secretKey());
      if (existing != null && spec.secret(key).generated()) {
        kept.secret(key, existing);
      }
    }
    Monitoring monitoring = spec.monitoring();
    String chosen = null;
    if (monitoring.enabled() && monitoring.mode() == Monitoring.Mode.AUTO) {
      boolean operator = connection.serves("monitoring.coreos.com/v1", "ServiceMonitor")
          && connection.serves("monitoring.coreos.com/v1", "PrometheusRule");
      kept.monitoring(new Monitoring(true, operator ? Monitoring.Mode.OPERATOR : Monitoring.Mode.ANNOTATIONS,
          monitoring.dashboard()));
      chosen = operator
          ? "monitoring: the cluster serves the Prometheus Operator's CRDs, so ServiceMonitors and a PrometheusRule"
              + " were chosen"
          : "monitoring: the cluster does not serve the Prometheus Operator's CRDs (monitoring.coreos.com/v1),"
              + " so scrape annotations were chosen; OpenIM's alert rules need the operator";
    }
    DeploymentPlan plan = topology.render(live.isEmpty() && chosen == null ? spec : kept.build());
    List<String> warnings = new ArrayList<>(plan.warnings());
    if (chosen != null) {
      warnings.add(chosen);
    }
    return new DeploymentPlan(plan.spec(), teardown.withoutForeignNamespace(ReleaseRef.of(spec), plan.manifests()),
        warnings);
  }

  public DeploymentResult apply(DeploymentPlan plan, String description) {
    return apply(ReleaseRef.of(plan.spec()), plan.spec().version(), plan.manifests(), description);
  }

  private DeploymentResult apply(ReleaseRef release, String version, List<Manifest> planned, String description) {
    Instant start = Instant.now();
    // checked again here: the plan may have been made offline, or before someone made the namespace
    List<Manifest> manifests = teardown.withoutForeignNamespace(release, planned);
    Instant deadline = start.plus(timeout);
    Map<String, String> labels = Inventory.memberLabels(release);
    List<ObjectResult> results = new ArrayList<>();
    try {
      // the namespace (and RBAC) first: the inventory lives in the namespace
      results.addAll(phase(release, Phase.FOUNDATION, manifests, labels, deadline));
      Optional<Inventory.State> before = inventory.read(release);
      List<Inventory.Entry> current = Inventory.entries(manifests);
      List<Inventory.Entry> previous = before.map(Inventory.State::entries).orElse(List.of());
      int revision = before.map(Inventory.State::revision).orElse(0);
      // record intent before touching anything else, so a crash leaves every object tracked
      inventory.write(release, revision, union(previous, current));
      for (Phase phase : Phase.values()) {
        if (phase != Phase.FOUNDATION) {
          results.addAll(phase(release, phase, manifests, labels, deadline));
        }
      }
      results.addAll(prune(release, previous, current));
      boolean changed = results.stream().anyMatch(r -> r.outcome() != Outcome.UNCHANGED) || before.isEmpty()
          || !Set.copyOf(previous).equals(Set.copyOf(current));
      int next = changed ? revision + 1 : revision;
      if (changed) {
        inventory.write(release, next, current);
        history.record(release, next, version, description, manifests);
      }
      DeploymentResult result = new DeploymentResult.Succeeded(next, results, Duration.between(start, Instant.now()));
      LOG.info("{}: revision {} rolled out in {} ms", release, next, result.took().toMillis());
      emit(new DeploymentEvent.Finished(Instant.now(), result));
      return result;
    } catch (RolloutException e) {
      results.add(new ObjectResult(e.object(), Outcome.FAILED, e.getMessage()));
      DeploymentResult result = new DeploymentResult.Failed(e.getMessage(), results, Duration.between(start, Instant.now()));
      LOG.warn("{}: apply failed: {}", release, e.getMessage());
      emit(new DeploymentEvent.Finished(Instant.now(), result));
      return result;
    }
  }

  private List<ObjectResult> phase(
      ReleaseRef release, Phase phase, List<Manifest> manifests, Map<String, String> labels, Instant deadline) {
    List<Manifest> batch = manifests.stream().filter(m -> m.phase() == phase).toList();
    if (batch.isEmpty()) {
      return List.of();
    }
    emit(new DeploymentEvent.PhaseStarted(Instant.now(), phase, batch.size()));
    LOG.info("{}: phase {} ({} objects)", release, phase, batch.size());
    return runPhase(batch, labels, deadline);
  }

  private List<ObjectResult> runPhase(List<Manifest> batch, Map<String, String> labels, Instant deadline) {
    List<Future<ObjectResult>> running = new ArrayList<>();
    for (Manifest manifest : batch) {
      running.add(pool.submit(() -> applyOne(manifest, labels, deadline)));
    }
    List<ObjectResult> results = new ArrayList<>();
    RolloutException first = null;
    for (Future<ObjectResult> future : running) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RolloutException rollout) {
          first = first == null ? rollout : first;
        } else if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        } else {
          throw new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RolloutException("apply", "interrupted");
      }
    }
    if (first != null) {
      throw first;
    }
    return results;
  }

  private ObjectResult applyOne(Manifest manifest, Map<String, String> labels, Instant deadline) {
    if (manifest.kind().equals("Job")) {
      rerunIfFailed(ObjectRef.of(manifest), deadline);
    }
    ObjectResult result = applier.apply(manifest, labels);
    emit(new DeploymentEvent.ObjectApplied(Instant.now(), result.object(), result.outcome()));
    if (RolloutWaiter.waitsFor(manifest.kind())) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new RolloutException(result.object(), "the apply ran out of its overall timeout of " + timeout.toMinutes() + " min");
      }
      // objectTimeout bounds objects without a deadline of their own; a Deployment gets until its
      // progress deadline (the waiter's rule), within the apply's overall deadline
      waiter.await(ObjectRef.of(manifest), left.compareTo(objectTimeout) < 0 ? left : objectTimeout, deadline);
    }
    return result;
  }

  /**
   * A Job that failed on an earlier run (the MongoDB user, the Kafka topics, chat's admin password)
   * stays failed, so applying it again would fail the release again however its cause was fixed.
   * It is deleted first, so this apply runs it anew; a Job that completed is left as it is.
   */
  private void rerunIfFailed(ObjectRef job, Instant deadline) {
    Optional<DynamicKubernetesObject> live = applier.read(job);
    if (live.isEmpty() || !RolloutWaiter.failedJob(live.get())) {
      return;
    }
    String uid = live.get().getMetadata().getUid();
    LOG.info("{} failed on an earlier run: deleting it so it runs again", job.id());
    applier.delete(job);
    while (applier.read(job).filter(j -> uid.equals(j.getMetadata().getUid())).isPresent()) {
      if (Instant.now().isAfter(deadline)) {
        throw new RolloutException(job.id(), "failed on an earlier run and is still being deleted");
      }
      try {
        Thread.sleep(200); // polls the condition "the old Job is gone", bounded by the deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RolloutException(job.id(), "interrupted while the failed Job was deleted");
      }
    }
  }

  /** Deletes what the previous revision had and this one does not, newest phase first. */
  private List<ObjectResult> prune(ReleaseRef release, List<Inventory.Entry> previous, List<Inventory.Entry> current) {
    Set<ObjectRef> keep = new LinkedHashSet<>();
    current.forEach(e -> keep.add(e.ref()));
    List<Inventory.Entry> gone = new ArrayList<>(previous.stream()
        .filter(e -> !keep.contains(e.ref()) && !e.ref().kind().equals("Namespace")).toList());
    gone.sort(Comparator.comparing(Inventory.Entry::phase).reversed());
    return teardown.deleteMembers(release, gone).stream().map(id -> new ObjectResult(id, Outcome.PRUNED, null)).toList();
  }

  private static ObjectRef credentials(String namespace, String release) {
    return new ObjectRef("v1", "Secret", namespace, Names.credentials(release));
  }

  private static List<Inventory.Entry> union(List<Inventory.Entry> a, List<Inventory.Entry> b) {
    Set<Inventory.Entry> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }

  /** The release's Deployments and StatefulSets, found by label, so Helm-made releases show too. */
  public List<ComponentStatus> status(ReleaseRef release) {
    List<ComponentStatus> out = new ArrayList<>();
    ListOptions options = new ListOptions();
    // not managed-by: Helm overwrites that label with its own name on everything it installs
    options.setLabelSelector("app.kubernetes.io/instance=" + release.release()
        + ",app.kubernetes.io/part-of in (openim,openim-server,openim-chat)");
    for (String kind : List.of("Deployment", "StatefulSet")) {
      ResourceType any = new ResourceType("apps/v1", kind);
      KubernetesApiResponse<DynamicKubernetesListObject> response = connection.request(
          "list the " + kind + "s of " + release, () -> connection.api(any).list(release.namespace(), options));
      if (!response.isSuccess()) {
        continue;
      }
      for (DynamicKubernetesObject item : response.getObject().getItems()) {
        JsonObject raw = item.getRaw();
        JsonObject spec = raw.getAsJsonObject("spec");
        JsonObject status = raw.has("status") ? raw.getAsJsonObject("status") : new JsonObject();
        JsonElement ready = status.get("readyReplicas");
        JsonElement wanted = spec.get("replicas");
        JsonObject metadata = raw.getAsJsonObject("metadata");
        out.add(new ComponentStatus(metadata.get("name").getAsString(), kind, ready == null ? 0 : ready.getAsInt(),
            wanted == null ? 1 : wanted.getAsInt(), Instant.parse(metadata.get("creationTimestamp").getAsString())));
      }
    }
    out.sort(Comparator.comparing(ComponentStatus::name));
    return out;
  }

  public List<ObjectDiff> diff(DeploymentPlan plan) {
    return new Differ(applier, inventory).diff(plan);
  }

  public List<Revision> history(ReleaseRef release) {
    return history.list(release);
  }

  public DeploymentResult rollback(ReleaseRef release, int revision) {
    ObjectRef credentials = credentials(release.namespace(), release.release());
    Map<String, Secret> live = liveSecret(credentials);
    Map<String, Map<String, Secret>> secrets = live.isEmpty() ? Map.of() : Map.of(credentials.name(), live);
    List<Manifest> manifests = history.manifests(release, revision, secrets);
    String version = history.list(release).stream().filter(r -> r.number() == revision)
        .map(Revision::version).findFirst().orElse("unknown");
    return apply(release, version, manifests, "rollback to " + revision);
  }

  public Removal destroy(ReleaseRef release, boolean deleteData) {
    return teardown.destroy(release, deleteData);
  }

  /**
   * The values of a live Secret; empty if it does not exist. Any other failure to read it is an
   * error: planning on without it would generate new passwords and rotate the release's.
   */
  private Map<String, Secret> liveSecret(ObjectRef ref) {
    Optional<DynamicKubernetesObject> live;
    try {
      live = applier.read(ref);
    } catch (RolloutException e) {
      throw new DeploymentException("cannot read " + ref.id() + " to keep the release's passwords ("
          + e.getMessage() + "); the identity needs get on that Secret", e);
    }
    Map<String, Secret> values = new LinkedHashMap<>();
    live.ifPresent(secret -> {
      JsonObject data = secret.getRaw().getAsJsonObject("data");
      if (data != null) {
        data.entrySet().forEach(e -> {
          String value = new String(Base64.getDecoder().decode(e.getValue().getAsString()), StandardCharsets.UTF_8);
          if (!value.isEmpty()) {
            values.put(e.getKey(), Secret.of(value));
          }
        });
      }
    });
    return values;
  }

  private void emit(DeploymentEvent event) {
    connection.emit(event);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
