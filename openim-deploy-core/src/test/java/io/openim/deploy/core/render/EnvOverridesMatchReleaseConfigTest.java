/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import io.openim.deploy.core.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.Manifest;
import io.openim.deploy.Secret;
import io.openim.deploy.core.render.internal.OpenImEnv;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

@DisplayName("Every IMENV_/CHATENV_ variable the plan sets names a key in the release's config")
class EnvOverridesMatchReleaseConfigTest {
  // Files OpenIM Server v3.8 loads without an env prefix, or never loads (open-im-server
  // v3.8.3-patch.15 pkg/common/cmd/constant.go lists the prefixed ones).
  private static final Set<String> SERVER_UNPREFIXED =
      Set.of("local-cache.yml", "prometheus.yml", "alertmanager.yml", "instance-down-rules.yml");

  static Stream<Arguments> specs() {
    return Stream.of(
        Arguments.of("default", DeploymentSpec.builder("openim").build()),
        Arguments.of("external dependencies with TLS Kafka", DeploymentSpec.builder("openim")
            .ingress(new Ingress("im.example.com", "nginx", "im-tls"))
            .dependency(DependencyKind.MONGODB, new Dependency.External(List.of("mongo.example.com:27017"), "im", Secret.of("mongo-pass-xyz"), null, "admin"))
            .dependency(DependencyKind.REDIS, new Dependency.External(List.of("redis.example.com:6379"), "default", Secret.of("redis-pass-xyz"), null))
            .dependency(DependencyKind.KAFKA, new Dependency.External(List.of("k1:9093", "k2:9093"), "im", Secret.of("kafka-pass-xyz"), "kafka-client-tls"))
            .dependency(DependencyKind.ETCD, new Dependency.External(List.of("etcd:2379"), "root", Secret.of("etcd-pass-xyz"), null))
            .dependency(DependencyKind.MINIO, new Dependency.External(List.of("https://s3.example.com"), "AKIA", Secret.of("minio-pass-xyz"), null))
            .minioExternalAddress("https://s3.example.com")
            .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void everyVariableNamesAKey(String name, DeploymentSpec spec) throws IOException {
    DeploymentPlan plan = Topology.plan(spec);
    VersionLine line = VersionCatalog.builtIn().find(spec.version()).orElseThrow();
    Set<String> server = overridable(Fixtures.path("open-im-server/" + line.server().version() + "/config"),
        line.server().envPrefix(), SERVER_UNPREFIXED);
    Set<String> chat = overridable(Fixtures.path("chat/" + line.chat().version() + "/config"),
        line.chat().envPrefix(), Set.of());

    Set<String> used = new TreeSet<>();
    for (Manifest manifest : plan.manifests()) {
      for (String variable : envNames(manifest)) {
        if (variable.startsWith(line.server().envPrefix()) || variable.startsWith(line.chat().envPrefix())) {
          used.add(variable);
        }
      }
    }
    assertThat(used).as("variables the plan sets").hasSizeGreaterThan(20);
    Set<String> known = new TreeSet<>(server);
    known.addAll(chat);
    assertThat(used).as("variables OpenIM would silently ignore").isSubsetOf(known);
    assertThat(used).contains("IMENV_SHARE_SECRET", "IMENV_DISCOVERY_ETCD_ADDRESS", "CHATENV_SHARE_OPENIM_SECRET",
        "CHATENV_CHAT_RPC_CHAT_VERIFYCODE_SUPERCODE", "IMENV_OPENIM_PUSH_ENABLE");
    if (spec.dependency(DependencyKind.MONGODB) instanceof Dependency.External) {
      assertThat(used).contains("IMENV_MONGODB_AUTHSOURCE", "CHATENV_MONGODB_AUTHSOURCE");
    }
  }

  /** Every variable name that overrides a key of some config file. */
  private static Set<String> overridable(Path configDir, String prefix, Set<String> unprefixed) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(configDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        String fileName = file.getFileName().toString();
        if (unprefixed.contains(fileName)) {
          continue;
        }
        try (Reader reader = Files.newBufferedReader(file)) {
          Object root = new Yaml().load(reader);
          if (root instanceof Map<?, ?> map) {
            collect(prefix, fileName.substring(0, fileName.length() - 4), "", map, names);
          }
        }
      }
    }
    return names;
  }

  private static void collect(String prefix, String file, String path, Map<?, ?> map, Set<String> out) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = path.isEmpty() ? String.valueOf(entry.getKey()) : path + "." + entry.getKey();
      out.add(OpenImEnv.variable(prefix, file, key));
      if (entry.getValue() instanceof Map<?, ?> child) {
        collect(prefix, file, key, child, out);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> envNames(Manifest manifest) {
    if (!manifest.kind().equals("Deployment")) {
      return List.of();
    }
    Map<String, Object> spec = (Map<String, Object>) manifest.body().get("spec");
    Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    List<Map<String, Object>> containers = (List<Map<String, Object>>) pod.get("containers");
    return containers.stream()
        .flatMap(c -> ((List<Map<String, Object>>) c.getOrDefault("env", List.of())).stream())
        .map(e -> (String) e.get("name"))
        .toList();
  }
}
