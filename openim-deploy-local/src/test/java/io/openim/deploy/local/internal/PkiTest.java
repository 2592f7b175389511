/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.StringReader;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The local cluster's PKI")
class PkiTest {
  private static final Pki PKI = Pki.generate();

  @Test
  @DisplayName("signs a serving certificate for 127.0.0.1 and the kubernetes service names")
  void servingCertificate() throws Exception {
    X509Certificate serving = PKI.serving().certificate();
    serving.verify(PKI.ca().certificate().getPublicKey());
    assertThat(serving.getSubjectAlternativeNames())
        .extracting(entry -> (Object) entry.get(1))
        .contains((Object) "127.0.0.1", "localhost", "kubernetes.default.svc.cluster.local");
    assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(PKI.ca().certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
  }

  @Test
  @DisplayName("issues client certificates with the user as CN and the groups as O")
  void clientCertificate() throws Exception {
    X509Certificate client = PKI.issueClient("alice", List.of("dev", "ops")).certificate();
    client.verify(PKI.ca().certificate().getPublicKey());
    String subject = client.getSubjectX500Principal().getName(X500Principal.RFC2253);
    assertThat(subject).contains("CN=alice").contains("O=dev").contains("O=ops");
    assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(client.getBasicConstraints()).isEqualTo(-1);
  }

  @Test
  @DisplayName("renders a kubeconfig that client-java loads without touching the network")
  void kubeconfigLoads() throws Exception {
    String kubeconfig =
        Kubeconfigs.render(
            "ctx",
            URI.create("https://127.0.0.1:6443"),
            PKI.ca().certificatePem(),
            "bob",
            PKI.issueClient("bob", List.of()));
    KubeConfig parsed = KubeConfig.loadKubeConfig(new StringReader(kubeconfig));
    assertThat(parsed.getServer()).isEqualTo("https://127.0.0.1:6443");
    assertThat(parsed.getCurrentContext()).isEqualTo("ctx");
    ApiClient client = ClientBuilder.kubeconfig(parsed).build();
    assertThat(client.getBasePath()).isEqualTo("https://127.0.0.1:6443");
    assertThat(kubeconfig).doesNotContain("BEGIN");
  }
}
