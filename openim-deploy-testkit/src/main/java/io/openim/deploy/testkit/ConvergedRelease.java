/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1ReplicaSet;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.openim.deploy.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Whether a namespace holds what a deploy of some objects should leave once it has converged, as
 * the cluster has it, whichever tool delivered them: each Deployment, StatefulSet and Job of the
 * objects exactly once and nothing more of those kinds, one ReplicaSet per Deployment, as many
 * pods as each ReplicaSet and StatefulSet wants, and each Job succeeded with a single pod (it ran
 * once). For fault tests that re-run an interrupted deploy, and for the benchmark that compares
 * delivery paths on what an interruption leaves behind.
 *
 * <pre>{@code
 * List<String> problems = ConvergedRelease.problems(admin, plan.manifests());
 * assertThat(problems).as("after the re-run").isEmpty();
 * }</pre>
 *
 * @since 0.4
 */
public final class ConvergedRelease {
  private ConvergedRelease() {}

  /**
   * Every way in which the namespace of {@code objects} (all in one namespace) differs from a
   * converged deploy of them, each as one sentence; empty when it has converged.
   *
   * @throws IllegalStateException if the cluster cannot be read
   */
  public static List<String> problems(ApiClient client, List<Manifest> objects) {
    Set<String> namespaces = objects.stream().map(Manifest::namespace).filter(Objects::nonNull)
        .collect(Collectors.toCollection(TreeSet::new));
    if (namespaces.size() != 1) {
      throw new IllegalArgumentException("the objects must share one namespace, but have " + namespaces);
    }
    String ns = namespaces.iterator().next();
    AppsV1Api apps = new AppsV1Api(client);
    List<String> problems = new ArrayList<>();
    try {
      List<V1ReplicaSet> replicaSets = apps.listNamespacedReplicaSet(ns).execute().getItems();
      List<V1StatefulSet> statefulSets = apps.listNamespacedStatefulSet(ns).execute().getItems();
      List<V1Job> jobs = new BatchV1Api(client).listNamespacedJob(ns).execute().getItems();
      Map<String, Long> podsPerOwner = new CoreV1Api(client).listNamespacedPod(ns).execute().getItems().stream()
          .collect(Collectors.groupingBy(p -> owner(meta(p.getMetadata())), Collectors.counting()));
      List<V1ObjectMeta> deployments = apps.listNamespacedDeployment(ns).execute().getItems().stream()
          .map(d -> meta(d.getMetadata())).toList();
      once(problems, objects, "Deployment", deployments);
      once(problems, objects, "StatefulSet", statefulSets.stream().map(set -> meta(set.getMetadata())).toList());
      once(problems, objects, "Job", jobs.stream().map(job -> meta(job.getMetadata())).toList());

      Map<String, Long> replicaSetsPerDeployment = replicaSets.stream()
          .collect(Collectors.groupingBy(rs -> owner(meta(rs.getMetadata())), Collectors.counting()));
      for (V1ObjectMeta deployment : deployments) {
        long count = replicaSetsPerDeployment.getOrDefault(name(deployment), 0L);
        if (count != 1) {
          problems.add("Deployment " + name(deployment) + " has " + count + " ReplicaSets instead of one");
        }
      }
      for (V1ReplicaSet rs : replicaSets) {
        pods(problems, "ReplicaSet " + name(meta(rs.getMetadata())),
            Optional.ofNullable(rs.getSpec()).map(spec -> spec.getReplicas()).orElse(1), podsPerOwner);
      }
      for (V1StatefulSet set : statefulSets) {
        pods(problems, "StatefulSet " + name(meta(set.getMetadata())),
            Optional.ofNullable(set.getSpec()).map(spec -> spec.getReplicas()).orElse(1), podsPerOwner);
      }
      for (V1Job job : jobs) {
        String name = name(meta(job.getMetadata()));
        Integer succeeded = job.getStatus() == null ? null : job.getStatus().getSucceeded();
        if (succeeded == null || succeeded != 1) {
          problems.add("Job " + name + " has " + (succeeded == null ? 0 : succeeded) + " succeeded pods instead of one");
        }
        long ran = podsPerOwner.getOrDefault(name, 0L);
        if (ran != 1) {
          problems.add("Job " + name + " ran " + ran + " pods instead of one");
        }
      }
    } catch (ApiException e) {
      throw new IllegalStateException("cannot read namespace " + ns + ": HTTP " + e.getCode() + " "
          + e.getResponseBody(), e);
    }
    return problems;
  }

  /** Adds a problem for each object of {@code kind} missing from {@code live}, or there but not planned. */
  private static void once(List<String> problems, List<Manifest> objects, String kind, List<V1ObjectMeta> live) {
    Set<String> planned = objects.stream().filter(m -> m.kind().equals(kind)).map(Manifest::name)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> there = live.stream().map(ConvergedRelease::name).collect(Collectors.toCollection(TreeSet::new));
    planned.stream().filter(n -> !there.contains(n)).forEach(n -> problems.add(kind + " " + n + " is missing"));
    there.stream().filter(n -> !planned.contains(n)).forEach(n -> problems.add(kind + " " + n + " is not planned"));
  }

  /** Adds a problem unless the owner {@code id} ({@code Kind name}) has {@code wanted} pods. */
  private static void pods(List<String> problems, String id, int wanted, Map<String, Long> podsPerOwner) {
    long has = podsPerOwner.getOrDefault(id.substring(id.indexOf(' ') + 1), 0L);
    if (has != wanted) {
      problems.add(id + " has " + has + " pods instead of " + wanted);
    }
  }

  private static V1ObjectMeta meta(@Nullable V1ObjectMeta metadata) {
    return Objects.requireNonNull(metadata, "the API server lists objects with their metadata");
  }

  private static String name(V1ObjectMeta metadata) {
    return Objects.requireNonNull(metadata.getName(), "the API server lists objects with their names");
  }

  private static String owner(V1ObjectMeta metadata) {
    return Optional.ofNullable(metadata.getOwnerReferences()).flatMap(o -> o.stream().findFirst()).map(V1OwnerReference::getName)
        .orElse("(none)");
  }
}
