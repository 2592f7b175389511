/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos;

import io.openim.deploy.Host;
import io.openim.deploy.Secret;
import io.openim.deploy.sealos.clusterfile.Arch;
import io.openim.deploy.sealos.clusterfile.Clusterfile;
import io.openim.deploy.sealos.clusterfile.ClusterfileException;
import io.openim.deploy.sealos.clusterfile.SealosImages;
import io.openim.deploy.sealos.clusterfile.Ssh;
import io.openim.deploy.sealos.internal.SealosHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the sealos provider sets Kubernetes up on a {@link io.openim.deploy.Target.Hosts} target
 * before it deploys there: how sealos logs in to the hosts (a private key, or a password read from
 * a file), how many of the hosts are masters, which cluster images, and where the {@code sealos}
 * executable and its state are. sealos runs on this machine and reaches the hosts over SSH itself
 * (docs: sealos drives every host from the one it runs on), so it must be installed here, usually
 * on the first master or a bastion next to the hosts.
 *
 * <pre>{@code
 * SealosProvisioning settings = SealosProvisioning.builder()
 *     .privateKey(Path.of("/root/.ssh/id_ed25519"))   // or .passwordFile(Path.of("/root/ssh-password"))
 *     .masters(3)                                     // the first three hosts
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. The password and passphrase files are read only when a
 * Clusterfile is made, at apply; they are {@link Secret}s from then on and never printed.
 *
 * @since 0.3
 */
public final class SealosProvisioning {
  /**
   * The cluster images installed unless set, in the order sealos needs (Kubernetes first, Helm
   * before the network plugin): Kubernetes v1.28.15, Helm v3.16.2, Cilium v1.17.1, then OpenEBS
   * v3.10.0 for storage and Higress v2.1.3 for ingress, which {@link SealosOptions#DEFAULT} assumes
   * (sealos v5.1.1, scripts/cloud/install-v2.sh; docs/sealos.md).
   */
  public static final List<String> DEFAULT_IMAGES = List.of(SealosImages.KUBERNETES, SealosImages.HELM,
      SealosImages.CILIUM, SealosImages.OPENEBS, SealosImages.HIGRESS);

  private final Path sealos;
  private final @Nullable Path privateKey;
  private final @Nullable Path passphraseFile;
  private final @Nullable Path passwordFile;
  private final int masters;
  private final List<String> images;
  private final Arch arch;
  private final String cluster;
  private final @Nullable Path runtimeRoot;
  private final Duration stepTimeout;
  private final boolean confirm;

  private SealosProvisioning(Builder b) {
    this.sealos = b.sealos;
    this.privateKey = b.privateKey;
    this.passphraseFile = b.passphraseFile;
    this.passwordFile = b.passwordFile;
    this.masters = b.masters;
    this.images = List.copyOf(b.images);
    this.arch = b.arch;
    this.cluster = b.cluster;
    this.runtimeRoot = b.runtimeRoot;
    this.stepTimeout = b.stepTimeout;
    this.confirm = b.confirm;
  }

  /** A builder; a private key or a password file is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code sealos} executable: a path, or a name looked up on PATH. */
  public Path sealos() {
    return sealos;
  }

  /** The cluster's name ({@code metadata.name} of its Clusterfile). */
  public String cluster() {
    return cluster;
  }

  /** Where sealos keeps its state ({@code SEALOS_RUNTIME_ROOT}), if set; {@code ~/.sealos} otherwise. */
  public Optional<Path> runtimeRoot() {
    return Optional.ofNullable(runtimeRoot);
  }

  /** How long one sealos step may run. */
  public Duration stepTimeout() {
    return stepTimeout;
  }

  /** Whether sealos's confirmation prompts are answered (the CLI's {@code --yes}). */
  public boolean confirm() {
    return confirm;
  }

  /**
   * The admin kubeconfig of the cluster sealos set up on {@code hosts} from this machine, its server
   * moved from {@code apiserver.cluster.local} to the first host's address (the API server's
   * certificate names every master), for use from outside the cluster; empty if sealos keeps no
   * such cluster here. Reads sealos's state; runs nothing. It holds the cluster's admin
   * credentials: keep it secret.
   */
  public Optional<String> kubeconfig(List<Host> hosts) {
    return new SealosHosts(this, hosts).kubeconfig();
  }

  /**
   * Why a Clusterfile cannot be made for {@code hosts} with these settings (every problem, with its
   * place), or empty if it can. Reads no file: the password file is read at apply.
   */
  public Optional<String> problem(List<Host> hosts) {
    try {
      clusterfile(hosts, ssh(hosts, Secret.of("checked-at-apply")));
      return Optional.empty();
    } catch (ClusterfileException e) {
      return Optional.of(String.join("; ", e.problems()));
    }
  }

  /**
   * The Clusterfile for {@code hosts}: the first {@link Builder#masters(int)} are masters, the
   * others nodes, all of {@link Builder#arch(Arch)}; reads the password or passphrase file.
   *
   * @throws ClusterfileException listing every problem, or if a file cannot be read
   */
  public Clusterfile clusterfile(List<Host> hosts) {
    return clusterfile(hosts, null);
  }

  private Clusterfile clusterfile(List<Host> hosts, @Nullable Ssh checked) {
    Ssh ssh = checked != null ? checked : ssh(hosts, null);
    return Clusterfile.builder(cluster).images(images).ssh(ssh).hosts(hosts, masters, arch).build();
  }

  private Ssh ssh(List<Host> hosts, @Nullable Secret placeholder) {
    Host first = hosts.get(0);
    if (privateKey != null) {
      if (passphraseFile == null) {
        return Ssh.key(first.user(), first.port(), privateKey);
      }
      return placeholder != null ? new Ssh(first.user(), first.port(), privateKey, null, placeholder)
          : Ssh.key(first.user(), first.port(), privateKey, passphraseFile);
    }
    return placeholder != null ? new Ssh(first.user(), first.port(), null, placeholder, null)
        : Ssh.passwordFromFile(first.user(), first.port(), Objects.requireNonNull(passwordFile, "passwordFile"));
  }

  /**
   * Configures {@link SealosProvisioning}. Not thread-safe.
   *
   * @since 0.3
   */
  public static final class Builder {
    private Path sealos = Path.of("sealos");
    private @Nullable Path privateKey;
    private @Nullable Path passphraseFile;
    private @Nullable Path passwordFile;
    private int masters = 1;
    private List<String> images = DEFAULT_IMAGES;
    private Arch arch = Arch.AMD64;
    private String cluster = Clusterfile.DEFAULT_NAME;
    private @Nullable Path runtimeRoot;
    private Duration stepTimeout = Duration.ofMinutes(30);
    private boolean confirm;

    private Builder() {}

    /** The {@code sealos} executable; {@code sealos} on PATH unless set. */
    public Builder sealos(Path sealos) {
      this.sealos = Objects.requireNonNull(sealos, "sealos");
      return this;
    }

    /** sealos logs in with this private key file (absolute, on this machine), without a passphrase. */
    public Builder privateKey(Path privateKey) {
      this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
      return this;
    }

    /** The private key's passphrase, read from this file at apply. */
    public Builder passphraseFile(Path passphraseFile) {
      this.passphraseFile = Objects.requireNonNull(passphraseFile, "passphraseFile");
      return this;
    }

    /** sealos logs in with the password read from this file at apply (instead of a key). */
    public Builder passwordFile(Path passwordFile) {
      this.passwordFile = Objects.requireNonNull(passwordFile, "passwordFile");
      return this;
    }

    /** How many of the target's hosts, from the first, are masters; one unless set. */
    public Builder masters(int masters) {
      this.masters = masters;
      return this;
    }

    /** The cluster images, in sealos's order; {@link #DEFAULT_IMAGES} unless set. */
    public Builder images(List<String> images) {
      this.images = List.copyOf(images);
      return this;
    }

    /** The hosts' architecture; amd64 unless set. */
    public Builder arch(Arch arch) {
      this.arch = Objects.requireNonNull(arch, "arch");
      return this;
    }

    /** The cluster's name; {@value Clusterfile#DEFAULT_NAME} unless set. */
    public Builder cluster(String cluster) {
      this.cluster = Objects.requireNonNull(cluster, "cluster");
      return this;
    }

    /** Where sealos keeps its state ({@code SEALOS_RUNTIME_ROOT}); {@code ~/.sealos} unless set. */
    public Builder runtimeRoot(Path runtimeRoot) {
      this.runtimeRoot = Objects.requireNonNull(runtimeRoot, "runtimeRoot");
      return this;
    }

    /** How long one sealos step may run before it is stopped; 30 minutes unless set. */
    public Builder stepTimeout(Duration stepTimeout) {
      this.stepTimeout = Objects.requireNonNull(stepTimeout, "stepTimeout");
      return this;
    }

    /** Answer sealos's confirmation prompts (the CLI's {@code --yes}); off unless set. */
    public Builder confirm(boolean confirm) {
      this.confirm = confirm;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalArgumentException listing every problem: neither or both of a key and a
     *     password file, a passphrase without a key, no image, a step timeout that is not positive
     */
    public SealosProvisioning build() {
      List<String> problems = new ArrayList<>();
      if ((privateKey == null) == (passwordFile == null)) {
        problems.add("give exactly one of privateKey(...) and passwordFile(...): sealos logs in with one of them");
      }
      if (passphraseFile != null && privateKey == null) {
        problems.add("passphraseFile(...) is the private key's passphrase, but no privateKey(...) was given");
      }
      if (images.isEmpty()) {
        problems.add("images(...) is empty: sealos needs at least the Kubernetes image");
      }
      if (stepTimeout.isNegative() || stepTimeout.isZero()) {
        problems.add("stepTimeout must be positive, but was " + stepTimeout);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("invalid sealos provisioning settings:\n  - " + String.join("\n  - ",
            problems));
      }
      return new SealosProvisioning(this);
    }
  }
}
