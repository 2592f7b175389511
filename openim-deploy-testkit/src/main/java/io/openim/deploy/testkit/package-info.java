/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Test support for openim-deploy, for JUnit 5: the provider contract kit and the cluster
 * extensions.
 *
 * <p>{@link io.openim.deploy.testkit.DeploymentProviderContract} is subclassed once per provider.
 * {@link io.openim.deploy.testkit.WithLocalCluster} shares one {@link
 * io.openim.deploy.local.LocalCluster} (openim-deploy-local) across a test JVM and gives each test
 * class or test its own namespace, as a {@link io.openim.deploy.testkit.TestNamespace} parameter.
 * {@link io.openim.deploy.testkit.WithOpenImCluster} gives test suites a disposable cluster with
 * OpenIM deployed (through openim-deploy-core), as an {@link io.openim.deploy.testkit.OpenImCluster}
 * parameter. Its k3s container needs testcontainers-k3s and openim-deploy-k3s on the test class
 * path; the local cluster modes need neither.
 */
@NullMarked
package io.openim.deploy.testkit;

import org.jspecify.annotations.NullMarked;
