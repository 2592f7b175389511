/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class KubeconfigsTest {
  /** kubeadm's admin.conf as sealos copies it (docs/sealos.md), with a comment a re-serialization would drop. */
  private static final String ADMIN_CONF = StandInSealos.resource("admin.conf");

  @Test
  @DisplayName("moves the server to the master address, keeps the port, and leaves every other byte as it was")
  void rewritesServer() {
    String reachable = Kubeconfigs.reachable(ADMIN_CONF, "10.0.0.1");

    assertThat(reachable).isEqualTo(ADMIN_CONF.replace("https://apiserver.cluster.local:6443", "https://10.0.0.1:6443"));
    assertThat(reachable).isNotEqualTo(ADMIN_CONF);
  }

  @Test
  @DisplayName("an IPv6 master goes in brackets, given with or without them")
  void ipv6() {
    assertThat(Kubeconfigs.reachable(ADMIN_CONF, "fd00::1")).contains("server: https://[fd00::1]:6443\n");
    assertThat(Kubeconfigs.reachable(ADMIN_CONF, "[fd00::1]")).contains("server: https://[fd00::1]:6443\n");
  }

  @Test
  @DisplayName("only servers on apiserver.cluster.local change; a quoted one keeps its quotes, a port other than 6443 stays")
  void onlySealosServers() {
    String two = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: sealos
          cluster:
            server: "https://apiserver.cluster.local:8443"
        - name: other
          cluster:
            server: https://192.168.1.9:6443
        """;

    assertThat(Kubeconfigs.reachable(two, "master.example.com")).isEqualTo(
        two.replace("https://apiserver.cluster.local:8443", "https://master.example.com:8443"));
  }

  @Test
  @DisplayName("a kubeconfig whose servers name other addresses is returned as it is")
  void alreadyReachable() {
    String moved = Kubeconfigs.reachable(ADMIN_CONF, "10.0.0.1");

    assertThat(Kubeconfigs.reachable(moved, "10.0.0.2")).isEqualTo(moved);
  }

  @Test
  @DisplayName("a document in flow style is written out again, equal in content but for the server")
  void flowStyle() {
    String flow = "{apiVersion: v1, kind: Config, clusters: [{name: kubernetes, cluster: {server: "
        + "'https://apiserver.cluster.local:6443', certificate-authority-data: Q0E=}}], current-context: x}\n";

    String reachable = Kubeconfigs.reachable(flow, "10.0.0.1");

    Map<String, Object> expected = load(flow.replace("apiserver.cluster.local", "10.0.0.1"));
    assertThat(load(reachable)).isEqualTo(expected);
    assertThat(reachable).doesNotContain("apiserver.cluster.local");
  }

  @Test
  @DisplayName("refuses an address with a port or a scheme, and a document that is not a kubeconfig")
  void refuses() {
    assertThatThrownBy(() -> Kubeconfigs.reachable(ADMIN_CONF, "10.0.0.1:6443"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a scheme or a port");
    assertThatThrownBy(() -> Kubeconfigs.reachable(ADMIN_CONF, "https://10.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a scheme or a port");
    assertThatThrownBy(() -> Kubeconfigs.reachable("kind: Config\nusers: []\n", "10.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not a kubeconfig: no 'clusters' list");
    assertThatThrownBy(() -> Kubeconfigs.reachable("clusters: [\n", "10.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a kubeconfig: not YAML");
  }

  private static Map<String, Object> load(String yaml) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }
}
