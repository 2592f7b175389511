/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The front door and the built-in provider: {@link io.openim.deploy.core.OpenImDeploy} chooses a
 * provider for a target and opens its {@link io.openim.deploy.Deployer}; {@link
 * io.openim.deploy.core.KubernetesProvider} is the built-in one, whose {@link
 * io.openim.deploy.core.KubernetesDeployer} renders ({@code core.render}), delivers through the
 * engine ({@code core.engine}), backs up and restores ({@code core.data}) and migrates ({@code
 * core.migrate}).
 */
@NullMarked
package io.openim.deploy.core;

import org.jspecify.annotations.NullMarked;
