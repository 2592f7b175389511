/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.internal;

import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import java.util.ArrayList;
import java.util.List;

/** The namespace. OpenIM runs etcd discovery, so it needs no ServiceAccount and no RBAC. */
public final class Foundation {
  private final RenderContext ctx;

  public Foundation(RenderContext ctx) {
    this.ctx = ctx;
  }

  public List<Manifest> render() {
    Names names = ctx.names();
    String ns = ctx.spec().namespace();
    List<Manifest> out = new ArrayList<>();
    out.add(new Manifest(Phase.FOUNDATION, "v1", "Namespace", null, ns,
        Tree.object("v1", "Namespace", Tree.map("name", ns, "labels", names.labels()))));
    return out;
  }
}
