/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The admin kubeconfig sealos leaves, made usable from outside the cluster. sealos copies kubeadm's
 * admin.conf with the server {@code https://apiserver.cluster.local:6443}, a name only the
 * cluster's own {@code /etc/hosts} maps; the API server's certificate also names every master
 * address, so a master address in its place is trusted (sealos v5.1.1; docs/sealos.md).
 */
public final class Kubeconfigs {
  /** The API server's name in the kubeconfig sealos writes (docs/sealos.md). */
  public static final String SEALOS_API_SERVER = "apiserver.cluster.local";

  /** A server URL on sealos's name: the scheme and name, followed by the port, a path, or nothing. */
  private static final String SERVER_URL = "https://apiserver\\.cluster\\.local(?=[:/\"'\\s]|$)";
  private static final Pattern SERVER_VALUE = Pattern.compile("^" + SERVER_URL, Pattern.CASE_INSENSITIVE);
  /** A {@code server:} line in block style, its value possibly quoted. */
  private static final Pattern SERVER_LINE =
      Pattern.compile("(?m)^([ \\t]*server:[ \\t]*[\"']?)" + SERVER_URL, Pattern.CASE_INSENSITIVE);

  private Kubeconfigs() {}

  /**
   * {@code kubeconfig} with every cluster server on {@value #SEALOS_API_SERVER} moved to {@code
   * masterAddress}, the port and the rest of the URL kept. Only the server values change: the rest
   * of the text stays byte for byte. A document whose servers are not in block style
   * ({@code server: https://...} on a line of its own) is written out again from its parsed form
   * instead, equal in content, without comments. A kubeconfig whose servers name another address
   * is returned as it is.
   *
   * @param masterAddress an IP address or a DNS name, without a port (an IPv6 address with or
   *     without brackets)
   * @throws IllegalArgumentException if the address has a port or a scheme, or {@code kubeconfig}
   *     is not a kubeconfig with clusters
   */
  public static String reachable(String kubeconfig, String masterAddress) {
    String host = urlHost(masterAddress);
    Map<?, ?> parsed = load(kubeconfig);
    if (servers(parsed).stream().noneMatch(server -> SERVER_VALUE.matcher(server).find())) {
      return kubeconfig;
    }
    Map<?, ?> wanted = moved(parsed, host);
    String rewritten = SERVER_LINE.matcher(kubeconfig)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "https://" + host));
    if (load(rewritten).equals(wanted)) {
      return rewritten;
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(wanted);
  }

  /** An address as the host of a URL (an IPv6 address in brackets); refuses a port, a scheme or a path. */
  static String urlHost(String address) {
    String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
        : address;
    boolean ipv6 = bare.indexOf(':') != bare.lastIndexOf(':');
    if (bare.isBlank() || bare.contains("/") || bare.contains("[") || bare.contains("]")
        || bare.chars().anyMatch(Character::isWhitespace) || (!ipv6 && bare.contains(":"))) {
      throw new IllegalArgumentException("'" + address + "' is not an address for the API server: give an IP"
          + " address or a DNS name of a master, without a scheme or a port (the port stays the one sealos wrote,"
          + " 6443)");
    }
    return ipv6 ? "[" + bare + "]" : bare;
  }

  private static Map<?, ?> load(String kubeconfig) {
    Object loaded;
    try {
      loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(kubeconfig);
    } catch (YAMLException e) {
      throw new IllegalArgumentException("not a kubeconfig: not YAML (" + e.getMessage() + ")", e);
    }
    if (!(loaded instanceof Map<?, ?> config) || !(config.get("clusters") instanceof List<?> clusters)
        || clusters.isEmpty()) {
      throw new IllegalArgumentException("not a kubeconfig: no 'clusters' list");
    }
    return config;
  }

  /** The {@code clusters[].cluster.server} values. */
  private static List<String> servers(Map<?, ?> config) {
    List<String> servers = new ArrayList<>();
    for (Object entry : clusters(config)) {
      if (entry instanceof Map<?, ?> named && named.get("cluster") instanceof Map<?, ?> cluster
          && cluster.get("server") instanceof String server) {
        servers.add(server);
      }
    }
    return servers;
  }

  private static List<?> clusters(Map<?, ?> config) {
    return config.get("clusters") instanceof List<?> clusters ? clusters : List.of();
  }

  /** A copy of {@code config} with the servers on sealos's name moved to {@code host}. */
  private static Map<?, ?> moved(Map<?, ?> config, String host) {
    Map<Object, Object> copy = new LinkedHashMap<>(config);
    List<Object> clusters = new ArrayList<>();
    for (Object entry : clusters(config)) {
      if (entry instanceof Map<?, ?> named && named.get("cluster") instanceof Map<?, ?> cluster
          && cluster.get("server") instanceof String server) {
        Map<Object, Object> newCluster = new LinkedHashMap<>(cluster);
        String moved = SERVER_VALUE.matcher(server).replaceFirst(Matcher.quoteReplacement("https://" + host));
        newCluster.put("server", moved);
        Map<Object, Object> newEntry = new LinkedHashMap<>(named);
        newEntry.put("cluster", newCluster);
        clusters.add(newEntry);
      } else {
        clusters.add(entry);
      }
    }
    copy.put("clusters", clusters);
    return copy;
  }
}
