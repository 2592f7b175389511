/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Random spec files from one seed: the spec file's own keys with values of every shape (text,
 * numbers, negative and huge ones, booleans, lists, mappings, nulls, huge strings), unknown keys
 * at every level, secret references to set and unset variables and to missing files, and now and
 * then text that is no YAML or no mapping at all.
 */
public final class SpecYamlFuzzer {
  private static final String[] TOP = {"release", "namespace", "version", "profile", "discovery", "chat",
      "kafkaPartitions", "logLevel", "storageClass", "minioExternalAddress", "images", "ingress", "components",
      "dependencies", "secrets", "configFiles", "monitoring"};
  private static final String[] COMPONENTS = {"openim-api", "openim-push", "openim-crontask", "chat-api", "admin-rpc",
      "openim-rpc-user", "no-such-component"};
  private static final String[] COMPONENT_KEYS = {"replicas", "resources", "env", "nodeSelector", "tolerations",
      "autoscaling"};
  private static final String[] DEPENDENCIES = {"mongodb", "redis", "kafka", "minio", "etcd", "postgres"};
  private static final String[] SECRET_KEYS = {"openim-secret", "chat-admin-password", "redis-password",
      "minio-access-key", "no-such-secret"};
  private static final String[] GARBAGE = {"{ unbalanced", "key: [1, 2", "\t- tab: indented", "a: b\na: c",
      "!!java.lang.Runtime {}", "- just\n- a list", "plain text", "&a [*a]", "--- a\n--- b", "\u0000\u0001",
      "release: *undefined", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]"
          + "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"};

  private final Random random;

  /** A fuzzer whose every draw follows from {@code seed}. */
  public SpecYamlFuzzer(long seed) {
    this.random = new Random(new java.util.SplittableRandom(seed).nextLong());
  }

  /**
   * One spec file.
   *
   * @param text the file's text
   * @param unknownKeys the paths of the unknown keys put in, each of which must be reported
   */
  public record File(String text, List<String> unknownKeys) {}

  /** A random spec file. */
  public File file() {
    if (random.nextInt(12) == 0) {
      return new File(GARBAGE[random.nextInt(GARBAGE.length)], List.of());
    }
    List<String> unknown = new ArrayList<>();
    Map<String, Object> root = new LinkedHashMap<>();
    for (int i = random.nextInt(6); i >= 0; i--) {
      String key = TOP[random.nextInt(TOP.length)];
      if (!root.containsKey(key)) {
        root.put(key, valueFor(key, unknown));
      }
    }
    if (random.nextInt(5) == 0) {
      String key = "unknown" + random.nextInt(100);
      root.put(key, scalar());
      unknown.add(key);
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(random.nextBoolean() ? DumperOptions.FlowStyle.BLOCK : DumperOptions.FlowStyle.FLOW);
    return new File(new Yaml(options).dump(root), unknown);
  }

  private Object valueFor(String key, List<String> unknown) {
    if (random.nextInt(6) == 0) {
      return any(2);
    }
    return switch (key) {
      case "components" -> components(unknown);
      case "dependencies" -> dependencies(unknown);
      case "secrets" -> {
        Map<String, Object> secrets = new LinkedHashMap<>();
        secrets.put(SECRET_KEYS[random.nextInt(SECRET_KEYS.length)], secretRef());
        yield secrets;
      }
      case "ingress" -> withUnknown("ingress.", map("host", scalar(), "className", scalar(), "tlsSecret", scalar()),
          unknown);
      case "images" -> withUnknown("images.", map("registryMirror", scalar(), "pullSecrets", list(scalar())), unknown);
      case "monitoring" -> map("enabled", any(0), "mode", scalar(), "dashboard", any(0));
      case "configFiles" -> map(random.nextBoolean() ? "server/openim-api.yml" : "bad name",
          random.nextBoolean() ? map("file", random.nextBoolean() ? "missing.yml" : "../../etc/hostname") : scalar());
      default -> random.nextBoolean() ? good(key) : scalar();
    };
  }

  /** A value the spec file takes for {@code key}. */
  private Object good(String key) {
    return switch (key) {
      case "release" -> "im" + random.nextInt(10);
      case "namespace" -> "ns-" + random.nextInt(10);
      case "version" -> "v3.8.3-patch.15";
      case "profile" -> random.nextBoolean() ? "minimal" : "PRODUCTION";
      case "discovery" -> "etcd";
      case "chat", "dashboard", "enabled" -> random.nextBoolean();
      case "kafkaPartitions", "replicas", "minReplicas" -> 1 + random.nextInt(3);
      case "logLevel" -> 1 + random.nextInt(6);
      case "storageClass" -> "standard";
      case "minioExternalAddress" -> "https://files.example.com";
      case "maxReplicas" -> 4;
      case "cpuUtilization" -> 80;
      case "cpuRequest" -> "100m";
      case "memoryRequest" -> "128Mi";
      default -> "v";
    };
  }

  private @Nullable Object value(String key) {
    return random.nextBoolean() ? good(key) : scalar();
  }

  private Map<String, Object> components(List<String> unknown) {
    Map<String, Object> components = new LinkedHashMap<>();
    for (int i = random.nextInt(3); i >= 0; i--) {
      String name = COMPONENTS[random.nextInt(COMPONENTS.length)];
      if (components.containsKey(name)) {
        continue;
      }
      Map<String, Object> c = new LinkedHashMap<>();
      for (int j = random.nextInt(4); j >= 0; j--) {
        String key = COMPONENT_KEYS[random.nextInt(COMPONENT_KEYS.length)];
        c.put(key, switch (key) {
          case "resources" -> map("cpuRequest", value("cpuRequest"), "memoryRequest", value("memoryRequest"),
              "cpuLimit", scalar());
          case "env", "nodeSelector" -> map(random.nextBoolean() ? "FUZZ" : String.valueOf(scalar()), scalar());
          case "tolerations" -> list(map("key", scalar(), "operator", scalar(), "effect", scalar()));
          case "autoscaling" -> map("minReplicas", value("minReplicas"), "maxReplicas", value("maxReplicas"),
              "cpuUtilization", value("cpuUtilization"));
          default -> value("replicas");
        });
      }
      components.put(name, random.nextInt(8) == 0 ? scalar()
          : name.startsWith("no-") ? c : withUnknown("components." + name + ".", c, unknown));
    }
    return components;
  }

  private Map<String, Object> dependencies(List<String> unknown) {
    Map<String, Object> dependencies = new LinkedHashMap<>();
    String name = DEPENDENCIES[random.nextInt(DEPENDENCIES.length)];
    Object value = random.nextBoolean()
        ? map("storageSize", scalar(), "image", scalar(), "resources", map("cpuRequest", scalar(), "memoryRequest",
            scalar()))
        : map("external", map("addresses", random.nextBoolean() ? list(scalar()) : scalar(), "username",
            scalar(), "password", secretRef(), "authSource", scalar()));
    dependencies.put(name, !name.equals("postgres") && random.nextInt(4) == 0
        ? withUnknown("dependencies." + name + ".", new LinkedHashMap<>(map("storageSize", "1Gi")), unknown) : value);
    return dependencies;
  }

  private Object secretRef() {
    return switch (random.nextInt(5)) {
      case 0 -> map("env", "FUZZ_SET");
      case 1 -> map("env", "FUZZ_UNSET");
      case 2 -> map("file", "no-such-file");
      case 3 -> "in-clear-" + random.nextInt(100);
      default -> any(1);
    };
  }

  private Map<String, Object> withUnknown(String prefix, Map<String, Object> map, List<String> unknown) {
    Map<String, Object> out = new LinkedHashMap<>(map);
    if (random.nextInt(4) == 0) {
      String key = "bogus" + random.nextInt(100);
      out.put(key, scalar());
      unknown.add(prefix + key);
    }
    return out;
  }

  private Object any(int depth) {
    int choice = random.nextInt(depth > 0 ? 4 : 2);
    return switch (choice) {
      case 0 -> scalar();
      case 1 -> random.nextBoolean();
      case 2 -> list(any(depth - 1), any(depth - 1));
      default -> map("k" + random.nextInt(5), any(depth - 1));
    };
  }

  private @Nullable Object scalar() {
    return switch (random.nextInt(14)) {
      case 0 -> null;
      case 1 -> -1;
      case 2 -> 0;
      case 3 -> 3;
      case 4 -> Long.MAX_VALUE;
      case 5 -> 1.5;
      case 6 -> "";
      case 7 -> "x".repeat(70_000);
      case 8 -> "Bad Name!";
      case 9 -> "im-" + random.nextInt(100);
      case 10 -> "250m";
      case 11 -> "https://files.example.com";
      case 12 -> random.nextBoolean();
      default -> "v3.8.3-patch.15";
    };
  }

  private static List<@Nullable Object> list(@Nullable Object... values) {
    List<@Nullable Object> out = new ArrayList<>();
    for (Object value : values) {
      out.add(value);
    }
    return out;
  }

  private static Map<String, Object> map(@Nullable Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
    }
    return out;
  }
}
