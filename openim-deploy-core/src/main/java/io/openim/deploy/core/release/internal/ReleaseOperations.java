/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.release.internal;

import io.openim.deploy.core.render.internal.Names;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Monitoring;
import io.openim.deploy.ObjectDiff;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.ComponentStatus;
import io.openim.deploy.Revision;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.Removal;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.KubeObject;
import io.openim.deploy.core.engine.KubeResponse;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.ResourceType;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.core.engine.Rollout;
import io.openim.deploy.core.engine.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@link io.openim.deploy.core.KubernetesDeployer} does, step by step. */
public final class ReleaseOperations implements AutoCloseable {
  private final ClusterConnection connection;
  private final DeploymentListener listener;
  private final Applier applier;
  private final Inventory inventory;
  private final History history;
  private final Topology topology;
  private final Teardown teardown;
  private final Rollout rollout;
  private final AccessCheck access;

  /** Operations on {@code connection}, whose listener gets every operation's progress. */
  public ReleaseOperations(ClusterConnection connection, DeploymentListener listener, boolean force,
      Duration objectTimeout, Duration timeout, int parallelism, Topology topology) {
    this.connection = connection;
    this.listener = listener;
    this.applier = new Applier(connection, force);
    this.inventory = new Inventory(applier);
    this.history = new History(connection, applier);
    this.topology = topology;
    this.teardown = new Teardown(connection, applier, inventory, history);
    this.rollout = new Rollout(connection, objectTimeout, timeout, parallelism);
    this.access = new AccessCheck(connection);
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
    // checked again here: the plan may have been made offline, or before someone made the namespace
    List<Manifest> manifests = teardown.withoutForeignNamespace(release, planned);
    List<String> missing = access.missing(AccessCheck.needed(release, manifests, prunedKinds(release)));
    if (!missing.isEmpty()) {
      return new DeploymentResult.Failed(AccessCheck.refusal(description, release, missing), List.of(), Duration.ZERO);
    }
    return rollout.run(release,
        new ServerSideDelivery(release, version, description, manifests, applier, inventory, history, teardown),
        listener);
  }

  /** The kinds the release's inventory holds, which an apply may prune; none when it cannot be read. */
  private List<String> prunedKinds(ReleaseRef release) {
    try {
      return inventory.read(release).map(state -> state.entries().stream().map(e -> e.ref().kind()).distinct()
          .toList()).orElse(List.of());
    } catch (RolloutException e) {
      return List.of(); // not allowed to read it: the ConfigMaps' rights are checked anyway
    }
  }

  private static ObjectRef credentials(String namespace, String release) {
    return new ObjectRef("v1", "Secret", namespace, Names.credentials(release));
  }

  /** The release's Deployments and StatefulSets, found by label, so Helm-made releases show too. */
  public List<ComponentStatus> status(ReleaseRef release) {
    List<ComponentStatus> out = new ArrayList<>();
    // not managed-by: Helm overwrites that label with its own name on everything it installs
    Selector members = Selector.ofLabels("app.kubernetes.io/instance=" + release.release()
        + ",app.kubernetes.io/part-of in (openim,openim-server,openim-chat)");
    for (String kind : List.of("Deployment", "StatefulSet")) {
      KubeResponse<List<KubeObject>> response = connection.list("list the " + kind + "s of " + release,
          new ResourceType("apps/v1", kind), release.namespace(), members);
      if (!response.success() && !response.notFound()) {
        throw new DeploymentException("could not list the " + kind + "s of " + release + ": " + response);
      }
      for (KubeObject item : response.body().orElse(List.of())) {
        out.add(new ComponentStatus(item.name(), kind, (int) item.integer("status", "readyReplicas").orElse(0),
            (int) item.integer("spec", "replicas").orElse(1),
            Instant.parse(item.string("metadata", "creationTimestamp").orElseThrow())));
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
    Optional<KubeObject> live;
    try {
      live = applier.read(ref);
    } catch (RolloutException e) {
      throw new DeploymentException("cannot read " + ref.id() + " to keep the release's passwords ("
          + e.getMessage() + "); the identity needs get on that Secret", e);
    }
    Map<String, Secret> values = new LinkedHashMap<>();
    live.ifPresent(secret -> secret.strings("data").forEach((key, encoded) -> {
      String value = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      if (!value.isEmpty()) {
        values.put(key, Secret.of(value));
      }
    }));
    return values;
  }

  @Override
  public void close() {
    rollout.close();
  }
}
