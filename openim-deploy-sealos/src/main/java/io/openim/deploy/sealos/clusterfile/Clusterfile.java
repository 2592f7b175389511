/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import io.openim.deploy.Host;
import io.openim.deploy.Violation;
import io.openim.deploy.sealos.clusterfile.internal.ClusterfileChecks;
import io.openim.deploy.sealos.clusterfile.internal.ClusterfileReader;
import io.openim.deploy.sealos.clusterfile.internal.ClusterfileWriter;
import io.openim.deploy.sealos.clusterfile.internal.PrivateFiles;
import io.openim.deploy.sealos.clusterfile.internal.Problems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A sealos Clusterfile: the {@code apps.sealos.io/v1beta1} {@code Cluster} document (its name,
 * images, SSH settings, hosts, env and command), then its {@code Config} documents
 * (docs/sealos.md, from sealos v5.1.1's {@code lifecycle/pkg/types/v1beta1/cluster.go}).
 *
 * <pre>{@code
 * Clusterfile file = Clusterfile.builder(Clusterfile.DEFAULT_NAME)
 *     .images(SealosImages.standard())                       // kubernetes, helm, cilium: in that order
 *     .ssh(Ssh.passwordFromFile("root", 22, Path.of("/run/secrets/ssh-password")))
 *     .hosts(List.of(Host.ssh("10.0.0.11", "root"), Host.ssh("10.0.0.12", "root")), 1, Arch.AMD64)
 *     .build();                                              // every problem at once, or a valid file
 * file.writeTo(Path.of("Clusterfile"));                      // 0600: it holds the password
 * LOG.info("Clusterfile:\n{}", file.toPrintableYaml());      // the password masked
 * }</pre>
 *
 * <h2>Valid by construction</h2>
 *
 * Every way to get one (the constructor, {@link Builder#build()}, {@link #parse}) checks the
 * values and throws a {@link ClusterfileException} listing every problem, each with its path in
 * the file: the name a DNS label; images well formed, none twice, the Kubernetes image first and
 * helm before the network plugin; SSH by a key file or a password, with a port from 1 to 65535;
 * at least one master; addresses IPv4 or IPv6 literals (sealos wants IPs), each host in one group
 * only; env entries {@code KEY=VALUE}; each Config matching one of the images with a relative
 * path. No value may hold <code>{{</code>: sealos first runs the whole file through Go's
 * text/template, which would take it as an action. So {@link #toYaml()} always gives a file sealos
 * reads as written, and {@link #parse} reads it back into an equal value.
 *
 * <p>Immutable and thread-safe. {@link #toString()} and {@link #toPrintableYaml()} never show the
 * SSH password or key passphrase; {@link #toYaml()} does, since sealos needs it.
 *
 * @param name the cluster's name ({@code metadata.name}); sealos keeps its state in {@code ~/.sealos/<name>}
 * @param images the cluster images ({@code spec.image}), applied in this order
 * @param ssh how sealos logs in to the hosts ({@code spec.ssh})
 * @param hosts the hosts, in groups ({@code spec.hosts}); the first master is sealos's master0
 * @param env {@code KEY=VALUE} settings for every host ({@code spec.env})
 * @param command a command in place of the images' own ({@code spec.command}); usually empty
 * @param configs the Config documents, written after the Cluster in this order
 * @since 0.3
 */
public record Clusterfile(String name, List<String> images, Ssh ssh, List<HostGroup> hosts, List<String> env,
                          List<String> command, List<ConfigDocument> configs) {
  /** The cluster name sealos uses when none is given. */
  public static final String DEFAULT_NAME = "default";

  /**
   * Checks every value and copies the lists.
   *
   * @throws ClusterfileException listing every problem
   */
  public Clusterfile {
    Objects.requireNonNull(name, "name");
    images = List.copyOf(images);
    Objects.requireNonNull(ssh, "ssh");
    hosts = List.copyOf(hosts);
    env = List.copyOf(env);
    command = List.copyOf(command);
    configs = List.copyOf(configs);
    List<Violation> problems = ClusterfileChecks.of(name, images, ssh, hosts, env, command, configs,
        i -> "documents[" + (i + 1) + "]", true);
    if (!problems.isEmpty()) {
      throw new ClusterfileException(problems.stream().map(Violation::toString).toList());
    }
  }

  /** A builder for the cluster {@code name} ({@link #DEFAULT_NAME} unless you keep several). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding these values, to make a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(name).images(images).ssh(ssh).command(command);
    hosts.forEach(b::hostGroup);
    b.env.addAll(env);
    configs.forEach(b::config);
    return b;
  }

  /**
   * Reads a Clusterfile strictly: what sealos would silently ignore (unknown fields, repeated
   * keys, another {@code apiVersion}) is refused, and so is a {@code status} (sealos writes it),
   * a Cluster that is not the first document, a wrong type, <code>{{</code> anywhere (comments
   * included), and every problem the constructor finds.
   *
   * @throws ClusterfileException listing every problem, each with its path or line
   */
  public static Clusterfile parse(String yaml) {
    Objects.requireNonNull(yaml, "yaml");
    return ClusterfileReader.read(yaml);
  }

  /**
   * Reads and {@linkplain #parse parses} the Clusterfile in {@code file} (UTF-8).
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws ClusterfileException listing every problem of its content
   */
  public static Clusterfile read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the Clusterfile " + file, e);
    }
  }

  /**
   * The file sealos reads: the Cluster document first, then each Config, keys always in the same
   * order, no {@code status}. It holds the SSH password and key passphrase in clear, as sealos
   * needs them: write it with {@link #writeTo}, which only its owner can read.
   */
  public String toYaml() {
    return ClusterfileWriter.write(this, true);
  }

  /** {@link #toYaml()} with the SSH password and key passphrase masked: for logs, plans and dry runs. */
  public String toPrintableYaml() {
    return ClusterfileWriter.write(this, false);
  }

  /**
   * Writes {@link #toYaml()} to {@code file}, readable by its owner only (0600 where the file
   * system has POSIX permissions), atomically: a temporary file beside it is moved over it.
   *
   * @throws UncheckedIOException if it cannot be written
   */
  public void writeTo(Path file) {
    PrivateFiles.writeOwnerOnly(file, toYaml());
  }

  /** The addresses of the master hosts, in order; the first is sealos's master0. */
  public List<String> masters() {
    return hosts.stream().filter(g -> g.roles().contains(Role.MASTER)).flatMap(g -> g.ips().stream()).toList();
  }

  /** The addresses of the hosts that are nodes and not masters, in order. */
  public List<String> nodes() {
    return hosts.stream().filter(g -> g.roles().contains(Role.NODE) && !g.roles().contains(Role.MASTER))
        .flatMap(g -> g.ips().stream()).toList();
  }

  /**
   * Builds a {@link Clusterfile}. Setters take the values as given; {@link #build()} checks them
   * all and reports every problem at once. Not thread-safe.
   *
   * @since 0.3
   */
  public static final class Builder {
    private final String name;
    private final List<String> images = new ArrayList<>();
    private @Nullable Ssh ssh;
    private final List<Pending> groups = new ArrayList<>();
    private final List<Violation> problems = new ArrayList<>();
    private final List<String> env = new ArrayList<>();
    private final List<String> command = new ArrayList<>();
    private final List<ConfigDocument> configs = new ArrayList<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Appends {@code image} to {@code spec.image}; sealos applies them in order. */
    public Builder image(String image) {
      images.add(Objects.requireNonNull(image, "image"));
      return this;
    }

    /** Appends {@code images} to {@code spec.image}, in order ({@link SealosImages#standard()} first). */
    public Builder images(List<String> images) {
      images.forEach(this::image);
      return this;
    }

    /** How sealos logs in to every host. Required. */
    public Builder ssh(Ssh ssh) {
      this.ssh = Objects.requireNonNull(ssh, "ssh");
      return this;
    }

    /** Appends a group of hosts to {@code spec.hosts}. */
    public Builder hostGroup(HostGroup group) {
      groups.add(Pending.whole(Objects.requireNonNull(group, "group")));
      return this;
    }

    /**
     * Appends the {@code hosts} of architecture {@code arch}: the first {@code masters} of them
     * as a group of masters, the others as a group of nodes. A host whose SSH port is not {@link
     * #ssh}'s gets it in its address ({@code IP:port}); every host must log in as {@link #ssh}'s
     * user, as this model has one for all, and must be given by its IP.
     */
    public Builder hosts(List<Host> hosts, int masters, Arch arch) {
      List<Host> all = List.copyOf(hosts);
      Objects.requireNonNull(arch, "arch");
      if (masters < 1 || masters > all.size()) {
        problems.add(new Violation("spec.hosts", "hosts(" + all.size() + " hosts, masters = " + masters + ") needs"
            + " 1 to " + all.size() + " masters; sealos needs at least one"));
      }
      int split = Math.max(0, Math.min(masters, all.size()));
      groups.add(new Pending(null, all.subList(0, split), Role.MASTER, arch));
      groups.add(new Pending(null, all.subList(split, all.size()), Role.NODE, arch));   // either may be empty
      return this;
    }

    /** Appends {@code KEY=VALUE} to {@code spec.env}, for every host. */
    public Builder env(String key, String value) {
      env.add(Objects.requireNonNull(key, "key") + "=" + Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets {@code spec.command}, a command in place of the images' own. */
    public Builder command(List<String> command) {
      this.command.clear();
      this.command.addAll(command);
      return this;
    }

    /** Appends a Config document, written after the Cluster. */
    public Builder config(ConfigDocument config) {
      configs.add(Objects.requireNonNull(config, "config"));
      return this;
    }

    /**
     * The Clusterfile.
     *
     * @throws ClusterfileException listing every problem of the values given
     */
    public Clusterfile build() {
      Problems found = new Problems();
      problems.forEach(v -> found.add(v.path(), v.message()));
      // only the stand-in for missing SSH settings hides the problems under its path
      Problems unset = new Problems();
      Ssh login = ssh == null ? ClusterfileChecks.UNSET_SSH : ssh;
      if (ssh == null) {
        unset.add("spec.ssh", "is not set; call ssh(Ssh.key(user, port, keyFile)) or"
            + " ssh(Ssh.passwordFromFile(user, port, passwordFile))");
      }
      List<HostGroup> hosts = new ArrayList<>();
      for (Pending pending : groups) {
        if (pending.group() != null) {
          hosts.add(pending.group());
        } else if (!pending.hosts().isEmpty()) {
          hosts.add(pending.resolve(login, "spec.hosts[" + hosts.size() + "]", found));
        }
      }
      unset.addUncovered(ClusterfileChecks.of(name, images, login, hosts, env, command, configs,
          i -> "documents[" + (i + 1) + "]", true));
      unset.all().forEach(v -> found.add(v.path(), v.message()));
      found.throwIfAny();
      return new Clusterfile(name, images, login, hosts, env, command, configs);
    }

    /** A group given whole, or hosts of one role whose addresses wait for the SSH port. */
    private record Pending(@Nullable HostGroup group, List<Host> hosts, Role role, Arch arch) {
      static Pending whole(HostGroup group) {
        return new Pending(group, List.of(), group.roles().isEmpty() ? Role.NODE : group.roles().get(0), group.arch());
      }

      HostGroup resolve(Ssh login, String path, Problems found) {
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
          Host host = hosts.get(i);
          ips.add(host.port() == login.port() ? host.address() : HostGroup.address(host.address(), host.port()));
          if (!login.user().isEmpty() && !host.user().equals(login.user())) {
            found.add(path + ".ips[" + i + "]", "the host " + host.address() + " logs in as '" + host.user()
                + "', but spec.ssh.user is '" + login.user() + "'; this model has one SSH user for every host:"
                + " give them all the same");
          }
        }
        return new HostGroup(ips, List.of(role), arch, List.of());
      }
    }
  }
}
