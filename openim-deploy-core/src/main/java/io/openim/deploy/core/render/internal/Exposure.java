/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Component;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.Ingress;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Ingress: one host, a path per entry point. With ingress-nginx (class {@code nginx}) or
 * Higress (class {@code higress}, the ingress of sealos clusters), the path prefix is stripped by a
 * regex rewrite, as OpenIM's own charts do; other controllers get plain prefixes and a warning,
 * since stripping is controller-specific.
 */
public final class Exposure {
  private static final Set<String> NGINX_REWRITE = Set.of("nginx", "higress");
  private final RenderContext ctx;

  public Exposure(RenderContext ctx) {
    this.ctx = ctx;
  }

  public List<Manifest> render() {
    if (!ctx.inCluster(DependencyKind.MINIO) && ctx.address(DependencyKind.MINIO).endsWith(":443")
        && !ctx.address(DependencyKind.MINIO).startsWith("https://")) {
      ctx.warn("the external MinIO at " + ctx.address(DependencyKind.MINIO) + " is reached over plain HTTP:"
          + " OpenIM reads an address without a scheme as http:// (TLS only for https://); write https://"
          + ctx.address(DependencyKind.MINIO).replaceFirst("^http://", "").replaceFirst(":443$", "") + " for TLS");
    }
    Ingress ingress = ctx.spec().ingress();
    if (ingress == null) {
      if (ctx.inCluster(DependencyKind.MINIO) && ctx.spec().minioExternalAddress() == null) {
        ctx.warn("no ingress and no minioExternalAddress: MinIO's external address is "
            + ctx.minioExternalAddress() + ", which clients outside the cluster cannot reach, so"
            + " file upload and download will fail for them");
      }
      return List.of();
    }
    // Higress reads ingress-nginx's annotations first (alibaba/higress,
    // pkg/ingress/kube/annotations/annotations.go ParseStringASAP), and a rewrite-target turns on
    // regex matching and becomes an RE2 substitution (annotations/rewrite.go), so both get the rewrite.
    boolean nginx = ingress.className() != null && NGINX_REWRITE.contains(ingress.className());
    if (!nginx) {
      ctx.warn("ingress class " + (ingress.className() == null ? "(cluster default)" : ingress.className())
          + " gets plain path prefixes; configure the controller to strip " + Ingress.API_PATH + ", "
          + Ingress.GATEWAY_PATH + ", " + Ingress.CHAT_PATH + ", " + Ingress.ADMIN_PATH + " and "
          + Ingress.MINIO_PATH + " before forwarding, or use class nginx or higress");
    }
    Names names = ctx.names();
    List<Object> paths = new ArrayList<>();
    paths.add(path(nginx, Ingress.API_PATH, names.of(Component.API), "http"));
    paths.add(path(nginx, Ingress.GATEWAY_PATH, names.of(Component.MSG_GATEWAY), "ws"));
    if (ctx.spec().component(Component.CHAT_API).enabled()) {
      paths.add(path(nginx, Ingress.CHAT_PATH, names.of(Component.CHAT_API), "http"));
    }
    if (ctx.spec().component(Component.ADMIN_API).enabled()) {
      paths.add(path(nginx, Ingress.ADMIN_PATH, names.of(Component.ADMIN_API), "http"));
    }
    if (ctx.inCluster(DependencyKind.MINIO)) {
      paths.add(path(nginx, Ingress.MINIO_PATH, names.of(DependencyKind.MINIO), "api"));
    }
    Map<String, Object> annotations = nginx
        ? Tree.map(
            "nginx.ingress.kubernetes.io/use-regex", "true",
            "nginx.ingress.kubernetes.io/rewrite-target", "/$2",
            "nginx.ingress.kubernetes.io/proxy-body-size", "50m",
            "nginx.ingress.kubernetes.io/proxy-read-timeout", "3600",
            "nginx.ingress.kubernetes.io/proxy-send-timeout", "3600")
        : Tree.map();
    Map<String, Object> metadata = names.metadata(ctx.spec().release(), names.labels());
    if (!annotations.isEmpty()) {
      metadata.put("annotations", annotations);
    }
    Map<String, Object> spec = Tree.map(
        "ingressClassName", ingress.className(),
        "tls", ingress.tlsSecret() == null ? null
            : Tree.list(Tree.map("hosts", Tree.list(ingress.host()), "secretName", ingress.tlsSecret())),
        "rules", Tree.list(Tree.map("host", ingress.host(), "http", Tree.map("paths", paths))));
    return List.of(new Manifest(Phase.EXPOSURE, "networking.k8s.io/v1", "Ingress",
        ctx.spec().namespace(), ctx.spec().release(),
        Tree.object("networking.k8s.io/v1", "Ingress", metadata, "spec", spec)));
  }

  private static Map<String, Object> path(boolean nginx, String prefix, String service, String port) {
    return Tree.map(
        "path", nginx ? prefix + "(/|$)(.*)" : prefix,
        "pathType", nginx ? "ImplementationSpecific" : "Prefix",
        "backend", Tree.map("service", Tree.map("name", service, "port", Tree.map("name", port))));
  }
}
