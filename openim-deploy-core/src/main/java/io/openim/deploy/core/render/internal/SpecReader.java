/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Autoscaling;
import io.openim.deploy.Component;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Discovery;
import io.openim.deploy.Images;
import io.openim.deploy.Ingress;
import io.openim.deploy.Monitoring;
import io.openim.deploy.Placement;
import io.openim.deploy.Profile;
import io.openim.deploy.Resources;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.Toleration;
import io.openim.deploy.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Maps a parsed spec file onto a builder, collecting every problem with its path; the typed reads
 * of single fields are {@link SpecFields}.
 */
public final class SpecReader {
  private static final Set<String> TOP = Set.of("release", "namespace", "version", "profile",
      "discovery", "chat", "kafkaPartitions", "logLevel", "storageClass", "minioExternalAddress",
      "images", "ingress", "components", "dependencies", "secrets", "configFiles", "monitoring",
      "networkPolicies");
  private static final Set<String> COMPONENT = Set.of("replicas", "resources", "env", "nodeSelector",
      "tolerations", "autoscaling");
  private static final Set<String> RESOURCES = Set.of("cpuRequest", "memoryRequest", "cpuLimit", "memoryLimit");

  private final SpecFields fields;
  private final Function<String, String> environment;
  private final Path base;

  public SpecReader(List<Violation> violations, Function<String, String> environment, Path base) {
    this.fields = new SpecFields(violations);
    this.environment = environment;
    this.base = base;
  }

  public DeploymentSpec.Builder read(Map<?, ?> root) {
    fields.keys("", root, TOP);
    String release = fields.text(root, "release", "");
    DeploymentSpec.Builder b = DeploymentSpec.builder(release == null ? "openim" : release);
    fields.ifText(root, "namespace", "", b::namespace);
    fields.ifText(root, "version", "", b::version);
    fields.ifText(root, "storageClass", "", b::storageClass);
    fields.ifText(root, "minioExternalAddress", "", b::minioExternalAddress);
    String profile = fields.text(root, "profile", "");
    if (profile != null) {
      fields.choice("profile", profile, Profile.values()).ifPresent(p -> b.profile((Profile) p));
    }
    String discovery = fields.text(root, "discovery", "");
    if (discovery != null) {
      fields.choice("discovery", discovery, Discovery.values()).ifPresent(d -> b.discovery((Discovery) d));
    }
    Object chat = root.get("chat");
    if (chat != null) {
      if (chat instanceof Boolean enabled) {
        b.chat(enabled);
      } else {
        fields.add("chat", "must be true or false");
      }
    }
    Boolean policies = fields.bool(root, "networkPolicies", "");
    if (policies != null) {
      b.networkPolicies(policies);
    }
    Integer partitions = fields.integer(root, "kafkaPartitions", "");
    if (partitions != null) {
      b.kafkaPartitions(partitions);
    }
    Integer level = fields.integer(root, "logLevel", "");
    if (level != null) {
      b.logLevel(level);
    }
    Map<?, ?> images = fields.map(root, "images", "");
    if (images != null) {
      fields.keys("images.", images, Set.of("registryMirror", "pullSecrets"));
      b.images(new Images(fields.text(images, "registryMirror", "images."),
          fields.strings(images, "pullSecrets", "images.")));
    }
    Map<?, ?> ingress = fields.map(root, "ingress", "");
    if (ingress != null) {
      fields.keys("ingress.", ingress, Set.of("host", "className", "tlsSecret"));
      String host = fields.text(ingress, "host", "ingress.");
      if (host == null) {
        fields.add("ingress.host", "is required");
      } else {
        b.ingress(new Ingress(host, fields.text(ingress, "className", "ingress."),
            fields.text(ingress, "tlsSecret", "ingress.")));
      }
    }
    Map<?, ?> monitoring = fields.map(root, "monitoring", "");
    if (monitoring != null) {
      fields.keys("monitoring.", monitoring, Set.of("enabled", "mode", "dashboard"));
      Object enabled = monitoring.get("enabled");
      Object dashboard = monitoring.get("dashboard");
      String mode = fields.text(monitoring, "mode", "monitoring.");
      Monitoring.Mode chosen = Monitoring.Mode.AUTO;
      if (mode != null) {
        chosen = fields.choice("monitoring.mode", mode, Monitoring.Mode.values())
            .map(m -> (Monitoring.Mode) m).orElse(Monitoring.Mode.AUTO);
      }
      b.monitoring(new Monitoring(!Boolean.FALSE.equals(enabled), chosen, !Boolean.FALSE.equals(dashboard)));
    }
    components(root, b);
    dependencies(root, b);
    secrets(root, b);
    configFiles(root, b);
    return b;
  }

  private void components(Map<?, ?> root, DeploymentSpec.Builder b) {
    Map<?, ?> components = fields.map(root, "components", "");
    if (components == null) {
      return;
    }
    for (Map.Entry<?, ?> entry : components.entrySet()) {
      String key = String.valueOf(entry.getKey());
      String path = "components." + key;
      Component component = Component.byKey(key).orElse(null);
      if (component == null) {
        fields.add(path, "is not a component; known: "
            + Arrays.stream(Component.values()).map(Component::key).toList());
        continue;
      }
      if (!(entry.getValue() instanceof Map<?, ?> c)) {
        fields.add(path, "must be a mapping");
        continue;
      }
      fields.keys(path + ".", c, COMPONENT);
      Integer replicas = fields.integer(c, "replicas", path + ".");
      if (replicas != null) {
        b.replicas(component, replicas);
      }
      Resources resources = resources(c, path + ".");
      if (resources != null) {
        b.resources(component, resources);
      }
      Map<?, ?> env = fields.map(c, "env", path + ".");
      if (env != null) {
        env.forEach((k, v) -> b.env(component, String.valueOf(k), String.valueOf(v)));
      }
      Map<?, ?> selector = fields.map(c, "nodeSelector", path + ".");
      List<Toleration> tolerations = tolerations(c, path + ".");
      if (selector != null || !tolerations.isEmpty()) {
        Map<String, String> nodeSelector = new TreeMap<>();
        if (selector != null) {
          selector.forEach((k, v) -> nodeSelector.put(String.valueOf(k), String.valueOf(v)));
        }
        b.placement(component, new Placement(nodeSelector, tolerations));
      }
      Map<?, ?> hpa = fields.map(c, "autoscaling", path + ".");
      if (hpa != null) {
        String p = path + ".autoscaling.";
        fields.keys(p, hpa, Set.of("minReplicas", "maxReplicas", "cpuUtilization", "memoryUtilization"));
        Integer min = fields.integer(hpa, "minReplicas", p);
        Integer max = fields.integer(hpa, "maxReplicas", p);
        b.autoscaling(component, new Autoscaling(min == null ? 1 : min, max == null ? 1 : max,
            fields.integer(hpa, "cpuUtilization", p), fields.integer(hpa, "memoryUtilization", p)));
      }
    }
  }

  private void dependencies(Map<?, ?> root, DeploymentSpec.Builder b) {
    Map<?, ?> dependencies = fields.map(root, "dependencies", "");
    if (dependencies == null) {
      return;
    }
    for (Map.Entry<?, ?> entry : dependencies.entrySet()) {
      String key = String.valueOf(entry.getKey());
      String path = "dependencies." + key;
      DependencyKind kind = Arrays.stream(DependencyKind.values())
          .filter(k -> k.key().equals(key)).findFirst().orElse(null);
      if (kind == null) {
        fields.add(path, "is not a dependency; known: "
            + Arrays.stream(DependencyKind.values()).map(DependencyKind::key).toList());
        continue;
      }
      if (!(entry.getValue() instanceof Map<?, ?> d)) {
        fields.add(path, "must be a mapping");
        continue;
      }
      Map<?, ?> external = fields.map(d, "external", path + ".");
      if (external != null) {
        String p = path + ".external.";
        fields.keys(p, external, Set.of("addresses", "username", "password", "tlsSecret", "authSource"));
        b.dependency(kind, new Dependency.External(fields.strings(external, "addresses", p),
            fields.text(external, "username", p), secretRef(external.get("password"), p + "password"),
            fields.text(external, "tlsSecret", p), fields.text(external, "authSource", p)));
        fields.keys(path + ".", d, Set.of("external"));
        continue;
      }
      fields.keys(path + ".", d, Set.of("storageSize", "resources", "image", "external"));
      Dependency.InCluster defaults = Profile.MINIMAL.defaults(kind);
      String size = fields.text(d, "storageSize", path + ".");
      Resources resources = resources(d, path + ".");
      b.dependency(kind, new Dependency.InCluster(size == null ? defaults.storageSize() : size,
          resources == null ? defaults.resources() : resources, fields.text(d, "image", path + ".")));
    }
  }

  private void secrets(Map<?, ?> root, DeploymentSpec.Builder b) {
    Map<?, ?> secrets = fields.map(root, "secrets", "");
    if (secrets == null) {
      return;
    }
    for (Map.Entry<?, ?> entry : secrets.entrySet()) {
      String key = String.valueOf(entry.getKey());
      SecretKey secretKey = SecretKey.byKey(key).orElse(null);
      if (secretKey == null) {
        fields.add("secrets." + key, "is not a credential; known: "
            + Arrays.stream(SecretKey.values()).map(SecretKey::secretKey).toList());
        continue;
      }
      Secret secret = secretRef(entry.getValue(), "secrets." + key);
      if (secret != null) {
        b.secret(secretKey, secret);
      }
    }
  }

  private void configFiles(Map<?, ?> root, DeploymentSpec.Builder b) {
    Map<?, ?> files = fields.map(root, "configFiles", "");
    if (files == null) {
      return;
    }
    for (Map.Entry<?, ?> entry : files.entrySet()) {
      String name = String.valueOf(entry.getKey());
      String path = "configFiles." + name;
      if (entry.getValue() instanceof Map<?, ?> ref && ref.get("file") instanceof String file) {
        fields.keys(path + ".", ref, Set.of("file"));
        String content = readFile(file, path);
        if (content != null) {
          b.configFile(name, content);
        }
      } else {
        fields.add(path, "must be {file: <path of the YAML file>}");
      }
    }
  }

  /** {@code {env: NAME}} or {@code {file: path}}; never a value in clear. */
  private @Nullable Secret secretRef(@Nullable Object value, String path) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> ref && ref.size() == 1) {
      if (ref.get("env") instanceof String name) {
        String found = environment.apply(name);
        if (found == null || found.isEmpty()) {
          fields.add(path, "names environment variable " + name + ", which is not set");
          return null;
        }
        return Secret.of(found);
      }
      if (ref.get("file") instanceof String file) {
        String content = readFile(file, path);
        return content == null || content.strip().isEmpty() ? null : Secret.of(content.strip());
      }
    }
    fields.add(path, "must be {env: VARIABLE} or {file: path}; credentials are never written into spec files");
    return null;
  }

  private @Nullable String readFile(String file, String path) {
    Path resolved = base.resolve(file);
    try {
      return Files.readString(resolved, StandardCharsets.UTF_8);
    } catch (IOException e) {
      fields.add(path, "cannot read " + resolved + ": " + e.getMessage());
      return null;
    }
  }

  private @Nullable Resources resources(Map<?, ?> parent, String prefix) {
    Map<?, ?> r = fields.map(parent, "resources", prefix);
    if (r == null) {
      return null;
    }
    String p = prefix + "resources.";
    fields.keys(p, r, RESOURCES);
    String cpu = fields.text(r, "cpuRequest", p);
    String memory = fields.text(r, "memoryRequest", p);
    if (cpu == null || memory == null) {
      fields.add(p.substring(0, p.length() - 1), "needs cpuRequest and memoryRequest");
      return null;
    }
    return new Resources(cpu, memory, fields.text(r, "cpuLimit", p), fields.text(r, "memoryLimit", p));
  }

  private List<Toleration> tolerations(Map<?, ?> parent, String prefix) {
    Object value = parent.get("tolerations");
    List<Toleration> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof List<?> list)) {
      fields.add(prefix + "tolerations", "must be a list");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      String p = prefix + "tolerations[" + i + "].";
      if (!(list.get(i) instanceof Map<?, ?> t)) {
        fields.add(p.substring(0, p.length() - 1), "must be a mapping");
        continue;
      }
      fields.keys(p, t, Set.of("key", "operator", "value", "effect"));
      String operator = fields.text(t, "operator", p);
      out.add(new Toleration(fields.text(t, "key", p), operator == null ? "Equal" : operator,
          fields.text(t, "value", p), fields.text(t, "effect", p)));
    }
    return out;
  }
}
