/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The conventions every App Store template follows (docs/sealos.md "Conventions every template
 * follows"), so Sealos's app launchpad manages OpenIM's workloads as its own: on each Deployment and
 * StatefulSet the labels {@code app} and {@code cloud.sealos.io/app-deploy-manager} equal to its
 * name, the container named like it, the annotations {@code originImageName}, {@code
 * deploy.cloud.sealos.io/minReplicas} and {@code maxReplicas}; a Service labelled with the workload
 * it serves; requests and limits on every container; config files in ConfigMaps under
 * {@code vn-}-encoded keys.
 */
public final class Conventions {
  /** The label naming the workload an object belongs to in Sealos's app launchpad. */
  public static final String MANAGER = "cloud.sealos.io/app-deploy-manager";

  // typical template resources: limits 500m / 512Mi, requests 50m / 51Mi (docs/sealos.md)
  private static final String CPU_LIMIT = "500m";
  private static final String MEMORY_LIMIT = "512Mi";
  private static final String CPU_REQUEST = "50m";
  private static final String MEMORY_REQUEST = "51Mi";
  private static final Pattern QUANTITY = Pattern.compile("([0-9.]+)(m|k|Ki|M|Mi|G|Gi|T|Ti)?");

  private Conventions() {}

  /** Applies the conventions to every object of {@code objects}, in place. */
  public static void apply(List<Map<String, Object>> objects) {
    Map<String, Map<String, Object>> autoscalers = new LinkedHashMap<>();
    objects.stream().filter(o -> Trees.kind(o).equals("HorizontalPodAutoscaler"))
        .forEach(h -> autoscalers.put(Objects.requireNonNullElse(
            Trees.string(Trees.at(h, "spec", "scaleTargetRef"), "name"), ""), h));
    for (Map<String, Object> object : objects) {
      switch (Trees.kind(object)) {
        case "Deployment", "StatefulSet" -> workload(object, autoscalers.get(Trees.name(object)));
        case "Service" -> service(object, objects);
        case "ConfigMap" -> encodeKeys(object, objects);
        default -> { }
      }
      Trees.containers(object).forEach(Conventions::resources);
    }
  }

  private static void workload(Map<String, Object> workload, @Nullable Map<String, Object> autoscaler) {
    String name = Trees.name(workload);
    Map<String, Object> metadata = Trees.child(workload, "metadata");
    Map<String, Object> labels = Trees.child(metadata, "labels");
    labels.put("app", name);
    labels.put(MANAGER, name);
    Map<String, Object> podLabels = Trees.child(Trees.child(Trees.child(workload, "spec"), "template"), "metadata");
    Trees.child(podLabels, "labels").put("app", name);
    List<Map<String, Object>> containers = Trees.maps(Trees.podSpec(workload), "containers");
    if (containers.size() == 1) {
      containers.get(0).put("name", name);
    }
    Map<String, Object> annotations = Trees.child(metadata, "annotations");
    if (!containers.isEmpty()) {
      annotations.put("originImageName", Objects.requireNonNullElse(Trees.string(containers.get(0), "image"), ""));
    }
    Map<String, Object> spec = Trees.child(workload, "spec");
    Object min = autoscaler != null ? Trees.child(autoscaler, "spec").get("minReplicas") : spec.get("replicas");
    Object max = autoscaler != null ? Trees.child(autoscaler, "spec").get("maxReplicas") : spec.get("replicas");
    annotations.put("deploy.cloud.sealos.io/minReplicas", String.valueOf(min == null ? 1 : min));
    annotations.put("deploy.cloud.sealos.io/maxReplicas", String.valueOf(max == null ? 1 : max));
  }

  /** Labels a Service with the workload whose pods it selects. */
  private static void service(Map<String, Object> service, List<Map<String, Object>> objects) {
    Map<String, Object> selector = Trees.at(service, "spec", "selector");
    if (selector == null) {
      return;
    }
    for (Map<String, Object> o : objects) {
      String kind = Trees.kind(o);
      Map<String, Object> matched = Trees.at(o, "spec", "selector", "matchLabels");
      if ((kind.equals("Deployment") || kind.equals("StatefulSet")) && selector.equals(matched)) {
        Trees.child(Trees.child(service, "metadata"), "labels").put(MANAGER, Trees.name(o));
        return;
      }
    }
  }

  /** Requests and limits on {@code container}: a limit below its request is raised to the request. */
  private static void resources(Map<String, Object> container) {
    Map<String, Object> resources = Trees.child(container, "resources");
    Map<String, Object> requests = Trees.child(resources, "requests");
    requests.putIfAbsent("cpu", CPU_REQUEST);
    requests.putIfAbsent("memory", MEMORY_REQUEST);
    Map<String, Object> limits = Trees.child(resources, "limits");
    limits.putIfAbsent("cpu", atLeast(CPU_LIMIT, String.valueOf(requests.get("cpu"))));
    limits.putIfAbsent("memory", atLeast(MEMORY_LIMIT, String.valueOf(requests.get("memory"))));
  }

  /** {@code quantity}, or {@code floor} when that is larger (or either is unreadable). */
  static String atLeast(String quantity, String floor) {
    BigDecimal a = amount(quantity);
    BigDecimal b = amount(floor);
    return a != null && b != null && a.compareTo(b) >= 0 ? quantity : floor;
  }

  private static @Nullable BigDecimal amount(String quantity) {
    Matcher m = QUANTITY.matcher(quantity);
    if (!m.matches()) {
      return null;
    }
    BigDecimal number;
    try {
      number = new BigDecimal(m.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
    String unit = m.group(2) == null ? "" : m.group(2);
    long factor = switch (unit) {
      case "m" -> 1;
      case "" -> 1000; // cores as millicores; bytes compared among themselves the same way
      case "k" -> 1000L * 1000;
      case "Ki" -> 1024L * 1000;
      case "M" -> 1000L * 1000 * 1000;
      case "Mi" -> 1024L * 1024 * 1000;
      case "G" -> 1000L * 1000 * 1000 * 1000;
      case "Gi" -> 1024L * 1024 * 1024 * 1000;
      case "T" -> 1000L * 1000 * 1000 * 1000 * 1000;
      default -> 1024L * 1024 * 1024 * 1024 * 1000;
    };
    return number.multiply(BigDecimal.valueOf(factor));
  }

  /**
   * Moves the files of a ConfigMap that pods mount by {@code subPath} under the key Sealos derives
   * from the mount path: each {@code /} and {@code .} becomes {@code vn-} ({@code /app/config.json}
   * is {@code vn-appvn-configvn-json}), and the mounts' subPath follows.
   */
  private static void encodeKeys(Map<String, Object> configMap, List<Map<String, Object>> objects) {
    Map<String, Object> data = Trees.at(configMap, "data");
    if (data == null) {
      return;
    }
    Map<String, Object> moved = new LinkedHashMap<>();
    Set<String> replaced = new HashSet<>();
    for (Map<String, Object> o : objects) {
      Set<String> volumes = new HashSet<>();
      for (Map<String, Object> volume : Trees.maps(Trees.podSpec(o), "volumes")) {
        Map<String, Object> source = Trees.at(volume, "configMap");
        if (source != null && Trees.name(configMap).equals(source.get("name")) && !source.containsKey("items")) {
          volumes.add(String.valueOf(volume.get("name")));
        }
      }
      for (Map<String, Object> container : Trees.containers(o)) {
        for (Map<String, Object> mount : Trees.maps(container, "volumeMounts")) {
          String key = Trees.string(mount, "subPath");
          String path = Trees.string(mount, "mountPath");
          if (volumes.contains(String.valueOf(mount.get("name"))) && key != null && path != null
              && data.containsKey(key)) {
            String encoded = path.replace("/", "vn-").replace(".", "vn-");
            moved.put(encoded, data.get(key));
            replaced.add(key);
            mount.put("subPath", encoded);
          }
        }
      }
    }
    data.keySet().removeAll(replaced);
    data.putAll(moved);
  }
}
