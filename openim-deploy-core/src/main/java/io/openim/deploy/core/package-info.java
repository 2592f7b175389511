/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Turns an OpenIM {@link io.openim.deploy.DeploymentSpec} into Kubernetes objects.
 *
 * <p>{@link io.openim.deploy.core.Topology#plan(io.openim.deploy.DeploymentSpec)} renders a spec
 * for its version line from the {@link io.openim.deploy.core.VersionCatalog}; {@link
 * io.openim.deploy.core.PlanYaml} prints the result, secrets redacted, or exports it whole; {@link
 * io.openim.deploy.core.SpecFile} reads a spec from YAML.
 */
@NullMarked
package io.openim.deploy.core;

import org.jspecify.annotations.NullMarked;
