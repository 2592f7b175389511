/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Migration from docker-compose: {@link io.openim.deploy.core.migrate.ComposeImport} reads a
 * compose setup into a spec, {@link io.openim.deploy.core.migrate.MigrationPlan} lays out the
 * steps of moving its data into a cluster, run and resumed by {@code KubernetesDeployer.migrate}.
 */
@NullMarked
package io.openim.deploy.core.migrate;

import org.jspecify.annotations.NullMarked;
