/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import io.openim.deploy.Component;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.core.render.Topology;
import java.util.List;

/**
 * One way of putting the default topology onto the cluster, measured in three steps, each tool
 * into a namespace of its own: the first deploy, a no-op re-apply of the same spec, and a change of
 * one field (the API's replicas, 1 to 2).
 */
public sealed interface Tool permits CliUp, InJvmDeployer, HelmUpgrade, KubectlApply, AppStoreTemplate {
  /** The three measured steps, in the order they run. */
  enum Step {
    /** Into an empty namespace. */
    FIRST("first deploy"),
    /** The same spec again: nothing should change. */
    NOOP("no-op re-apply"),
    /** {@link #SPEC_CHANGE} on top of the first spec. */
    CHANGE("one-field change");

    private final String label;

    Step(String label) {
      this.label = label;
    }

    /** How the report names the step. */
    public String label() {
      return label;
    }
  }

  /** The release name every tool deploys. */
  String RELEASE = "im";

  /** What {@link Step#CHANGE} changes, in words. */
  String SPEC_CHANGE = "components.api.replicas 1 to 2";

  /** The row the report prints for this tool. */
  String name();

  /** A short name for namespaces and log files. */
  String id();

  /** Whether the tool has {@code step}: every one has a first deploy, some have no re-apply. */
  default boolean supports(Step step) {
    return true;
  }

  /**
   * What a converged deploy into {@code namespace} holds: the default topology's plan, unless the
   * tool delivers other objects.
   */
  default List<Manifest> objects(String namespace) {
    return Topology.plan(spec(namespace, Step.FIRST)).manifests();
  }

  /** Prepares {@code step} outside the measured time: writes spec files, charts, rendered plans. */
  void prepare(String namespace, Step step);

  /** Runs {@code step} to its end: the measured part. */
  void run(String namespace, Step step);

  /** The default topology in {@code namespace}, with {@link #SPEC_CHANGE} for {@link Step#CHANGE}. */
  static DeploymentSpec spec(String namespace, Step step) {
    DeploymentSpec spec = DeploymentSpec.builder(RELEASE).namespace(namespace).build();
    return step == Step.CHANGE ? spec.toBuilder().replicas(Component.API, 2).build() : spec;
  }
}
