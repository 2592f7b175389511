/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Test support for openim-deploy, for JUnit 5: the provider contract kit and the local cluster
 * extension.
 *
 * <p>{@link io.openim.deploy.testkit.DeploymentProviderContract} is subclassed once per provider.
 * {@link io.openim.deploy.testkit.WithLocalCluster} shares one {@link
 * io.openim.deploy.local.LocalCluster} (openim-deploy-local) across a test JVM and gives each test
 * class or test its own namespace, as a {@link io.openim.deploy.testkit.TestNamespace} parameter.
 */
@NullMarked
package io.openim.deploy.testkit;

import org.jspecify.annotations.NullMarked;
