/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s.internal;

import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.core.Flavour;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.k3s.K3sOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a spec and its plan to k3s: local-path storage and Traefik unless the spec says otherwise,
 * a Traefik Middleware that strips the entry points' path prefixes, and a LoadBalancer Service
 * for the WebSocket gateway that ServiceLB serves on the nodes.
 */
public final class K3sDefaults {
  private static final String TRAEFIK = "traefik";

  private K3sDefaults() {}

  /** An insertion-ordered map of alternating keys and values: manifests must render the same way every time. */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** k3s's defaults for the engine: {@link #spec} and {@link #plan}. */
  public static Flavour flavour(K3sOptions options) {
    return new Flavour() {
      @Override
      public DeploymentSpec spec(DeploymentSpec spec) {
        return K3sDefaults.spec(spec, options);
      }

      @Override
      public DeploymentPlan plan(DeploymentPlan plan) {
        return K3sDefaults.plan(plan, options);
      }
    };
  }

  /** The spec with k3s's storage class and ingress class where it names none. */
  public static DeploymentSpec spec(DeploymentSpec spec, K3sOptions options) {
    return Flavour.classes(options.storageClass(), options.ingressClass()).spec(spec);
  }

  /** The plan with the gateway's LoadBalancer Service and, for Traefik, the prefix-stripping Middleware. */
  @SuppressWarnings("unchecked")
  public static DeploymentPlan plan(DeploymentPlan plan, K3sOptions options) {
    DeploymentSpec spec = plan.spec();
    List<Manifest> manifests = new ArrayList<>();
    List<String> warnings = new ArrayList<>(plan.warnings());
    String middleware = spec.release() + "-strip-prefixes";
    for (Manifest manifest : plan.manifests()) {
      if (manifest.kind().equals("Ingress") && spec.ingress() != null && TRAEFIK.equals(spec.ingress().className())) {
        Map<String, Object> body = new LinkedHashMap<>(manifest.body());
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
        Map<String, Object> annotations = new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault("annotations", Map.of()));
        annotations.put("traefik.ingress.kubernetes.io/router.middlewares",
            spec.namespace() + "-" + middleware + "@kubernetescrd");
        metadata.put("annotations", annotations);
        body.put("metadata", metadata);
        manifests.add(new Manifest(Phase.EXPOSURE, "traefik.io/v1alpha1", "Middleware", spec.namespace(), middleware,
            ordered("apiVersion", "traefik.io/v1alpha1", "kind", "Middleware",
                "metadata", ordered("name", middleware, "namespace", spec.namespace(),
                    "labels", ordered("app.kubernetes.io/instance", spec.release(), "app.kubernetes.io/part-of", "openim")),
                "spec", ordered("stripPrefix", ordered("prefixes", List.of(Ingress.API_PATH, Ingress.GATEWAY_PATH,
                    Ingress.CHAT_PATH, Ingress.ADMIN_PATH, Ingress.MINIO_PATH))))));
        manifests.add(new Manifest(manifest.phase(), manifest.apiVersion(), manifest.kind(), manifest.namespace(),
            manifest.name(), body));
        warnings.removeIf(w -> w.startsWith("ingress class traefik"));
      } else {
        manifests.add(manifest);
      }
    }
    if (options.gatewayLoadBalancer()) {
      String name = spec.release() + "-msggateway-lb";
      manifests.add(new Manifest(Phase.EXPOSURE, "v1", "Service", spec.namespace(), name, ordered(
          "apiVersion", "v1", "kind", "Service",
          "metadata", ordered("name", name, "namespace", spec.namespace(),
              "labels", ordered("app.kubernetes.io/instance", spec.release(), "app.kubernetes.io/part-of", "openim")),
          "spec", ordered("type", "LoadBalancer",
              "selector", ordered("app.kubernetes.io/name", Component.MSG_GATEWAY.id(),
                  "app.kubernetes.io/instance", spec.release()),
              "ports", List.of(ordered("name", "ws", "port", 10001, "targetPort", "ws", "protocol", "TCP"))))));
      if (spec.networkPolicies()) {
        // ServiceLB forwards clients from outside the cluster, with their own or a node's address
        // (k3s-io/klipper-lb entry start_proxy: DNAT, then MASQUERADE), so the ws port takes any source
        manifests.add(new Manifest(Phase.EXPOSURE, "networking.k8s.io/v1", "NetworkPolicy", spec.namespace(), name,
            ordered("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy",
                "metadata", ordered("name", name, "namespace", spec.namespace(),
                    "labels", ordered("app.kubernetes.io/instance", spec.release(), "app.kubernetes.io/part-of", "openim")),
                "spec", ordered(
                    "podSelector", ordered("matchLabels", ordered("app.kubernetes.io/name", Component.MSG_GATEWAY.id(),
                        "app.kubernetes.io/instance", spec.release())),
                    "policyTypes", List.of("Ingress"),
                    "ingress", List.of(ordered("ports", List.of(ordered("protocol", "TCP", "port", 10001))))))));
      }
    }
    return new DeploymentPlan(spec, manifests, warnings, plan.provider());
  }
}
