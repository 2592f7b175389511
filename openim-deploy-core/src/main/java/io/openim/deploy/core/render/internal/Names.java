/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Component;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Object names and labels. Every name starts with the release; labels follow the
 * app.kubernetes.io conventions.
 */
public final class Names {
  /** The label every object openim-deploy renders carries. */
  public static final String MANAGED_BY = "openim-deploy";

  private final DeploymentSpec spec;

  public Names(DeploymentSpec spec) {
    this.spec = spec;
  }

  /** {@code <release>-<component key>}: the Deployment and Service of a component. */
  public String of(Component component) {
    return spec.release() + "-" + component.key();
  }

  /** {@code <release>-<component key>-metrics}: the Service a component's ServiceMonitor selects. */
  public String metrics(Component component) {
    return of(component) + "-metrics";
  }

  /** {@code <release>-<dependency>}: the StatefulSet and client Service of a dependency. */
  public String of(DependencyKind kind) {
    return spec.release() + "-" + kind.key();
  }

  /** The headless Service that gives a dependency's pods stable DNS names. */
  public String headless(DependencyKind kind) {
    return of(kind) + "-headless";
  }

  /** The Secret holding every credential. */
  public String credentials() {
    return credentials(spec.release());
  }

  /** The Secret holding every credential of release {@code release}. */
  public static String credentials(String release) {
    return release + "-credentials";
  }

  /** The ConfigMap holding config files that replace the images' own. */
  public String configFiles() {
    return spec.release() + "-config";
  }

  /** Labels of everything a component owns. */
  public Map<String, Object> labels(Component component, String version) {
    Map<String, Object> labels = selector(component.id());
    labels.put("app.kubernetes.io/version", version);
    labels.put("app.kubernetes.io/part-of", component.chat() ? "openim-chat" : "openim-server");
    labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
    return labels;
  }

  /** Labels of everything a dependency owns. */
  public Map<String, Object> labels(DependencyKind kind) {
    Map<String, Object> labels = selector(kind.key());
    labels.put("app.kubernetes.io/part-of", "openim");
    labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
    return labels;
  }

  /** Labels of release-wide objects (Secret, ConfigMap, Ingress, RBAC). */
  public Map<String, Object> labels() {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/instance", spec.release());
    labels.put("app.kubernetes.io/part-of", "openim");
    labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
    return labels;
  }

  /** The selector labels of a component's or dependency's pods. */
  public Map<String, Object> selector(String name) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", name);
    labels.put("app.kubernetes.io/instance", spec.release());
    return labels;
  }

  /** A namespaced object's metadata. */
  public Map<String, Object> metadata(String name, Map<String, Object> labels) {
    return Tree.map("name", name, "namespace", spec.namespace(), "labels", labels);
  }
}
