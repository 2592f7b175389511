/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.NoSuitableProviderException;
import io.openim.deploy.Target;
import io.openim.deploy.core.internal.ProviderSelection;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The front door: picks the provider for a target and opens its {@link Deployer}, through which
 * every lifecycle operation goes.
 *
 * <pre>{@code
 * try (Deployer openim = OpenImDeploy.builder()
 *     .target(Target.kubernetes(kubeconfigYaml))
 *     .listener(System.out::println)
 *     .build()) {                                // chooses a provider, or says why none fits
 *   openim.deploy(spec).orThrow();
 *   openim.history(ReleaseRef.of(spec));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class OpenImDeploy {
  private OpenImDeploy() {}

  /** A builder; a target is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures {@link OpenImDeploy}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable Target target;
    private @Nullable String providerId;
    private final List<DeploymentProvider> providers = new ArrayList<>();
    private @Nullable ClassLoader classLoader;
    private DeploymentListener listener = DeploymentListener.NONE;
    private Duration objectTimeout = Duration.ofMinutes(5);
    private Duration timeout = Duration.ofMinutes(20);
    private boolean force;

    private Builder() {}

    /** Where to deploy. */
    public Builder target(Target target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    /** Use the provider with this id, instead of the best-ranked one that supports the target. */
    public Builder provider(String id) {
      this.providerId = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Consider these providers only, instead of discovering them (for unusual class loaders). */
    public Builder provider(DeploymentProvider provider) {
      this.providers.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /** Discover providers with this class loader; the thread's context loader unless set. */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /** Where progress goes. */
    public Builder listener(DeploymentListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** How long one object may take to roll out; 5 minutes unless set. */
    public Builder objectTimeout(Duration objectTimeout) {
      this.objectTimeout = Objects.requireNonNull(objectTimeout, "objectTimeout");
      return this;
    }

    /** How long a whole apply may take; 20 minutes unless set. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Take over fields other field managers own; off unless set. */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /**
     * Chooses the provider and opens its deployer, which the caller closes.
     *
     * @throws NoSuitableProviderException if none fits; it says why each candidate was passed over
     */
    public Deployer build() {
      if (target == null) {
        throw new IllegalStateException("no target: call target(...) first");
      }
      ClassLoader loader = classLoader != null ? classLoader
          : Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
          : OpenImDeploy.class.getClassLoader();
      DeploymentProvider provider = ProviderSelection.select(target, providerId, providers, loader);
      return provider.open(new ProviderContext(target, listener, objectTimeout, timeout, force));
    }
  }
}
