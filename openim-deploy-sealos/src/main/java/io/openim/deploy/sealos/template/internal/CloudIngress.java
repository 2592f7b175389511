/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import static io.openim.deploy.sealos.template.internal.Placeholders.APP;
import static io.openim.deploy.sealos.template.internal.Placeholders.HOST;

import io.openim.deploy.sealos.template.TemplateOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Ingress as Sealos Cloud serves it (docs/sealos.md "Conventions every template follows"):
 * class {@code nginx} by the {@code kubernetes.io/ingress.class} annotation (the API server refuses
 * it together with {@code spec.ingressClassName}), nginx proxy annotations, the label {@code
 * cloud.sealos.io/app-deploy-manager-domain}, host {@code <app_host>.<cloud domain>} with the
 * cloud's wildcard certificate; and the final App object, a link to that host.
 */
public final class CloudIngress {
  private static final String NGINX = "nginx.ingress.kubernetes.io/";

  private CloudIngress() {}

  /**
   * Fits {@code ingress} to the cloud, in place, keeping only paths to {@code services}, and takes
   * the paths to {@code chatServices} out into an Ingress of their own, returned (or null when it
   * has none), so chat's can be left out with chat.
   */
  public static @Nullable Map<String, Object> fit(Map<String, Object> ingress, Set<String> services, Set<String> chatServices) {
    Map<String, Object> metadata = Trees.child(ingress, "metadata");
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put("kubernetes.io/ingress.class", "nginx");
    annotations.putAll(Trees.child(metadata, "annotations"));
    boolean regex = "true".equals(annotations.get(NGINX + "use-regex"));
    annotations.putIfAbsent(NGINX + "use-regex", "true");
    annotations.putIfAbsent(NGINX + "rewrite-target", "/$2");
    annotations.putIfAbsent(NGINX + "proxy-body-size", "50m");
    annotations.putIfAbsent(NGINX + "backend-protocol", "HTTP");
    metadata.put("annotations", annotations);
    Map<String, Object> spec = Trees.child(ingress, "spec");
    spec.remove("ingressClassName");
    List<Map<String, Object>> own = new ArrayList<>();
    List<Map<String, Object>> chat = new ArrayList<>();
    for (Map<String, Object> rule : Trees.maps(spec, "rules")) {
      for (Map<String, Object> path : Trees.maps(Trees.at(rule, "http"), "paths")) {
        String service = Objects.requireNonNullElse(Trees.string(Trees.at(path, "backend", "service"), "name"), "");
        if (!regex) {
          // a plain prefix, as core writes for other controllers: strip it as nginx's rewrite does
          path.put("path", path.get("path") + "(/|$)(.*)");
          path.put("pathType", "ImplementationSpecific");
        }
        if (chatServices.contains(service)) {
          chat.add(path);
        } else if (services.contains(service)) {
          own.add(path);
        }
      }
    }
    host(ingress, own);
    if (chat.isEmpty()) {
      return null;
    }
    Map<String, Object> chatIngress = Trees.copy(ingress);
    Trees.child(chatIngress, "metadata").put("name", Trees.name(ingress) + "-chat");
    host(chatIngress, chat);
    return chatIngress;
  }

  private static void host(Map<String, Object> ingress, List<Map<String, Object>> paths) {
    Map<String, Object> labels = Trees.child(Trees.child(ingress, "metadata"), "labels");
    labels.put(Conventions.MANAGER, Trees.name(ingress));
    labels.put("cloud.sealos.io/app-deploy-manager-domain", Placeholders.APP_HOST);
    Map<String, Object> spec = Trees.child(ingress, "spec");
    spec.put("tls", List.of(Trees.map("hosts", List.of(HOST), "secretName", Placeholders.CERT_SECRET)));
    spec.put("rules", List.of(Trees.map("host", HOST, "http", Trees.map("paths", Trees.copy(paths)))));
  }

  /** The App object that puts OpenIM in the user's desktop: a link to its host. */
  public static Map<String, Object> app(TemplateOptions options) {
    return Trees.map("apiVersion", "app.sealos.io/v1", "kind", "App",
        "metadata", Trees.map("name", APP, "labels", Trees.map(Conventions.MANAGER, APP)),
        "spec", Trees.map(
            "data", Trees.map("url", "https://" + HOST),
            "displayType", "normal",
            "icon", options.icon().toString(),
            "name", options.title(),
            "type", "link"));
  }
}
