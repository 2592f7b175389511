/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes self-contained kubeconfig documents: every certificate and key is embedded as data. */
public final class Kubeconfigs {
  private Kubeconfigs() {}

  /**
   * A kubeconfig with one cluster, one user and one context, all named after {@code contextName}.
   *
   * @param server the API server's URL
   * @param caPem the CA that signed the server's certificate
   * @param client the client certificate and key that identify the user
   */
  public static String render(
      String contextName, URI server, String caPem, String user, Pki.Credential client) {
    return String.join(
        "\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: " + contextName,
        "  cluster:",
        "    server: " + server,
        "    certificate-authority-data: " + base64(caPem),
        "users:",
        "- name: " + user,
        "  user:",
        "    client-certificate-data: " + base64(client.certificatePem()),
        "    client-key-data: " + base64(client.privateKeyPem()),
        "contexts:",
        "- name: " + contextName,
        "  context:",
        "    cluster: " + contextName,
        "    user: " + user,
        "current-context: " + contextName,
        "");
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }
}
