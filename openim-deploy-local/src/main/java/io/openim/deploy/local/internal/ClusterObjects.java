/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.StorageV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1StorageClass;
import io.kubernetes.client.openapi.models.V1Taint;
import io.openim.deploy.local.LocalClusterException;
import io.openim.deploy.local.NodeCapacity;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the objects a fresh local cluster needs: nodes, namespaces and the StorageClass. */
final class ClusterObjects {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CoreV1Api core;
  private final StorageV1Api storage;
  private final Duration timeout;
  private final AtomicInteger nextNode = new AtomicInteger();

  ClusterObjects(ApiClient admin, Duration timeout) {
    this.core = new CoreV1Api(admin);
    this.storage = new StorageV1Api(admin);
    this.timeout = timeout;
  }

  void installDefaultStorageClass(String name) {
    V1StorageClass storageClass =
        new V1StorageClass()
            .metadata(
                new V1ObjectMeta()
                    .name(name)
                    .putAnnotationsItem("storageclass.kubernetes.io/is-default-class", "true"))
            .provisioner("kwok.x-k8s.io/volume")
            .reclaimPolicy("Delete")
            .volumeBindingMode("Immediate");
    try {
      storage.createStorageClass(storageClass).execute();
    } catch (ApiException e) {
      throw new LocalClusterException(
          "could not create the StorageClass " + name + ": " + e.getResponseBody(), e);
    }
  }

  synchronized List<String> addNodes(int count, NodeCapacity capacity) throws ApiException {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "kwok-node-" + nextNode.getAndIncrement();
      Map<String, Quantity> resources =
          Map.of(
              "cpu", Quantity.fromString(capacity.cpu()),
              "memory", Quantity.fromString(capacity.memory()),
              "pods", Quantity.fromString(Integer.toString(capacity.pods())));
      V1Node node =
          new V1Node()
              .metadata(
                  new V1ObjectMeta()
                      .name(name)
                      .putAnnotationsItem("kwok.x-k8s.io/node", "fake")
                      .putAnnotationsItem("node.alpha.kubernetes.io/ttl", "0")
                      .putLabelsItem("kubernetes.io/hostname", name)
                      .putLabelsItem("kubernetes.io/os", "linux")
                      .putLabelsItem("kubernetes.io/arch", "amd64")
                      .putLabelsItem("type", "kwok"))
              .spec(new V1NodeSpec())
              .status(new V1NodeStatus().capacity(resources).allocatable(resources));
      core.createNode(node).execute();
      names.add(name);
    }
    for (String name : names) {
      awaitSchedulable(name);
    }
    return List.copyOf(names);
  }

  private void awaitSchedulable(String name) throws ApiException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String state = "not seen yet";
    while (System.nanoTime() < deadline) {
      V1Node node = core.readNode(name).execute();
      boolean ready = false;
      List<V1NodeCondition> conditions =
          node.getStatus() == null || node.getStatus().getConditions() == null
              ? List.of()
              : node.getStatus().getConditions();
      for (V1NodeCondition condition : conditions) {
        if ("Ready".equals(condition.getType()) && "True".equals(condition.getStatus())) {
          ready = true;
        }
      }
      List<V1Taint> taints =
          node.getSpec() == null || node.getSpec().getTaints() == null
              ? List.of()
              : node.getSpec().getTaints();
      if (ready && taints.isEmpty()) {
        return;
      }
      state = ready ? "Ready but tainted " + taints : "not Ready";
      ClusterProcesses.sleep(100);
    }
    throw new LocalClusterException(
        "node " + name + " was " + state + " after " + timeout
            + "; see the kwok and kube-controller-manager logs in the cluster's work folder");
  }

  String createNamespace(String prefix) throws ApiException {
    String name = sanitize(prefix) + "-" + suffix();
    core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(name))).execute();
    awaitDefaultServiceAccount(name);
    return name;
  }

  void awaitDefaultServiceAccount(String namespace) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        core.readNamespacedServiceAccount("default", namespace).execute();
        return;
      } catch (ApiException e) {
        if (e.getCode() != 404) {
          throw new LocalClusterException(
              "could not read the default ServiceAccount of " + namespace + ": "
                  + e.getResponseBody(),
              e);
        }
      }
      ClusterProcesses.sleep(100);
    }
    throw new LocalClusterException(
        "namespace " + namespace + " has no default ServiceAccount after " + timeout
            + "; is kube-controller-manager running? See its log in the cluster's work folder");
  }

  /** A DNS label from {@code prefix}: lower case, alphanumerics and dashes, at most 50 chars. */
  static String sanitize(String prefix) {
    String lower = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    String trimmed = lower.replaceAll("^-+", "").replaceAll("-+$", "");
    if (trimmed.length() > 50) {
      trimmed = trimmed.substring(0, 50).replaceAll("-+$", "");
    }
    return trimmed.isEmpty() ? "test" : trimmed;
  }

  private static String suffix() {
    StringBuilder out = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
