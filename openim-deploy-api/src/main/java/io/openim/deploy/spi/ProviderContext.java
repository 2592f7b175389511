/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.spi;

import io.openim.deploy.DeploymentListener;
import io.openim.deploy.Target;
import java.time.Duration;
import java.util.Objects;

/**
 * What a provider gets for one call: where to deploy, where progress goes, and how long it may
 * take.
 *
 * @param target where to deploy
 * @param listener where progress events go
 * @param objectTimeout how long one object may take to roll out
 * @param timeout how long the whole apply may take
 * @param force whether to take over fields other field managers own
 * @since 0.1
 */
public record ProviderContext(
    Target target, DeploymentListener listener, Duration objectTimeout, Duration timeout, boolean force) {
  /** Checks the parts. */
  public ProviderContext {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(objectTimeout, "objectTimeout");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** A context with default timeouts (5 minutes per object, 20 in all), without force. */
  public static ProviderContext of(Target target, DeploymentListener listener) {
    return new ProviderContext(target, listener, Duration.ofMinutes(5), Duration.ofMinutes(20), false);
  }
}
