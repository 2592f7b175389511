/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.Host;
import io.openim.deploy.Support;
import io.openim.deploy.Target;
import io.openim.deploy.k3s.K3sOptions;
import io.openim.deploy.k3s.K3sProvider;
import io.openim.deploy.k3s.K3sProvisioning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options of {@code up} that set k3s up on hosts over SSH, before OpenIM is deployed there. */
final class HostOptions {
  /** {@code user@address} or {@code user@address:port}; an IPv6 address in brackets. */
  private static final Pattern HOST = Pattern.compile("([^@\\s]+)@(\\[[0-9A-Fa-f:.]+\\]|[^@:\\s\\[\\]]+)(?::(\\d+))?");

  @Option(names = "--host", paramLabel = "USER@ADDRESS[:PORT]",
      description = "Set k3s up on this host over SSH (port 22 unless given) as a k3s server, then deploy OpenIM"
          + " there with the k3s provider. Repeatable: the first starts the cluster; 3 or 5 servers run embedded"
          + " etcd. Needs --ssh-key and --known-hosts; not with --kubeconfig, --real-node or another --provider.")
  List<String> servers = new ArrayList<>();

  @Option(names = "--agent", paramLabel = "USER@ADDRESS[:PORT]",
      description = "With --host: set k3s up on this host as an agent that joins the first --host. Repeatable.")
  List<String> agents = new ArrayList<>();

  @Option(names = "--ssh-key", paramLabel = "FILE",
      description = "With --host: the private key that logs in to the hosts.")
  @Nullable Path sshKey;

  @Option(names = "--known-hosts", paramLabel = "FILE",
      description = "With --host: the hosts' keys (OpenSSH known_hosts format); a host whose key is missing there"
          + " or differs is refused before anything runs on it.")
  @Nullable Path knownHosts;

  @Option(names = "--k3s-version", paramLabel = "VERSION",
      description = "With --host: the k3s version to install, such as v1.36.2+k3s1. Default: the install script's"
          + " (k3s's stable channel).")
  @Nullable String k3sVersion;

  @Option(names = "--k3s-binary", paramLabel = "FILE",
      description = "With --host, air gap: the k3s binary to upload to each host instead of downloading it; needs"
          + " --k3s-install-script.")
  @Nullable Path k3sBinary;

  @Option(names = "--k3s-install-script", paramLabel = "FILE",
      description = "With --host, air gap: k3s's install script (from get.k3s.io) to upload and run; needs"
          + " --k3s-binary.")
  @Nullable Path installScript;

  @Option(names = "--k3s-image", paramLabel = "FILE",
      description = "With --host: an image tarball (such as k3s-airgap-images-amd64.tar.zst) placed on each host for"
          + " k3s to import. Repeatable.")
  List<Path> images = new ArrayList<>();

  /** For tests: a folder that stands for {@code /} on the hosts, so nothing is installed into this machine's. */
  @Option(names = "--k3s-root", paramLabel = "FOLDER", hidden = true)
  @Nullable String root;

  /** Whether hosts were named: then k3s is set up on them. */
  boolean given() {
    return !servers.isEmpty() || !agents.isEmpty();
  }

  /**
   * Every problem of these options, alone and with {@code cluster}'s and {@code --real-node}, in
   * the order of the options; empty when they fit. Reads local files' presence only.
   */
  List<String> problems(ClusterOptions cluster, boolean realNode) {
    List<String> problems = new ArrayList<>();
    if (!given()) {
      stray(problems, "--ssh-key", sshKey != null);
      stray(problems, "--known-hosts", knownHosts != null);
      stray(problems, "--k3s-version", k3sVersion != null);
      stray(problems, "--k3s-binary", k3sBinary != null);
      stray(problems, "--k3s-install-script", installScript != null);
      stray(problems, "--k3s-image", !images.isEmpty());
      return problems;
    }
    if (servers.isEmpty()) {
      problems.add("--agent needs a --host: agents join the k3s server that the first --host runs");
    }
    if (cluster.kubeconfig != null) {
      problems.add("--host sets k3s up on the hosts and deploys there, and --kubeconfig " + cluster.kubeconfig
          + " names another cluster; leave out one of the two");
    }
    if (cluster.provider != null && !cluster.provider.equals(K3sProvider.ID)) {
      problems.add("--host needs the k3s provider, the one that sets k3s up on hosts, and --provider " + cluster.provider
          + " deploys onto a cluster that is already there; give --provider k3s or leave --provider out");
    }
    if (realNode) {
      problems.add("--real-node makes the embedded local cluster's node on this machine, and --host sets k3s up on"
          + " other hosts; leave out one of the two");
    }
    required(problems, "--ssh-key", sshKey, "the private key that logs in to the hosts");
    required(problems, "--known-hosts", knownHosts, "the hosts' keys, checked before anything runs on them (add a"
        + " host with ssh-keyscan HOST >> FILE once you have checked its fingerprint)");
    if ((k3sBinary == null) != (installScript == null)) {
      problems.add("--k3s-binary and --k3s-install-script go together: an air-gapped host gets both and downloads"
          + " nothing");
    }
    readable(problems, "--k3s-binary", k3sBinary);
    readable(problems, "--k3s-install-script", installScript);
    images.forEach(image -> readable(problems, "--k3s-image", image));
    List<Host> hosts = new ArrayList<>();
    servers.forEach(text -> parse(problems, "--host", text, hosts));
    agents.forEach(text -> parse(problems, "--agent", text, hosts));
    if (problems.isEmpty() && provider().supports(new Target.Hosts(hosts)) instanceof Support.Unsupported no) {
      problems.add(no.reason());
    }
    return problems;
  }

  /** The hosts: the {@code --host} servers, then the {@code --agent}s. Call when {@link #problems} is empty. */
  Target target() {
    List<Host> hosts = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    servers.forEach(text -> parse(ignored, "--host", text, hosts));
    agents.forEach(text -> parse(ignored, "--agent", text, hosts));
    return new Target.Hosts(hosts);
  }

  /** The k3s provider that sets k3s up on {@link #target()}; the {@code --host}s are its servers. */
  K3sProvider provider() {
    K3sProvisioning.Builder provisioning = K3sProvisioning.builder(Objects.requireNonNull(sshKey, "sshKey"),
        Objects.requireNonNull(knownHosts, "knownHosts")).servers(Math.max(1, servers.size()));
    if (k3sVersion != null) {
      provisioning.version(k3sVersion);
    }
    if (k3sBinary != null && installScript != null) {
      provisioning.airGap(k3sBinary, installScript);
    }
    images.forEach(provisioning::image);
    if (root != null) {
      provisioning.root(root);
    }
    return new K3sProvider(K3sOptions.DEFAULT, provisioning.build());
  }

  /** The first server, as messages name it. */
  String firstServer() {
    return servers.isEmpty() ? "" : servers.get(0);
  }

  private static void stray(List<String> problems, String option, boolean given) {
    if (given) {
      problems.add(option + " only applies with --host, which names the hosts to set k3s up on");
    }
  }

  private static void required(List<String> problems, String option, @Nullable Path file, String what) {
    if (file == null) {
      problems.add("--host needs " + option + " FILE: " + what);
    } else {
      readable(problems, option, file);
    }
  }

  private static void readable(List<String> problems, String option, @Nullable Path file) {
    if (file != null && !Files.isReadable(file)) {
      problems.add(option + " " + file + ": there is no readable file there");
    }
  }

  private static void parse(List<String> problems, String option, String text, List<Host> hosts) {
    Matcher m = HOST.matcher(text);
    if (!m.matches()) {
      problems.add(option + " " + text + ": expected USER@ADDRESS or USER@ADDRESS:PORT, such as root@10.0.0.11 or"
          + " root@10.0.0.11:2222");
      return;
    }
    String address = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
    int port = 22;
    if (m.group(3) != null) {
      port = m.group(3).length() > 5 ? 0 : Integer.parseInt(m.group(3));
      if (port < 1 || port > 65535) {
        problems.add(option + " " + text + ": the port must be 1 to 65535, but was " + m.group(3));
        return;
      }
    }
    hosts.add(new Host(address, port, m.group(1)));
  }
}
