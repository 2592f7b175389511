/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos;

import io.openim.deploy.Deployer;
import io.openim.deploy.Support;
import io.openim.deploy.Target;
import io.openim.deploy.core.KubernetesDeployer;
import io.openim.deploy.core.ProvisionedDeployer;
import io.openim.deploy.sealos.internal.SealosHosts;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * OpenIM on a cluster set up with sealos: the plan gets sealos's defaults ({@link SealosOptions}:
 * OpenEBS's hostpath storage, Higress ingress) and is delivered by the engine's server-side apply,
 * onto an existing sealos cluster or onto hosts on which it runs {@code sealos apply} first.
 *
 * <pre>{@code
 * Deployer openim = OpenImDeploy.builder()
 *     .target(Target.hosts(Host.ssh("10.0.0.11", "root"), Host.ssh("10.0.0.12", "root")))
 *     .provider(new SealosProvider(SealosOptions.DEFAULT,
 *         SealosProvisioning.builder().privateKey(Path.of("/root/.ssh/id_ed25519")).build()))
 *     .build();
 * openim.deploy(spec).orThrow();   // sealos apply -f Clusterfile, then OpenIM
 * }</pre>
 *
 * <h2>On hosts</h2>
 *
 * <p>A {@link Target.Hosts} target is supported when the provider was made with {@link
 * SealosProvisioning} settings; without them it declines, saying what is missing. Opening the
 * deployer runs nothing. {@code apply} writes a Clusterfile from the hosts and the settings,
 * checks it strictly, runs {@code sealos apply -f} on it (sealos's idempotent step: the same file
 * again changes nothing; each line sealos prints is a {@link
 * io.openim.deploy.DeploymentEvent.CommandOutput} event), takes the admin kubeconfig sealos keeps
 * with its server rewritten to the first master's address, and delivers the plan onto that
 * cluster. A failure of sealos is a {@link io.openim.deploy.DeploymentResult.Failed} with the
 * step, its exit code and the tail of its output, with nothing of the release applied. {@code
 * plan} reads the cluster when sealos already set it up (its saved kubeconfig exists), and
 * otherwise renders offline with sealos's defaults and says so in a warning.
 *
 * @since 0.3
 */
public final class SealosProvider implements DeploymentProvider {
  /** This provider's id. */
  public static final String ID = "sealos";

  private final SealosOptions options;
  private final @Nullable SealosProvisioning provisioning;

  /** For ServiceLoader: sealos's defaults, onto an existing sealos cluster. */
  public SealosProvider() {
    this(SealosOptions.DEFAULT);
  }

  /** A provider with {@code options}, onto an existing sealos cluster. */
  public SealosProvider(SealosOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.provisioning = null;
  }

  /** A provider with {@code options} that also sets the cluster up on hosts with sealos first. */
  public SealosProvider(SealosOptions options, SealosProvisioning provisioning) {
    this.options = Objects.requireNonNull(options, "options");
    this.provisioning = Objects.requireNonNull(provisioning, "provisioning");
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
   * Yes for a kubeconfig; for hosts, yes when this provider has {@link SealosProvisioning}
   * settings that fit the hosts. Reads no file, runs nothing.
   */
  @Override
  public Support supports(Target target) {
    if (target instanceof Target.Kubernetes) {
      return Support.yes();
    }
    if (target instanceof Target.Hosts hosts) {
      if (provisioning == null) {
        return Support.no("setting a cluster up on hosts with sealos needs provisioning settings (the SSH key or"
            + " password file, the cluster images), and this sealos provider has none: make it with new"
            + " SealosProvider(options, SealosProvisioning.builder()...build()), or on the command line give"
            + " --provider sealos with --host and --ssh-key or --ssh-password-file");
      }
      return provisioning.problem(hosts.hosts())
          .map(problem -> Support.no("cannot set a cluster up with sealos on these hosts: " + problem))
          .orElseGet(Support::yes);
    }
    return Support.no("deploys onto a cluster sealos set up (Target.Kubernetes) or sets one up on hosts"
        + " (Target.Hosts), but got " + target.getClass().getSimpleName());
  }

  /** A deployer onto the cluster the kubeconfig reaches, or onto the hosts, where apply runs sealos first. */
  @Override
  public Deployer open(ProviderContext context) {
    if (context.target() instanceof Target.Kubernetes kubernetes) {
      return onCluster(context, kubernetes.kubeconfig().reveal());
    }
    if (context.target() instanceof Target.Hosts hosts && provisioning != null) {
      return new ProvisionedDeployer(ID, new SealosHosts(provisioning, hosts.hosts()),
          admin -> onCluster(context, admin), options.flavour(), verb -> Support.yes(), context.listener());
    }
    Support support = supports(context.target());
    throw new IllegalArgumentException("the sealos provider cannot open " + context.target().getClass().getSimpleName()
        + (support instanceof Support.Unsupported no ? ": " + no.reason() : ""));
  }

  private KubernetesDeployer onCluster(ProviderContext context, String kubeconfig) {
    return KubernetesDeployer.builder().kubeconfig(kubeconfig).listener(context.listener())
        .objectTimeout(context.objectTimeout()).timeout(context.timeout()).force(context.force())
        .flavour(ID, options.flavour()).build();
  }
}
