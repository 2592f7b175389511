/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import io.openim.deploy.core.Fixtures;
import static io.openim.deploy.core.render.TopologyTest.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

@DisplayName("Log files: OpenIM logs to stdout only, through a log.yml with an empty storageLocation")
class LogFilesTest {
  private static final VersionLine LINE = VersionCatalog.builtIn().defaultLine();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> configMapFile(DeploymentPlan plan, String key) {
    Map<String, Object> data = (Map<String, Object>) plan.find("ConfigMap", "openim-config").orElseThrow().body().get("data");
    Object content = data.get(key);
    return content == null ? null : new Yaml().load((String) content);
  }

  private static Map<String, Object> release(String relative) throws IOException {
    try (Reader reader = Files.newBufferedReader(Fixtures.path(relative + "/config/log.yml"))) {
      return new Yaml().load(reader);
    }
  }

  @Test
  @DisplayName("the supplied log.yml has every key of the releases' own, no location, stdout on, the spec's level")
  void suppliedFile() throws IOException {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim").logLevel(4).build());
    Map<String, Object> server = configMapFile(plan, "server.log.yml");
    Map<String, Object> chat = configMapFile(plan, "chat.log.yml");
    assertThat(server.keySet()).isEqualTo(release("open-im-server/" + LINE.server().version()).keySet());
    assertThat(chat.keySet()).isEqualTo(release("chat/" + LINE.chat().version()).keySet());
    for (Map<String, Object> file : List.of(server, chat)) {
      assertThat(file).containsEntry("storageLocation", "").containsEntry("isStdout", true)
          .containsEntry("remainLogLevel", 4);
    }
    assertThat(release("open-im-server/" + LINE.server().version())).containsEntry("storageLocation", "../../../../logs/");
  }

  @Test
  @DisplayName("every OpenIM pod mounts it over the image's config/log.yml")
  @SuppressWarnings("unchecked")
  void mountedEverywhere() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim").build());
    List<Manifest> deployments = plan.manifests().stream()
        .filter(m -> m.kind().equals("Deployment") && m.phase().compareTo(io.openim.deploy.Phase.OPENIM_RPC) >= 0).toList();
    assertThat(deployments).hasSize(16);
    for (Manifest m : deployments) {
      boolean chat = m.name().contains("chat") || m.name().contains("admin");
      Release release = chat ? LINE.chat() : LINE.server();
      Map<String, Object> container = ((List<Map<String, Object>>) pod(m).get("containers")).get(0);
      assertThat((List<Map<String, Object>>) container.get("volumeMounts")).as(m.name())
          .contains(Map.of("name", "config-files", "mountPath", release.configFolder() + "log.yml",
              "subPath", (chat ? "chat" : "server") + ".log.yml", "readOnly", true));
    }
  }

  @Test
  @DisplayName("no chat, no chat log.yml; the spec's own log.yml replaces ours, with a warning if it writes files")
  void specFileWins() {
    DeploymentPlan noChat = Topology.plan(DeploymentSpec.builder("openim").chat(false).build());
    assertThat(configMapFile(noChat, "chat.log.yml")).isNull();
    assertThat(noChat.warnings()).noneMatch(w -> w.contains("storageLocation"));

    String own = "storageLocation: /var/log/openim/\nisStdout: false\n";
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim").configFile("server/log.yml", own).build());
    assertThat(configMapFile(plan, "server.log.yml")).containsEntry("storageLocation", "/var/log/openim/");
    assertThat(configMapFile(plan, "chat.log.yml")).containsEntry("storageLocation", "");
    assertThat(plan.warnings()).anyMatch(w -> w.startsWith("server/log.yml from configFiles sets storageLocation"
        + " /var/log/openim/"));
  }
}
