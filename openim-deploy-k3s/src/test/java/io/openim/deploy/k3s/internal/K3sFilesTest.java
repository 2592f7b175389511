/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Host;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What openim-deploy reads from k3s's files")
class K3sFilesTest {
  private static final String WRITTEN = "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: Q0E=\n"
      + "    server: https://127.0.0.1:6443\n  name: default\n";

  @Test
  @DisplayName("the admin kubeconfig's loopback address becomes the server's, and the port stays the one k3s wrote")
  void kubeconfigAddress() {
    assertThat(K3sFiles.kubeconfigFor(WRITTEN, Host.ssh("10.0.0.11", "root")))
        .contains("server: https://10.0.0.11:6443").doesNotContain("127.0.0.1").contains("certificate-authority-data: Q0E=");
    assertThat(K3sFiles.kubeconfigFor(WRITTEN.replace(":6443", ":7443"), Host.ssh("im-1.example.com", "root")))
        .contains("server: https://im-1.example.com:7443");
    assertThat(K3sFiles.kubeconfigFor(WRITTEN.replace("127.0.0.1", "localhost"), Host.ssh("fd00::11", "root")))
        .contains("server: https://[fd00::11]:6443");
  }

  @Test
  @DisplayName("a kubeconfig that already names another address is kept as it is")
  void otherAddressKept() {
    String elsewhere = WRITTEN.replace("127.0.0.1:6443", "lb.example.com:443");
    assertThat(K3sFiles.kubeconfigFor(elsewhere, Host.ssh("10.0.0.11", "root"))).isEqualTo(elsewhere);
  }

  @Test
  @DisplayName("the token of an earlier config file is found; a file without one, or not YAML, gives none")
  void token() {
    assertThat(K3sFiles.token("# written by openim-deploy\ntoken: abc-123\ntls-san:\n- 10.0.0.11\n")).contains("abc-123");
    assertThat(K3sFiles.token("tls-san: [10.0.0.11]\n")).isEmpty();
    assertThat(K3sFiles.token("token: [unclosed\n")).isEmpty();
    assertThat(K3sFiles.token("")).isEmpty();
  }
}
