/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The namespace, unless it is one of {@link #SYSTEM_NAMESPACES}. OpenIM runs etcd discovery, so it
 * needs no ServiceAccount and no RBAC.
 */
public final class Foundation {
  /**
   * Namespaces every cluster has and that openim-deploy never creates, labels or deletes: the
   * API server's immortal ones (k8s.io/apiserver@v0.36.3 pkg/admission/plugin/namespace/lifecycle
   * admission.go: default, kube-system, kube-public) and kube-node-lease (k8s.io/api@v0.36.3
   * core/v1 types.go NamespaceNodeLease).
   */
  public static final Set<String> SYSTEM_NAMESPACES = Set.of("default", "kube-system", "kube-public",
      "kube-node-lease");

  private final RenderContext ctx;

  public Foundation(RenderContext ctx) {
    this.ctx = ctx;
  }

  public List<Manifest> render() {
    Names names = ctx.names();
    String ns = ctx.spec().namespace();
    List<Manifest> out = new ArrayList<>();
    if (!SYSTEM_NAMESPACES.contains(ns)) {
      out.add(new Manifest(Phase.FOUNDATION, "v1", "Namespace", null, ns,
          Tree.object("v1", "Namespace", Tree.map("name", ns, "labels", names.labels()))));
    }
    return out;
  }
}
