/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import io.openim.deploy.ProvisioningException;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.Host;
import io.openim.deploy.Secret;
import io.openim.deploy.k3s.internal.K3sFiles;
import io.openim.deploy.k3s.internal.SshHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Sets k3s up on hosts over SSH: one server, or several with embedded etcd (the first with {@code
 * cluster-init}), and agents that join with the token. Version and flags go into k3s's config file,
 * not onto command lines, so no credential is ever in a command. Air-gapped hosts get the k3s
 * binary, the install script and image tarballs uploaded, and install without downloading.
 *
 * <p>Idempotent: a host whose config and binary already match is left alone. Host keys are checked
 * against a known-hosts file; an unknown or changed key is refused. Every remote command and its
 * exit code is a {@link io.openim.deploy.DeploymentEvent.RemoteCommand} event.
 *
 * <pre>{@code
 * String kubeconfig = K3sInstall.builder(Path.of("/home/me/.ssh/id_rsa"), Path.of("/home/me/.ssh/known_hosts"))
 *     .server(Host.ssh("10.0.0.11", "root"))
 *     .agent(Host.ssh("10.0.0.12", "root"))
 *     .version("v1.36.2+k3s1")
 *     .build()
 *     .run();
 * }</pre>
 *
 * @since 0.1
 */
public final class K3sInstall {
  private final Builder b;

  private K3sInstall(Builder builder) {
    this.b = builder;
  }

  /** A builder that authenticates with the private key {@code identity} and trusts {@code knownHosts}. */
  public static Builder builder(Path identity, Path knownHosts) {
    return new Builder(identity, knownHosts);
  }

  /**
   * Installs or checks every host, servers first, and returns an admin kubeconfig whose server is
   * the first server's address, on the port k3s wrote into it. Without {@link Builder#token}, the
   * token the first server already has is kept (from its config file, else from k3s's own token
   * file), so running again with the same settings changes nothing; only a first install makes a
   * random one.
   *
   * @throws ProvisioningException naming the host and command that failed, with its output
   */
  public String run() {
    return withClient(client -> {
      Host first = b.servers.get(0);
      String kubeconfig;
      Secret token;
      try (SshHost host = SshHost.connect(client, first, b.listener, b.timeout)) {
        token = b.token != null ? b.token : existingToken(host).orElseGet(() -> Secret.random(48));
        install(host, "server", serverConfig(0, first, token));
        kubeconfig = fetchKubeconfig(host, first);
      }
      for (int i = 1; i < b.servers.size(); i++) {
        try (SshHost host = SshHost.connect(client, b.servers.get(i), b.listener, b.timeout)) {
          install(host, "server", serverConfig(i, first, token));
        }
      }
      for (Host agent : b.agents) {
        try (SshHost host = SshHost.connect(client, agent, b.listener, b.timeout)) {
          install(host, "agent", agentConfig(first, token));
        }
      }
      return kubeconfig;
    });
  }

  /**
   * The admin kubeconfig {@link #run()} would return, if k3s has already written one on the first
   * server; empty where k3s is not set up there. Reads one file over SFTP, runs no command and
   * changes nothing.
   *
   * @throws ProvisioningException if the first server cannot be reached or trusted
   */
  public Optional<String> kubeconfig() {
    return withClient(client -> {
      Host first = b.servers.get(0);
      try (SshHost host = SshHost.connect(client, first, b.listener, b.timeout)) {
        return host.read(kubeconfigPath()).filter(content -> content.length > 0)
            .map(content -> K3sFiles.kubeconfigFor(new String(content, StandardCharsets.UTF_8), first));
      }
    });
  }

  /** Where k3s writes the admin kubeconfig on a server, under {@link Builder#root}. */
  public String kubeconfigPath() {
    return b.root + "etc/rancher/k3s/k3s.yaml";
  }

  /** An SSH client that trusts the known hosts and logs in with the key, for {@code body}. */
  private <T> T withClient(Function<SshClient, T> body) {
    String name = SshHost.nameOf(b.servers.get(0));
    requireReadable(name, "the SSH key", b.identity);
    requireReadable(name, "the known hosts file", b.knownHosts);
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, b.knownHosts));
    client.setKeyIdentityProvider(new FileKeyPairProvider(b.identity));
    client.start();
    try {
      return body.apply(client);
    } finally {
      client.stop();
    }
  }

  private static void requireReadable(String host, String what, Path file) {
    if (!Files.isReadable(file)) {
      throw new ProvisioningException(host, "cannot read " + what + " " + file + " on this machine, so no host was"
          + " contacted; check the path");
    }
  }

  /** The token of an earlier install on the first server: from its config file, else from k3s's token file. */
  private Optional<Secret> existingToken(SshHost host) {
    Optional<String> configured = host.read(b.root + "etc/rancher/k3s/config.yaml")
        .flatMap(content -> K3sFiles.token(new String(content, StandardCharsets.UTF_8)));
    if (configured.isPresent()) {
      return configured.map(Secret::of);
    }
    return host.read(b.root + "var/lib/rancher/k3s/server/token")
        .map(content -> new String(content, StandardCharsets.UTF_8).strip()).filter(t -> !t.isEmpty()).map(Secret::of);
  }

  private void install(SshHost host, String role, Map<String, Object> config) {
    String etc = b.root + "etc/rancher/k3s";
    String images = b.root + "var/lib/rancher/k3s/agent/images";
    String bin = b.root + "usr/local/bin";
    host.run("mkdir -p " + etc + " " + images + " " + bin);
    byte[] wanted = yaml(config).getBytes(StandardCharsets.UTF_8);
    Optional<byte[]> existing = host.read(etc + "/config.yaml");
    boolean configSame = existing.isPresent() && Arrays.equals(existing.get(), wanted);
    boolean binarySame = b.binary == null || host.run("if [ -f " + bin + "/k3s ]; then sha256sum " + bin
        + "/k3s | cut -d' ' -f1; fi").strip().equals(sha256(b.binary));
    boolean installed = host.read(b.root + "var/lib/rancher/k3s/openim-deploy-installed").isPresent();
    if (configSame && binarySame && installed) {
      return; // nothing to change on this host
    }
    host.write(etc + "/config.yaml", wanted, 0600);
    for (Path image : b.images) {
      host.upload(image, images + "/" + image.getFileName(), 0644);
    }
    StringBuilder env = new StringBuilder("INSTALL_K3S_EXEC=" + role + " INSTALL_K3S_BIN_DIR=" + bin
        + " K3S_CONFIG_FILE=" + etc + "/config.yaml");
    if (b.version != null) {
      env.append(" INSTALL_K3S_VERSION=").append(b.version);
    }
    if (b.binary != null) {
      host.upload(b.binary, bin + "/k3s", 0755);
      env.append(" INSTALL_K3S_SKIP_DOWNLOAD=true");
    }
    if (b.script != null) {
      String script = b.root + "var/lib/rancher/k3s/install.sh";
      host.upload(b.script, script, 0700);
      host.run(env + " sh " + script);
    } else {
      host.run("curl -sfL https://get.k3s.io | " + env + " sh -");
    }
    host.write(b.root + "var/lib/rancher/k3s/openim-deploy-installed", wanted, 0600);
  }

  private String fetchKubeconfig(SshHost host, Host first) {
    String path = kubeconfigPath();
    host.run("i=0; while [ ! -s " + path + " ] && [ $i -lt " + b.timeout.toSeconds() + " ]; do sleep 1;"
        + " i=$((i+1)); done; test -s " + path);
    return K3sFiles.kubeconfigFor(new String(host.read(path).orElseThrow(), StandardCharsets.UTF_8), first);
  }

  /** The first server's supervisor and API address, where the others join. */
  private String joinUrl(Host first) {
    Object port = b.flags.getOrDefault("https-listen-port", K3sFiles.API_PORT);
    return "https://" + K3sFiles.urlHost(first.address()) + ":" + port;
  }

  /** The config file of server {@code index}; package-private for tests. */
  Map<String, Object> serverConfig(int index, Host first, Secret token) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("token", token.reveal());
    if (index == 0 && b.servers.size() > 1) {
      config.put("cluster-init", Boolean.TRUE);
    }
    if (index > 0) {
      config.put("server", joinUrl(first));
    }
    config.put("tls-san", List.of(b.servers.get(index).address()));
    config.put("write-kubeconfig", b.root + "etc/rancher/k3s/k3s.yaml");
    config.put("write-kubeconfig-mode", "0600");
    config.putAll(b.flags);
    return config;
  }

  /** The config file of an agent; package-private for tests. */
  Map<String, Object> agentConfig(Host first, Secret token) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("token", token.reveal());
    config.put("server", joinUrl(first));
    return config;
  }

  private static String yaml(Map<String, Object> config) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return "# written by openim-deploy; k3s reads it at start\n" + new Yaml(options).dump(config);
  }

  private static String sha256(Path file) {
    try {
      return sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Configures a {@link K3sInstall}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Path identity;
    private final Path knownHosts;
    private final List<Host> servers = new ArrayList<>();
    private final List<Host> agents = new ArrayList<>();
    private final List<Path> images = new ArrayList<>();
    private final Map<String, Object> flags = new LinkedHashMap<>();
    private @Nullable String version;
    private @Nullable Secret token;
    private @Nullable Path binary;
    private @Nullable Path script;
    private String root = "/";
    private DeploymentListener listener = DeploymentListener.NONE;
    private Duration timeout = Duration.ofMinutes(5);

    private Builder(Path identity, Path knownHosts) {
      this.identity = Objects.requireNonNull(identity, "identity");
      this.knownHosts = Objects.requireNonNull(knownHosts, "knownHosts");
    }

    /** A server; the first one starts the cluster, the others join it with embedded etcd. */
    public Builder server(Host host) {
      servers.add(Objects.requireNonNull(host, "host"));
      return this;
    }

    /** An agent that joins the first server. */
    public Builder agent(Host host) {
      agents.add(Objects.requireNonNull(host, "host"));
      return this;
    }

    /** The k3s version, such as {@code v1.36.2+k3s1}; the install script's default unless set. */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** The cluster token; unless set, the one the first server already has, else a random one. */
    public Builder token(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /** A k3s flag for the servers' config file ({@code disable}, {@code cluster-cidr}, ...). */
    public Builder flag(String name, Object value) {
      flags.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Air gap: upload this k3s binary and install script, and install without downloading. */
    public Builder airGap(Path k3sBinary, Path installScript) {
      this.binary = Objects.requireNonNull(k3sBinary, "k3sBinary");
      this.script = Objects.requireNonNull(installScript, "installScript");
      return this;
    }

    /** An image tarball to place in each host's agent images folder, imported by k3s. */
    public Builder image(Path tarball) {
      images.add(Objects.requireNonNull(tarball, "tarball"));
      return this;
    }

    /** A folder that stands for {@code /} on the hosts, ending in {@code /}; for tests. */
    public Builder root(String root) {
      if (!root.startsWith("/") || !root.endsWith("/")) {
        throw new IllegalArgumentException("root must be an absolute folder ending in '/', but was '" + root + "'");
      }
      this.root = root;
      return this;
    }

    /** Where remote-command events go. */
    public Builder listener(DeploymentListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** How long connecting, a command, and waiting for the kubeconfig may take; 5 minutes unless set. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Checks the hosts and builds. */
    public K3sInstall build() {
      if (servers.isEmpty()) {
        throw new IllegalStateException("no server: call server(...) at least once");
      }
      if (servers.size() == 2) {
        throw new IllegalStateException("embedded etcd needs an odd number of servers for quorum: 1, 3, 5, but was 2");
      }
      return new K3sInstall(this);
    }
  }
}
