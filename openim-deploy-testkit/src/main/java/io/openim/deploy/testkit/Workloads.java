/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.openim.deploy.Component;
import io.openim.deploy.ComponentSpec;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Deployments and StatefulSets of a test namespace, read from the cluster rather than from
 * the provider under test, which the lifecycle contracts compare the provider's answers with.
 */
final class Workloads {
  private static final Duration POLL = Duration.ofMillis(250);

  private Workloads() {}

  /**
   * One workload as the cluster has it.
   *
   * @param id {@code Kind/namespace/name}
   * @param desired {@code spec.replicas}
   * @param ready {@code status.readyReplicas}
   * @param deleting whether its deletion has begun
   */
  record Workload(String id, int desired, int ready, boolean deleting) {}

  /**
   * A change of one component's replica count, and the workload it shows on.
   *
   * @param spec the spec with the new count
   * @param workload the id of the Deployment or StatefulSet whose {@code spec.replicas} it changes
   * @param before the count in the original plan
   * @param after the count in the scaled spec's plan
   */
  record Scaling(DeploymentSpec spec, String workload, int before, int after) {}

  /** Every Deployment and StatefulSet in {@code namespace}, by id. */
  static List<Workload> list(ApiClient client, String namespace) {
    AppsV1Api apps = new AppsV1Api(client);
    List<Workload> out = new ArrayList<>();
    try {
      apps.listNamespacedDeployment(namespace).execute().getItems().forEach(d -> out.add(workload("Deployment",
          d.getMetadata(), d.getSpec() == null ? null : d.getSpec().getReplicas(),
          d.getStatus() == null ? null : d.getStatus().getReadyReplicas())));
      apps.listNamespacedStatefulSet(namespace).execute().getItems().forEach(s -> out.add(workload("StatefulSet",
          s.getMetadata(), s.getSpec() == null ? null : s.getSpec().getReplicas(),
          s.getStatus() == null ? null : s.getStatus().getReadyReplicas())));
    } catch (ApiException e) {
      throw new IllegalStateException("cannot list the workloads of " + namespace + ": " + e.getResponseBody(), e);
    }
    return out;
  }

  private static Workload workload(String kind, @Nullable V1ObjectMeta given, @Nullable Integer desired,
      @Nullable Integer ready) {
    V1ObjectMeta metadata = Objects.requireNonNull(given, "the API server lists objects with their metadata");
    return new Workload(kind + "/" + metadata.getNamespace() + "/" + metadata.getName(),
        desired == null ? 1 : desired, ready == null ? 0 : ready, metadata.getDeletionTimestamp() != null);
  }

  /** The ids of every Deployment and StatefulSet in {@code namespace}. */
  static List<String> ids(ApiClient client, String namespace) {
    return list(client, namespace).stream().map(Workload::id).toList();
  }

  /** {@code spec.replicas} of workload {@code id}, which must exist. */
  static int replicas(ApiClient client, String id) {
    String namespace = id.split("/")[1];
    return list(client, namespace).stream().filter(w -> w.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError(id + " does not exist")).desired();
  }

  /** The ids of the Deployments and StatefulSets {@code plan} has. */
  static List<String> planned(DeploymentPlan plan) {
    return plan.manifests().stream().filter(m -> m.kind().equals("Deployment") || m.kind().equals("StatefulSet"))
        .map(Manifest::id).toList();
  }

  /**
   * Waits until {@code namespace} has none of {@code ids}; returns those still there after {@code
   * timeout}, which is empty when all went.
   */
  static List<String> awaitGone(ApiClient client, String namespace, List<String> ids, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      List<String> left = ids(client, namespace).stream().filter(ids::contains).toList();
      if (left.isEmpty() || Instant.now().isAfter(deadline)) {
        return left;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return left;
      }
    }
  }

  /**
   * {@code spec} with one more replica of its first enabled component that is neither autoscaled
   * nor bound to one replica, and the workload of {@code plan} (made from {@code spec}) whose
   * count that changes in the plan {@code replan} makes of it.
   */
  static Scaling scale(DeploymentSpec spec, DeploymentPlan plan, Function<DeploymentSpec, DeploymentPlan> replan) {
    Component component = spec.enabledComponents().stream()
        .filter(c -> c != Component.CRONTASK && spec.component(c).autoscaling() == null).findFirst()
        .orElseThrow(() -> new AssertionError("the spec has no component whose replicas can be changed: "
            + spec.enabledComponents()));
    ComponentSpec current = spec.component(component);
    DeploymentSpec scaled = spec.toBuilder().replicas(component, current.replicas() + 1).build();
    DeploymentPlan after = replan.apply(scaled);
    List<Scaling> changed = new ArrayList<>();
    for (Manifest manifest : after.manifests()) {
      Optional<Manifest> old = plan.find(manifest.kind(), manifest.name());
      @Nullable Integer now = replicas(manifest);
      if (now != null && old.isPresent() && !Objects.equals(replicas(old.get()), now)) {
        @Nullable Integer was = replicas(old.get());
        changed.add(new Scaling(scaled, manifest.id(), was == null ? 1 : was, now));
      }
    }
    if (changed.size() != 1) {
      throw new AssertionError("one more replica of " + component.id() + " should change the replicas of one"
          + " workload of the plan, but changed " + changed);
    }
    return changed.get(0);
  }

  private static @Nullable Integer replicas(Manifest manifest) {
    if (!(manifest.kind().equals("Deployment") || manifest.kind().equals("StatefulSet"))) {
      return null;
    }
    Object spec = manifest.body().get("spec");
    Object replicas = spec instanceof Map<?, ?> map ? map.get("replicas") : null;
    return replicas instanceof Number n ? n.intValue() : null;
  }
}
