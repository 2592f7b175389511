/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * A disposable Kubernetes cluster made of real local processes: what the command line's {@code
 * up} starts when no cluster is given, and what openim-deploy's own tests run on.
 *
 * <p>{@link io.openim.deploy.local.LocalCluster} runs etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler and KWOK (simulated nodes and pods) on 127.0.0.1, and
 * optionally a real node. This module has no test libraries; openim-deploy-testkit's {@code
 * WithLocalCluster} shares one such cluster across a JUnit test JVM. {@link
 * io.openim.deploy.local.ControlPlaneBinaries} finds or builds the binaries. {@link io.openim.deploy.local.ContainerImage} builds container
 * images without a registry (Debian packages, Go programs, Maven jars) into archives that {@code
 * ctr images import} reads, and {@link io.openim.deploy.local.TestImages} has the stand-ins for
 * the images openim-deploy's plan runs.
 *
 * <h2>Configuration</h2>
 *
 * <ul>
 *   <li>{@code OPENIM_DEPLOY_K8S_BIN} (environment) or {@code openim.deploy.k8s.bin} (system
 *       property): a folder with prebuilt binaries; nothing is built then.
 *   <li>{@code XDG_CACHE_HOME}: where binaries are cached, under {@code openim-deploy/control-plane},
 *       and test images, under {@code openim-deploy/images}; {@code ~/.cache} when unset.
 * </ul>
 */
@NullMarked
package io.openim.deploy.local;

import org.jspecify.annotations.NullMarked;
