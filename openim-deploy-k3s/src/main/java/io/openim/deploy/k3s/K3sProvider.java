/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import io.openim.deploy.Deployer;
import io.openim.deploy.Target;
import io.openim.deploy.k3s.internal.K3sDeployer;
import io.openim.deploy.core.ProvisionedDeployer;
import io.openim.deploy.k3s.internal.K3sDefaults;
import io.openim.deploy.k3s.internal.K3sHosts;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import io.openim.deploy.Support;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * OpenIM on k3s: the plan gets k3s's defaults ({@link K3sOptions}), and is delivered by the
 * engine's direct apply or through k3s's own HelmChart resource, onto an existing k3s or onto hosts
 * on which it sets k3s up first.
 *
 * <pre>{@code
 * Deployer openim = OpenImDeploy.builder()
 *     .target(K3sProvider.existing())            // /etc/rancher/k3s/k3s.yaml
 *     .provider(new K3sProvider(K3sOptions.DEFAULT.withDelivery(K3sOptions.Delivery.HELM_CHART)))
 *     .build();
 * }</pre>
 *
 * <h2>On hosts</h2>
 *
 * <p>A {@link Target.Hosts} target is supported when the provider was made with {@link
 * K3sProvisioning} settings (the SSH key, the known-hosts file, which hosts are servers, k3s's
 * version); without them it declines, saying what is missing. Opening the deployer contacts no
 * host. {@code apply} sets k3s up first, over SSH with {@link K3sInstall} (idempotent: hosts already
 * set up are left alone; each remote command is a {@link
 * io.openim.deploy.DeploymentEvent.RemoteCommand} event), then delivers the plan onto that k3s
 * exactly as onto an existing one. A failure while setting k3s up is a {@link
 * io.openim.deploy.DeploymentResult.Failed} naming the host and the command, with nothing of the
 * release applied. {@code plan} reads the cluster when k3s is already up on the first server (its
 * admin kubeconfig is read over SFTP, nothing is changed), so generated credentials keep the
 * release's values; on hosts where k3s is not set up yet it renders the spec offline with k3s's
 * defaults and says so in the plan's warnings. status, history, rollback, destroy, diff, backup
 * and restore work once k3s is up, and otherwise refuse saying that k3s is not set up there.
 *
 * @since 0.1
 */
public final class K3sProvider implements DeploymentProvider {
  /** This provider's id. */
  public static final String ID = "k3s";

  private final K3sOptions options;
  private final @Nullable K3sProvisioning provisioning;

  /** For ServiceLoader: k3s's defaults, direct apply, onto an existing k3s. */
  public K3sProvider() {
    this(K3sOptions.DEFAULT);
  }

  /** A provider with {@code options}, onto an existing k3s. */
  public K3sProvider(K3sOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.provisioning = null;
  }

  /**
   * A provider with {@code options} that also sets k3s up on {@link Target.Hosts} targets with
   * {@code provisioning}, before it deploys there.
   *
   * @since 0.3
   */
  public K3sProvider(K3sOptions options, K3sProvisioning provisioning) {
    this.options = Objects.requireNonNull(options, "options");
    this.provisioning = Objects.requireNonNull(provisioning, "provisioning");
  }

  /** The k3s server on this machine, through the kubeconfig k3s writes. */
  public static Target existing() {
    return existing(K3sOptions.DEFAULT_KUBECONFIG);
  }

  /** A k3s cluster through the kubeconfig at {@code kubeconfig}. */
  public static Target existing(Path kubeconfig) {
    try {
      return Target.kubernetes(Files.readString(kubeconfig));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the k3s kubeconfig " + kubeconfig
          + "; on a k3s server it is readable by root, or copy it and give its path", e);
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return -1;
  }

  /**
   * Yes for a kubeconfig; for hosts, yes when this provider has {@link K3sProvisioning} settings
   * that fit the hosts. Reads no file and contacts no host.
   */
  @Override
  public Support supports(Target target) {
    if (target instanceof Target.Kubernetes) {
      return Support.yes();
    }
    if (target instanceof Target.Hosts hosts) {
      if (provisioning == null) {
        return Support.no("setting k3s up on hosts over SSH needs provisioning settings (the SSH key, the known-hosts"
            + " file, k3s's version), and this k3s provider has none: make it with new K3sProvider(options,"
            + " K3sProvisioning.builder(sshKey, knownHosts)...build()), or on the command line give --ssh-key and"
            + " --known-hosts with --host");
      }
      return provisioning.problem(hosts.hosts()).map(problem -> Support.no("cannot set k3s up on these hosts: "
          + problem)).orElseGet(Support::yes);
    }
    return Support.no("deploys onto an existing k3s (Target.Kubernetes) or sets k3s up on hosts (Target.Hosts),"
        + " but got " + target.getClass().getSimpleName());
  }

  /**
   * A deployer onto the running k3s the context's kubeconfig reaches, or onto the context's hosts,
   * where apply sets k3s up first. Contacts nothing.
   */
  @Override
  public Deployer open(ProviderContext context) {
    if (context.target() instanceof Target.Kubernetes kubernetes) {
      return new K3sDeployer(context, options, kubernetes.kubeconfig().reveal());
    }
    if (context.target() instanceof Target.Hosts hosts && provisioning != null) {
      return new ProvisionedDeployer(ID, new K3sHosts(provisioning, hosts.hosts()),
          admin -> new K3sDeployer(context, options, admin),
          K3sDefaults.flavour(options),
          verb -> K3sDeployer.supports(options, verb), context.listener());
    }
    Support support = supports(context.target());
    throw new IllegalArgumentException("the k3s provider cannot open " + context.target().getClass().getSimpleName()
        + (support instanceof Support.Unsupported no ? ": " + no.reason() : ""));
  }
}
