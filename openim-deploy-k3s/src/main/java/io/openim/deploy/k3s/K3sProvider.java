/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import io.openim.deploy.Deployer;
import io.openim.deploy.Target;
import io.openim.deploy.k3s.internal.K3sDeployer;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import io.openim.deploy.Support;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * OpenIM on k3s: the plan gets k3s's defaults ({@link K3sOptions}), and is delivered by the
 * engine's direct apply or through k3s's own HelmChart resource.
 *
 * <pre>{@code
 * Deployer openim = OpenImDeploy.builder()
 *     .target(K3sProvider.existing())            // /etc/rancher/k3s/k3s.yaml
 *     .provider(new K3sProvider(K3sOptions.DEFAULT.withDelivery(K3sOptions.Delivery.HELM_CHART)))
 *     .build();
 * }</pre>
 *
 * <p>Setting k3s up on hosts over SSH is not implemented yet.
 *
 * @since 0.1
 */
public final class K3sProvider implements DeploymentProvider {
  /** This provider's id. */
  public static final String ID = "k3s";

  private final K3sOptions options;

  /** For ServiceLoader: k3s's defaults, direct apply. */
  public K3sProvider() {
    this(K3sOptions.DEFAULT);
  }

  /** A provider with {@code options}. */
  public K3sProvider(K3sOptions options) {
    this.options = Objects.requireNonNull(options, "options");
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

  @Override
  public Support supports(Target target) {
    if (target instanceof Target.Kubernetes) {
      return Support.yes();
    }
    return Support.no("deploys onto an existing k3s; setting k3s up on hosts over SSH is not implemented yet");
  }

  /** A deployer onto the running k3s the context's kubeconfig reaches. */
  @Override
  public Deployer open(ProviderContext context) {
    return new K3sDeployer(context, options, kubeconfig(context));
  }

  private static String kubeconfig(ProviderContext context) {
    if (!(context.target() instanceof Target.Kubernetes kubernetes)) {
      throw new IllegalArgumentException("the k3s provider needs a Target.Kubernetes, but got "
          + context.target().getClass().getSimpleName());
    }
    return kubernetes.kubeconfig().reveal();
  }
}
