/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.Target;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import io.openim.deploy.Support;

/**
 * The built-in provider: the engine's own server-side apply onto an existing Kubernetes cluster.
 *
 * @since 0.1
 */
public final class KubernetesProvider implements DeploymentProvider {
  /** This provider's id. */
  public static final String ID = "kubernetes";

  /** For ServiceLoader; does nothing. */
  public KubernetesProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Support supports(Target target) {
    if (target instanceof Target.Kubernetes) {
      return Support.yes();
    }
    return Support.no("applies to an existing Kubernetes cluster only; it cannot set one up on hosts");
  }

  /** The engine's deployer onto the context's cluster: every verb. */
  @Override
  public KubernetesDeployer open(ProviderContext context) {
    return deployer(context);
  }

  private static KubernetesDeployer deployer(ProviderContext context) {
    if (!(context.target() instanceof Target.Kubernetes kubernetes)) {
      throw new IllegalArgumentException("the kubernetes provider needs a Target.Kubernetes, but got "
          + context.target().getClass().getSimpleName());
    }
    return KubernetesDeployer.builder()
        .kubeconfig(kubernetes.kubeconfig().reveal())
        .listener(context.listener())
        .objectTimeout(context.objectTimeout())
        .timeout(context.timeout())
        .force(context.force())
        .build();
  }
}
