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
import io.openim.deploy.sealos.SealosOptions;
import io.openim.deploy.sealos.SealosProvider;
import io.openim.deploy.sealos.SealosProvisioning;
import io.openim.deploy.spi.DeploymentProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options of {@code up} that set a cluster up on hosts before OpenIM is deployed there: k3s
 * over SSH (the k3s provider, the default), or Kubernetes with sealos ({@code --provider sealos}).
 */
final class HostOptions {
  /** {@code user@address} or {@code user@address:port}; an IPv6 address in brackets. */
  private static final Pattern HOST = Pattern.compile("([^@\\s]+)@(\\[[0-9A-Fa-f:.]+\\]|[^@:\\s\\[\\]]+)(?::(\\d+))?");

  @Option(names = "--host", paramLabel = "USER@ADDRESS[:PORT]",
      description = "Set a cluster up on this host (port 22 unless given) as a control-plane host, then deploy"
          + " OpenIM there: a k3s server over SSH with the k3s provider (the default; needs --ssh-key and"
          + " --known-hosts), or a sealos master with --provider sealos (needs --ssh-key or --ssh-password-file)."
          + " Repeatable: the first starts the cluster; 3 or 5 run etcd. Not with --kubeconfig or --real-node.")
  List<String> servers = new ArrayList<>();

  @Option(names = {"--agent", "--node"}, paramLabel = "USER@ADDRESS[:PORT]",
      description = "With --host: a worker that joins the first --host (a k3s agent, a sealos node). Repeatable.")
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

  @Option(names = "--ssh-password-file", paramLabel = "FILE",
      description = "With --host and --provider sealos: log in to the hosts with the password in this file"
          + " instead of a key; it goes to sealos in a Clusterfile only this user can read, never on a command line."
          + " sealos itself then keeps it in clear in ~/.sealos/<cluster>/Clusterfile (mode 0644) and copies that"
          + " to the masters, so prefer --ssh-key.")
  @Nullable Path sshPasswordFile;

  @Option(names = "--sealos", paramLabel = "FILE",
      description = "With --provider sealos: the sealos executable. Default: sealos on PATH. It runs on this"
          + " machine and reaches the hosts over SSH itself; each of its steps may run 30 minutes, apart from"
          + " --timeout, which is OpenIM's rollout.")
  @Nullable Path sealos;

  @Option(names = "--sealos-image", paramLabel = "IMAGE",
      description = "With --provider sealos: a cluster image, in sealos's order (Kubernetes first, Helm before the"
          + " network plugin). Repeatable; replaces the default kubernetes, helm, cilium, openebs and higress images.")
  List<String> sealosImages = new ArrayList<>();

  @Option(names = "--yes",
      description = "With --provider sealos: answer sealos's confirmation prompts (it asks for this machine's host"
          + " name) instead of stopping at them.")
  boolean yes;

  /** For tests: sealos's state folder ({@code SEALOS_RUNTIME_ROOT}), so a stand-in sealos leaves this machine's alone. */
  @Option(names = "--sealos-runtime-root", paramLabel = "FOLDER", hidden = true)
  @Nullable Path sealosRuntimeRoot;

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
    boolean sealos = SealosProvider.ID.equals(cluster.provider);
    if (!given()) {
      stray(problems, "--ssh-key", sshKey != null);
      k3sOnly().forEach((option, given) -> stray(problems, option, given));
      sealosOnly().forEach((option, given) -> stray(problems, option, given));
      return problems;
    }
    if (servers.isEmpty()) {
      problems.add("--agent/--node needs a --host: workers join the cluster that the first --host starts");
    }
    if (cluster.kubeconfig != null) {
      problems.add("--host sets a cluster up on the hosts and deploys there, and --kubeconfig " + cluster.kubeconfig
          + " names another cluster; leave out one of the two");
    }
    if (cluster.provider != null && !cluster.provider.equals(K3sProvider.ID) && !sealos) {
      problems.add("--host needs a provider that sets a cluster up on hosts, k3s (the default) or sealos, and"
          + " --provider " + cluster.provider + " deploys onto a cluster that is already there; give --provider k3s"
          + " or sealos, or leave --provider out");
    }
    if (realNode) {
      problems.add("--real-node makes the embedded local cluster's node on this machine, and --host sets a cluster"
          + " up on other hosts; leave out one of the two");
    }
    if (sealos) {
      k3sOnly().forEach((option, given) -> {
        if (given) {
          problems.add(option + " is the k3s provider's, and --provider sealos sets the hosts up with sealos"
              + (option.equals("--known-hosts") ? ", which checks no host key itself (sealos v5.1.1 accepts any:"
                  + " lifecycle/pkg/ssh/option.go); check the hosts' fingerprints before you run it" : ""));
        }
      });
      if ((sshKey == null) == (sshPasswordFile == null)) {
        problems.add("--provider sealos with --host needs exactly one of --ssh-key FILE and --ssh-password-file"
            + " FILE: how sealos logs in to the hosts");
      }
      readable(problems, "--ssh-key", sshKey);
      readable(problems, "--ssh-password-file", sshPasswordFile);
    } else if (cluster.provider == null || cluster.provider.equals(K3sProvider.ID)) {
      sealosOnly().forEach((option, given) -> {
        if (given) {
          problems.add(option + " only applies with --provider sealos, and the hosts are set up with k3s");
        }
      });
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
    }
    List<Host> hosts = new ArrayList<>();
    servers.forEach(text -> parse(problems, "--host", text, hosts));
    agents.forEach(text -> parse(problems, "--agent", text, hosts));
    if (problems.isEmpty()
        && provider(cluster).supports(new Target.Hosts(hosts)) instanceof Support.Unsupported no) {
      problems.add(no.reason());
    }
    return problems;
  }

  /** The k3s provider's own options, and whether each was given. */
  private Map<String, Boolean> k3sOnly() {
    Map<String, Boolean> given = new LinkedHashMap<>();
    given.put("--known-hosts", knownHosts != null);
    given.put("--k3s-version", k3sVersion != null);
    given.put("--k3s-binary", k3sBinary != null);
    given.put("--k3s-install-script", installScript != null);
    given.put("--k3s-image", !images.isEmpty());
    return given;
  }

  /** The sealos provider's own options, and whether each was given. */
  private Map<String, Boolean> sealosOnly() {
    Map<String, Boolean> given = new LinkedHashMap<>();
    given.put("--ssh-password-file", sshPasswordFile != null);
    given.put("--sealos", sealos != null);
    given.put("--sealos-image", !sealosImages.isEmpty());
    given.put("--yes", yes);
    return given;
  }

  /** The hosts: the {@code --host} servers, then the {@code --agent}s. Call when {@link #problems} is empty. */
  Target target() {
    List<Host> hosts = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    servers.forEach(text -> parse(ignored, "--host", text, hosts));
    agents.forEach(text -> parse(ignored, "--agent", text, hosts));
    return new Target.Hosts(hosts);
  }

  /** The provider that sets the cluster up on {@link #target()}: sealos's with {@code --provider sealos}, else k3s's. */
  DeploymentProvider provider(ClusterOptions cluster) {
    return SealosProvider.ID.equals(cluster.provider) ? sealosProvider() : k3sProvider();
  }

  /** The k3s provider; the {@code --host}s are its servers. */
  private K3sProvider k3sProvider() {
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

  /** The sealos provider; the {@code --host}s are its masters. */
  private SealosProvider sealosProvider() {
    SealosProvisioning.Builder provisioning = SealosProvisioning.builder().masters(Math.max(1, servers.size()))
        .confirm(yes);
    if (sshKey != null) {
      provisioning.privateKey(sshKey.toAbsolutePath());
    }
    if (sshPasswordFile != null) {
      provisioning.passwordFile(sshPasswordFile);
    }
    if (sealos != null) {
      provisioning.sealos(sealos);
    }
    if (!sealosImages.isEmpty()) {
      provisioning.images(sealosImages);
    }
    if (sealosRuntimeRoot != null) {
      provisioning.runtimeRoot(sealosRuntimeRoot);
    }
    return new SealosProvider(SealosOptions.DEFAULT, provisioning.build());
  }

  /** What to tell after OpenIM is up on the hosts: where the cluster's admin kubeconfig is. */
  String afterword(ClusterOptions cluster) {
    if (SealosProvider.ID.equals(cluster.provider)) {
      return "Kubernetes runs on " + firstServer() + ", set up by sealos from this machine. Its admin kubeconfig is"
          + " " + (sealosRuntimeRoot == null ? "~/.sealos" : sealosRuntimeRoot.toString()) + "/default/etc/admin.conf"
          + " here (it holds the cluster's admin credentials): replace its server apiserver.cluster.local with the"
          + " first master's address to run status, history, rollback or down with --kubeconfig and --provider"
          + " sealos.";
    }
    return "k3s runs on " + firstServer() + ". Its admin kubeconfig is /etc/rancher/k3s/k3s.yaml there: copy it (it"
        + " holds the cluster's admin credentials) and replace its server address 127.0.0.1 with the host's to run"
        + " status, history, rollback or down with --kubeconfig.";
  }

  /** The first server, as messages name it. */
  String firstServer() {
    return servers.isEmpty() ? "" : servers.get(0);
  }

  private static void stray(List<String> problems, String option, boolean given) {
    if (given) {
      problems.add(option + " only applies with --host, which names the hosts to set a cluster up on");
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
