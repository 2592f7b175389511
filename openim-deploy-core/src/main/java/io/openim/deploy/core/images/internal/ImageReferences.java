/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.images.internal;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The image references of a plan's pod templates: found, normalized, and rewritten. */
public final class ImageReferences {
  /** The pod spec keys whose lists hold containers with an {@code image}. */
  private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");

  private ImageReferences() {}

  /**
   * Every distinct image of the plan's containers and init containers, of every kind of object
   * (Deployments, StatefulSets, Jobs, CronJobs, Pods), in plan order.
   */
  public static List<String> of(DeploymentPlan plan) {
    Set<String> images = new LinkedHashSet<>();
    for (Manifest manifest : plan.manifests()) {
      rewrite(manifest.body(), image -> {
        images.add(image);
        return image;
      });
    }
    return List.copyOf(images);
  }

  /**
   * For each distinct image of the plan, in plan order, the pod specs (the maps that hold its
   * {@code containers}) that run it: where it is pulled is decided by their {@code nodeSelector}
   * and {@code tolerations}.
   */
  public static Map<String, List<Map<?, ?>>> podSpecs(DeploymentPlan plan) {
    Map<String, List<Map<?, ?>>> specs = new LinkedHashMap<>();
    for (Manifest manifest : plan.manifests()) {
      collect(manifest.body(), specs);
    }
    return specs;
  }

  private static void collect(Object value, Map<String, List<Map<?, ?>>> specs) {
    if (value instanceof Map<?, ?> map) {
      if (map.get("containers") instanceof List<?>) {
        for (String key : CONTAINER_LISTS) {
          if (map.get(key) instanceof List<?> containers) {
            for (Object container : containers) {
              if (container instanceof Map<?, ?> c && c.get("image") instanceof String image) {
                List<Map<?, ?>> users = specs.computeIfAbsent(image, k -> new ArrayList<>());
                if (!users.contains(map)) {
                  users.add(map);
                }
              }
            }
          }
        }
      }
      map.values().forEach(v -> collect(v, specs));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collect(v, specs));
    }
  }

  /** The plan with every image replaced by {@code replacement.get(image)} where it has one. */
  public static DeploymentPlan replace(DeploymentPlan plan, Map<String, String> replacement) {
    List<Manifest> manifests = new ArrayList<>();
    for (Manifest m : plan.manifests()) {
      Map<String, Object> body = rewrite(m.body(), image -> replacement.getOrDefault(image, image));
      manifests.add(new Manifest(m.phase(), m.apiVersion(), m.kind(), m.namespace(), m.name(), body));
    }
    return new DeploymentPlan(plan.spec(), manifests, plan.warnings(), plan.provider());
  }

  /**
   * The fully qualified form of {@code reference}, as a container runtime reads it: a first part
   * with a dot or a colon, an upper-case letter, or {@code localhost}, is a registry, else the
   * reference is on Docker Hub ({@code docker.io}, also spelled {@code index.docker.io}), whose
   * single-part names live under {@code library/}; no tag means {@code latest}
   * (github.com/distribution/reference@v0.6.0 normalize.go, splitDockerDomain).
   */
  public static String normalize(String reference) {
    String ref = reference.strip();
    int slash = ref.indexOf('/');
    String first = slash < 0 ? "" : ref.substring(0, slash);
    boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
        || !first.toLowerCase(java.util.Locale.ROOT).equals(first));
    String registry = hasRegistry ? first : "docker.io";
    String path = hasRegistry ? ref.substring(slash + 1) : ref;
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = "docker.io";
    }
    if (registry.equals("docker.io") && !path.contains("/")) {
      path = "library/" + path;
    }
    int at = path.indexOf('@');
    String name = at < 0 ? path : path.substring(0, at);
    if (name.lastIndexOf(':') <= name.lastIndexOf('/') && at < 0) {
      path = path + ":latest";
    }
    return registry + "/" + path;
  }

  /** The registry part of a {@link #normalize normalized} reference. */
  public static String registry(String normalized) {
    return normalized.substring(0, normalized.indexOf('/'));
  }

  private static Map<String, Object> rewrite(Map<String, Object> map, UnaryOperator<String> images) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      Object value = entry.getValue();
      if (CONTAINER_LISTS.contains(entry.getKey()) && value instanceof List<?> containers) {
        List<Object> rewritten = new ArrayList<>();
        for (Object container : containers) {
          rewritten.add(container instanceof Map<?, ?> c ? container(c, images) : container);
        }
        copy.put(entry.getKey(), rewritten);
      } else {
        copy.put(entry.getKey(), rewriteValue(value, images));
      }
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object rewriteValue(Object value, UnaryOperator<String> images) {
    if (value instanceof Map<?, ?> nested) {
      return rewrite((Map<String, Object>) nested, images);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (Object item : list) {
        copy.add(rewriteValue(item, images));
      }
      return copy;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> container(Map<?, ?> container, UnaryOperator<String> images) {
    Map<String, Object> copy = rewrite((Map<String, Object>) container, images);
    if (copy.get("image") instanceof String image) {
      copy.put("image", images.apply(image));
    }
    return copy;
  }
}
