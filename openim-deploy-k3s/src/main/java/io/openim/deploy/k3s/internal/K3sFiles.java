/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s.internal;

import io.openim.deploy.Host;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** What openim-deploy reads from the files k3s and its installer leave on a server. */
public final class K3sFiles {
  /** k3s's API and supervisor port unless {@code https-listen-port} says otherwise. */
  public static final int API_PORT = 6443;

  /** A loopback server address, as k3s writes into the admin kubeconfig: host, then port. */
  private static final Pattern LOOPBACK_SERVER =
      Pattern.compile("(server:\\s*https://)(127\\.0\\.0\\.1|localhost|\\[::1\\]):(\\d+)");

  private K3sFiles() {}

  /**
   * The admin kubeconfig k3s wrote on {@code server}, reaching it from elsewhere: k3s writes the
   * loopback address, which becomes the server's address; the port stays the one k3s wrote (6443,
   * or its {@code https-listen-port}). A kubeconfig that names another address is kept as it is.
   */
  public static String kubeconfigFor(String written, Host server) {
    Matcher matcher = LOOPBACK_SERVER.matcher(written);
    return matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + urlHost(server.address()) + ":" + m.group(3)));
  }

  /** An address as the host part of a URL: an IPv6 address in brackets. */
  public static String urlHost(String address) {
    return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
  }

  /** The {@code token} of a k3s config file, if it has one; empty for a file that is not YAML. */
  public static Optional<String> token(String configYaml) {
    Object loaded;
    try {
      loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(configYaml);
    } catch (YAMLException e) {
      return Optional.empty();
    }
    if (loaded instanceof Map<?, ?> config && config.get("token") instanceof String token && !token.isBlank()) {
      return Optional.of(token);
    }
    return Optional.empty();
  }
}
