/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import io.openim.deploy.core.KubernetesDeployer;

/**
 * {@link KubernetesDeployer} in the benchmark's own, warm JVM: a deployer built from the
 * kubeconfig, {@code deploy(spec)}, closed. What openim-deploy costs without a JVM to start.
 */
public final class InJvmDeployer implements Tool {
  private final String kubeconfig;

  /** Deploys with a new deployer for {@code kubeconfig} each step. */
  public InJvmDeployer(String kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  @Override
  public String name() {
    return "`KubernetesDeployer` (in JVM)";
  }

  @Override
  public String id() {
    return "jvm";
  }

  @Override
  public void prepare(String namespace, Step step) {
    // nothing: the spec is built in Java
  }

  @Override
  public void run(String namespace, Step step) {
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(kubeconfig).build()) {
      deployer.deploy(Tool.spec(namespace, step)).orThrow();
    }
  }
}
