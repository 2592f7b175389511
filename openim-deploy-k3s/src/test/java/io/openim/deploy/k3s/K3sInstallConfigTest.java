/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.Host;
import io.openim.deploy.Secret;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("k3s config files for HA servers and agents")
class K3sInstallConfigTest {
  private static final Host S1 = Host.ssh("10.1.0.1", "root");
  private static final Host S2 = Host.ssh("10.1.0.2", "root");
  private static final Host S3 = Host.ssh("10.1.0.3", "root");
  private static final Secret TOKEN = Secret.of("shared-token-0123456789");

  @Test
  @DisplayName("the first of three servers starts embedded etcd; the others and the agents join it with the token")
  void highAvailability() {
    K3sInstall install = K3sInstall.builder(Path.of("id"), Path.of("known_hosts"))
        .server(S1).server(S2).server(S3).agent(Host.ssh("10.1.0.9", "root"))
        .token(TOKEN).flag("disable", List.of("traefik")).build();
    assertThat(install.serverConfig(0, S1, TOKEN)).containsEntry("cluster-init", true).doesNotContainKey("server")
        .containsEntry("token", "shared-token-0123456789").containsEntry("tls-san", List.of("10.1.0.1"))
        .containsEntry("disable", List.of("traefik"));
    assertThat(install.serverConfig(2, S1, TOKEN)).doesNotContainKey("cluster-init")
        .containsEntry("server", "https://10.1.0.1:6443").containsEntry("tls-san", List.of("10.1.0.3"));
    assertThat(install.agentConfig(S1, TOKEN)).containsOnlyKeys("token", "server")
        .containsEntry("server", "https://10.1.0.1:6443");
  }

  @Test
  @DisplayName("a single server has no cluster-init; two servers are refused for want of quorum")
  void serverCounts() {
    K3sInstall single = K3sInstall.builder(Path.of("id"), Path.of("known_hosts")).server(S1).build();
    assertThat(single.serverConfig(0, S1, TOKEN)).doesNotContainKey("cluster-init");
    assertThatThrownBy(() -> K3sInstall.builder(Path.of("id"), Path.of("known_hosts")).server(S1).server(S2).build())
        .hasMessageContaining("odd number of servers");
    assertThatThrownBy(() -> K3sInstall.builder(Path.of("id"), Path.of("known_hosts")).agent(S1).build())
        .hasMessageContaining("no server");
  }

  @Test
  @DisplayName("servers and agents join on the port the https-listen-port flag gives k3s's API")
  void joinPort() {
    K3sInstall install = K3sInstall.builder(Path.of("id"), Path.of("known_hosts"))
        .server(S1).server(S2).server(S3).agent(Host.ssh("10.1.0.9", "root")).flag("https-listen-port", 7443).build();
    assertThat(install.serverConfig(1, S1, TOKEN)).containsEntry("server", "https://10.1.0.1:7443");
    assertThat(install.agentConfig(S1, TOKEN)).containsEntry("server", "https://10.1.0.1:7443");
  }
}
