/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.release.internal;

import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.KubeObject;
import io.openim.deploy.core.engine.KubeResponse;
import io.openim.deploy.core.engine.ResourceType;
import io.openim.deploy.core.engine.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a release's namespace still holds that is not the release's: any PersistentVolumeClaim
 * (a backup volume, another tool's data), another release's inventory, and any workload, Service,
 * ConfigMap or Secret not labelled as this release's member. While it holds any, deleting the
 * namespace would delete them with it. One list call per kind.
 */
final class NamespaceContents {
  /** The kinds looked at; other kinds are made by these (Pods, ReplicaSets) or hold no data. */
  private static final List<ResourceType> KINDS = List.of(
      new ResourceType("v1", "PersistentVolumeClaim"),
      new ResourceType("v1", "ConfigMap"),
      new ResourceType("v1", "Secret"),
      new ResourceType("v1", "Service"),
      new ResourceType("apps/v1", "Deployment"),
      new ResourceType("apps/v1", "StatefulSet"),
      new ResourceType("batch/v1", "Job"));

  /** At most this many are named; the rest are counted. */
  private static final int NAMED = 8;

  private final ClusterConnection connection;

  NamespaceContents(ClusterConnection connection) {
    this.connection = connection;
  }

  /**
   * Why the namespace must stay, or empty when it holds nothing but the release's own objects and
   * what Kubernetes puts in every namespace.
   */
  String reasonToKeep(ReleaseRef release) {
    List<String> left = new ArrayList<>();
    for (ResourceType kind : KINDS) {
      KubeResponse<List<KubeObject>> response = connection.list("list the " + kind.kind() + "s of namespace "
          + release.namespace(), kind, release.namespace(), Selector.all());
      if (!response.success()) {
        return "its " + kind.kind() + "s could not be listed to see what else it holds (" + response + ")";
      }
      for (KubeObject item : response.body().orElseThrow()) {
        String description = foreign(kind.kind(), item, release);
        if (description != null) {
          left.add(description);
        }
      }
    }
    if (left.isEmpty()) {
      return "";
    }
    String named = String.join(", ", left.subList(0, Math.min(NAMED, left.size())));
    return "it still holds " + named + (left.size() > NAMED ? " and " + (left.size() - NAMED) + " more" : "")
        + " (not this release's; delete them first to have the namespace deleted)";
  }

  /** How {@code item} is named in the reason, or null when it does not keep the namespace. */
  private static @Nullable String foreign(String kind, KubeObject item, ReleaseRef release) {
    String name = item.name();
    if (item.has("metadata", "deletionTimestamp")) {
      return null; // already going, as the release's claims just deleted are while a pod still uses them
    }
    if (kind.equals("PersistentVolumeClaim")) {
      return kind + " " + name; // data: whoever's it is, it is never deleted along with a namespace
    }
    if (Teardown.isMember(item, release) || madeByKubernetes(kind, name, item)) {
      return null;
    }
    Map<String, String> labels = item.labels();
    if (kind.equals("ConfigMap") && labels.containsKey("applyset.kubernetes.io/id")) {
      return kind + " " + name + " (release " + labels.getOrDefault("app.kubernetes.io/instance", "unknown") + ")";
    }
    return kind + " " + name;
  }

  /**
   * What Kubernetes puts in every namespace: the root CA ConfigMap (kube-controller-manager's
   * root-ca-cert-publisher, k8s.io/kubernetes@v1.36.3 pkg/controller/certificates/rootcacertpublisher
   * publisher.go) and, on clusters that still make them, the token Secrets of ServiceAccount
   * {@code default}, which carry its name in {@code kubernetes.io/service-account.name}.
   */
  private static boolean madeByKubernetes(String kind, String name, KubeObject item) {
    if (kind.equals("ConfigMap")) {
      return name.equals("kube-root-ca.crt");
    }
    if (!kind.equals("Secret")
        || !item.string("type").orElse("").equals("kubernetes.io/service-account-token")) {
      return false;
    }
    return "default".equals(item.annotations().get("kubernetes.io/service-account.name"));
  }
}
