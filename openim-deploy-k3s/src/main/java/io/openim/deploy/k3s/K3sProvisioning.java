/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import io.openim.deploy.DeploymentListener;
import io.openim.deploy.Host;
import io.openim.deploy.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the k3s provider sets k3s up on a {@link io.openim.deploy.Target.Hosts} target before it
 * deploys there: the SSH key and known-hosts file, how many of the hosts are servers, and k3s's
 * version, token, flags and air-gap files. Each apply runs {@link K3sInstall} with these settings
 * on the target's hosts, which leaves hosts already set up alone.
 *
 * <pre>{@code
 * Deployer openim = OpenImDeploy.builder()
 *     .target(Target.hosts(Host.ssh("10.0.0.11", "root"), Host.ssh("10.0.0.12", "root")))
 *     .provider(new K3sProvider(K3sOptions.DEFAULT,
 *         K3sProvisioning.builder(Path.of("/home/me/.ssh/id_ed25519"), Path.of("/home/me/.ssh/known_hosts"))
 *             .version("v1.36.2+k3s1")
 *             .build()))                  // the first host is the server, the other an agent
 *     .build();
 * }</pre>
 *
 * <p>The first {@link Builder#servers(int)} hosts of the target are k3s servers (one unless set:
 * the first host starts the cluster), the others agents that join it. Immutable and thread-safe;
 * the token, when given, is a {@link Secret} and never printed.
 *
 * @since 0.3
 */
public final class K3sProvisioning {
  private final Path identity;
  private final Path knownHosts;
  private final int servers;
  private final @Nullable String version;
  private final @Nullable Secret token;
  private final Map<String, Object> flags;
  private final @Nullable Path binary;
  private final @Nullable Path script;
  private final List<Path> images;
  private final String root;
  private final Duration timeout;

  private K3sProvisioning(Builder b) {
    this.identity = b.identity;
    this.knownHosts = b.knownHosts;
    this.servers = b.servers;
    this.version = b.version;
    this.token = b.token;
    // insertion order kept: the config file must come out byte for byte the same on every run
    this.flags = Collections.unmodifiableMap(new LinkedHashMap<>(b.flags));
    this.binary = b.binary;
    this.script = b.script;
    this.images = List.copyOf(b.images);
    this.root = b.root;
    this.timeout = b.timeout;
  }

  /** A builder that logs in with the private key {@code identity} and trusts the keys in {@code knownHosts}. */
  public static Builder builder(Path identity, Path knownHosts) {
    return new Builder(identity, knownHosts);
  }

  /** How many of the target's hosts, from the first, are k3s servers. */
  public int servers() {
    return servers;
  }

  /** The k3s version, if one is set; otherwise the install script's default. */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /**
   * Why these settings cannot set k3s up on {@code hosts}, or empty when they can. Looks at the
   * settings and the host list only: no file is read and no host is contacted.
   */
  public Optional<String> problem(List<Host> hosts) {
    if (servers > hosts.size()) {
      return Optional.of("servers(" + servers + ") asks for " + servers + " k3s servers, but the target has "
          + hosts.size() + (hosts.size() == 1 ? " host" : " hosts") + "; give more hosts or fewer servers");
    }
    try {
      install(hosts, DeploymentListener.NONE);
      return Optional.empty();
    } catch (IllegalStateException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /**
   * The install of k3s on {@code hosts} with these settings, its remote commands reported to
   * {@code listener}: the first {@link #servers()} hosts as servers, the rest as agents.
   *
   * @throws IllegalStateException if the hosts do not make a cluster ({@link #problem} says why)
   */
  public K3sInstall install(List<Host> hosts, DeploymentListener listener) {
    K3sInstall.Builder install = K3sInstall.builder(identity, knownHosts).root(root).timeout(timeout).listener(listener);
    for (int i = 0; i < hosts.size(); i++) {
      if (i < servers) {
        install.server(hosts.get(i));
      } else {
        install.agent(hosts.get(i));
      }
    }
    if (version != null) {
      install.version(version);
    }
    if (token != null) {
      install.token(token);
    }
    flags.forEach(install::flag);
    if (binary != null && script != null) {
      install.airGap(binary, script);
    }
    images.forEach(install::image);
    return install.build();
  }

  @Override
  public String toString() {
    return "K3sProvisioning[key " + identity + ", known hosts " + knownHosts + ", " + servers
        + (servers == 1 ? " server" : " servers") + (version == null ? "" : ", k3s " + version)
        + (binary == null ? "" : ", air gap") + "]";
  }

  /**
   * Configures {@link K3sProvisioning}. Not thread-safe.
   *
   * @since 0.3
   */
  public static final class Builder {
    private final Path identity;
    private final Path knownHosts;
    private int servers = 1;
    private @Nullable String version;
    private @Nullable Secret token;
    private final Map<String, Object> flags = new LinkedHashMap<>();
    private @Nullable Path binary;
    private @Nullable Path script;
    private final List<Path> images = new ArrayList<>();
    private String root = "/";
    private Duration timeout = Duration.ofMinutes(5);

    private Builder(Path identity, Path knownHosts) {
      this.identity = Objects.requireNonNull(identity, "identity");
      this.knownHosts = Objects.requireNonNull(knownHosts, "knownHosts");
    }

    /** How many of the target's hosts, from the first, are servers; 1 unless set, 3 or 5 for embedded etcd. */
    public Builder servers(int servers) {
      if (servers < 1) {
        throw new IllegalArgumentException("servers must be at least 1, but was " + servers);
      }
      this.servers = servers;
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

    /** How long connecting, a command, and waiting for the kubeconfig may take; 5 minutes unless set. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The settings. */
    public K3sProvisioning build() {
      return new K3sProvisioning(this);
    }
  }
}
