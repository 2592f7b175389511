/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.chart;

import io.openim.deploy.Component;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.Manifest;
import io.openim.deploy.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns the spec's knobs inside rendered manifests into chart values. Each knob's value moves into
 * the values tree, and its place in the manifest gets a marker ({@code <prefix>I:path@@} for whole
 * numbers, {@code <prefix>S:path@@} for strings, {@code <prefix>N:@@} for the namespace) that
 * {@link Templates} turns into a template expression. Credentials become markers for a helper
 * that takes them from values, from the live Secret, or generates them.
 *
 * <p>The prefix ({@code @@m0:}, {@code @@m1:}, ...) is chosen per manifest so that no string of
 * the manifest contains it: a spec string that looks like a marker stays a string.
 */
final class Knobs {
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final boolean includeSecrets;
  private String prefix = "@@m0:";

  /**
   * A manifest body with markers, and the marker prefix no string of the manifest contains.
   *
   * @param body the body, knobs replaced by markers
   * @param prefix what every marker starts with
   */
  public record Templated(Map<String, Object> body, String prefix) {}

  public Knobs(boolean includeSecrets) {
    this.includeSecrets = includeSecrets;
  }

  /** The values collected so far, in the order first seen. */
  public Map<String, Object> values() {
    return values;
  }

  /** A copy of {@code manifest}'s body with knobs replaced by markers. */
  @SuppressWarnings("unchecked")
  public Templated template(Manifest manifest) {
    List<String> strings = new ArrayList<>();
    strings(manifest.body(), strings);
    int n = 0;
    while (containsAny(strings, "@@m" + n + ":")) {
      n++;
    }
    prefix = "@@m" + n + ":";
    Map<String, Object> body = (Map<String, Object>) deepCopy(manifest.body());
    Map<String, Object> metadata = map(body, "metadata");
    if (metadata.containsKey("namespace")) {
      metadata.put("namespace", prefix + "N:@@");
    }
    Map<String, Object> labels = (Map<String, Object>) metadata.getOrDefault("labels", Map.of());
    String name = String.valueOf(labels.get("app.kubernetes.io/name"));
    switch (manifest.kind()) {
      case "Deployment" -> component(name).ifPresent(c -> deployment(body, c));
      case "StatefulSet" -> dependency(name).ifPresent(d -> statefulSet(body, d));
      case "Ingress" -> ingress(body);
      case "Secret" -> secret(body);
      default -> { }
    }
    return new Templated(body, prefix);
  }

  /** Every string of {@code value}, map keys included. */
  private static void strings(@Nullable Object value, List<String> out) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        strings(k, out);
        strings(v, out);
      });
    } else if (value instanceof List<?> list) {
      list.forEach(v -> strings(v, out));
    } else if (value instanceof String text) {
      out.add(text);
    }
  }

  private static boolean containsAny(List<String> strings, String part) {
    return strings.stream().anyMatch(s -> s.contains(part));
  }

  @SuppressWarnings("unchecked")
  private void deployment(Map<String, Object> body, Component component) {
    String key = component.key();
    Map<String, Object> spec = map(body, "spec");
    if (spec.containsKey("replicas")) {
      spec.put("replicas", knob("I", spec.get("replicas"), "components", key, "replicas"));
    }
    Map<String, Object> container = firstContainer(spec);
    container.put("image", knob("S", container.get("image"), "images", component.chat() ? "chat" : "server"));
    resources(container, "components", key);
  }

  @SuppressWarnings("unchecked")
  private void statefulSet(Map<String, Object> body, DependencyKind kind) {
    Map<String, Object> spec = map(body, "spec");
    Map<String, Object> container = firstContainer(spec);
    container.put("image", knob("S", container.get("image"), "images", kind.key()));
    resources(container, "dependencies", kind.key());
    List<Object> claims = list(spec, "volumeClaimTemplates");
    Map<String, Object> claim = (Map<String, Object>) claims.get(0);
    Map<String, Object> requests = map(map(map(claim, "spec"), "resources"), "requests");
    requests.put("storage", knob("S", requests.get("storage"), "dependencies", kind.key(), "storageSize"));
  }

  @SuppressWarnings("unchecked")
  private void resources(Map<String, Object> container, String group, String key) {
    Map<String, Object> resources = map(container, "resources");
    for (String bound : List.of("requests", "limits")) {
      Map<String, Object> amounts = (Map<String, Object>) resources.get(bound);
      if (amounts == null) {
        continue;
      }
      for (String resource : List.of("cpu", "memory")) {
        if (amounts.containsKey(resource)) {
          String field = resource + (bound.equals("requests") ? "Request" : "Limit");
          amounts.put(resource, knob("S", amounts.get(resource), group, key, "resources", field));
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void ingress(Map<String, Object> body) {
    Map<String, Object> spec = map(body, "spec");
    for (Object rule : list(spec, "rules")) {
      Map<String, Object> r = (Map<String, Object>) rule;
      r.put("host", knob("S", r.get("host"), "ingress", "host"));
    }
    if (spec.get("tls") instanceof List<?> tls) {
      for (Object entry : tls) {
        Map<String, Object> t = (Map<String, Object>) entry;
        List<Object> hosts = new ArrayList<>();
        for (Object host : list(t, "hosts")) {
          hosts.add(knob("S", host, "ingress", "host"));
        }
        t.put("hosts", hosts);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void secret(Map<String, Object> body) {
    Map<String, Object> data = map(body, "stringData");
    Map<String, Object> credentials = (Map<String, Object>) values.computeIfAbsent("credentials", k -> new LinkedHashMap<>());
    for (Map.Entry<String, Object> entry : data.entrySet()) {
      if (includeSecrets && entry.getValue() instanceof Secret secret) {
        credentials.put(entry.getKey(), secret.reveal());
      }
      entry.setValue(prefix + "C:" + entry.getKey() + "@@");
    }
  }

  /** Records {@code value} at {@code path} in the values and returns the marker for its place. */
  @SuppressWarnings("unchecked")
  private String knob(String type, @Nullable Object value, String... path) {
    Map<String, Object> node = values;
    for (int i = 0; i < path.length - 1; i++) {
      node = (Map<String, Object>) node.computeIfAbsent(path[i], k -> new LinkedHashMap<>());
    }
    node.put(path[path.length - 1], value);
    return prefix + type + ":" + String.join("/", path) + "@@";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstContainer(Map<String, Object> spec) {
    Map<String, Object> pod = map(map(spec, "template"), "spec");
    return (Map<String, Object>) list(pod, "containers").get(0);
  }

  /** The object at {@code key} of an object the topology rendered, which always has it. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> map, String key) {
    return (Map<String, Object>) Objects.requireNonNull(map.get(key), () -> "a rendered object has no " + key);
  }

  /** The list at {@code key} of an object the topology rendered, which always has it. */
  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> map, String key) {
    return (List<Object>) Objects.requireNonNull(map.get(key), () -> "a rendered object has no " + key);
  }

  private static Optional<Component> component(String id) {
    return Component.byKey(id);
  }

  private static Optional<DependencyKind> dependency(String key) {
    for (DependencyKind kind : DependencyKind.values()) {
      if (kind.key().equals(key)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return value;
  }
}
