/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.List;
import java.util.Objects;

/**
 * Where OpenIM is deployed. Providers say which targets they support.
 *
 * <p>This family may grow: keep a default branch when switching over it.
 *
 * @since 0.1
 */
public sealed interface Target {

  /**
   * An existing Kubernetes cluster, reached through a kubeconfig (its current context).
   *
   * @param kubeconfig the kubeconfig's text; it holds credentials, so it is a {@link Secret}
   */
  record Kubernetes(Secret kubeconfig) implements Target {
    /** Checks the kubeconfig is given. */
    public Kubernetes {
      Objects.requireNonNull(kubeconfig, "kubeconfig");
    }
  }

  /**
   * Machines reached over SSH, on which a provider sets up Kubernetes first.
   *
   * @param hosts the machines
   */
  record Hosts(List<Host> hosts) implements Target {
    /** Copies the list; it must not be empty. */
    public Hosts {
      hosts = List.copyOf(hosts);
      if (hosts.isEmpty()) {
        throw new IllegalArgumentException("hosts must not be empty");
      }
    }
  }

  /** A Kubernetes cluster from a kubeconfig's text. */
  static Target kubernetes(String kubeconfig) {
    return new Kubernetes(Secret.of(kubeconfig));
  }

  /** Machines reached over SSH. */
  static Target hosts(Host... hosts) {
    return new Hosts(List.of(hosts));
  }
}
