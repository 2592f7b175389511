/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

/**
 * Receives {@link DeploymentEvent}s. Called synchronously, possibly from several threads at once
 * during a parallel phase; it must be fast, thread-safe and must not throw (an exception is
 * logged once and ignored).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DeploymentListener {
  /** A listener that ignores everything. */
  DeploymentListener NONE = event -> {};

  /** Called for each event. */
  void onEvent(DeploymentEvent event);
}
