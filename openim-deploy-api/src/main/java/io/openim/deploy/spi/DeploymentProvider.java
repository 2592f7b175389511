/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.spi;

import io.openim.deploy.Deployer;
import io.openim.deploy.Support;
import io.openim.deploy.Target;

/**
 * A way of deploying OpenIM onto one kind of {@link Target}. Found through {@link
 * java.util.ServiceLoader} (a {@code META-INF/services/io.openim.deploy.spi.DeploymentProvider}
 * entry) or registered explicitly.
 *
 * <p>Implementations need a public no-argument constructor that does no I/O; {@link #supports}
 * must be cheap and side-effect free. The lifecycle lives in the {@link Deployer} that {@link
 * #open} returns: one per target, holding its connection until closed, with every verb either
 * implemented or declined with {@link io.openim.deploy.NotSupportedException}. This interface grows
 * only by default methods. Every provider should pass the contract test kit in
 * openim-deploy-testkit.
 *
 * @since 0.1
 */
public interface DeploymentProvider {
  /** A stable, lower-case id, such as {@code kubernetes}, {@code k3s} or {@code helm}. */
  String id();

  /** Breaks ties between providers that support a target; higher wins. 0 unless overridden. */
  default int priority() {
    return 0;
  }

  /** Whether this provider can deploy to {@code target}, and if not, why not. No I/O. */
  Support supports(Target target);

  /**
   * A deployer onto the context's target, which {@link #supports} accepted. Opening may connect but
   * changes nothing; the caller closes it. Its plans are {@linkplain
   * io.openim.deploy.DeploymentPlan#madeBy made by} this provider, and it refuses other providers'
   * plans. Progress goes to the context's listener.
   */
  Deployer open(ProviderContext context);
}
