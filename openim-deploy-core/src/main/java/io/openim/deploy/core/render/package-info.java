/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Rendering: an OpenIM {@link io.openim.deploy.DeploymentSpec} turned into Kubernetes objects.
 *
 * <p>{@link io.openim.deploy.core.render.Topology#plan(io.openim.deploy.DeploymentSpec)} renders a
 * spec for its version line from the {@link io.openim.deploy.core.render.VersionCatalog}; {@link
 * io.openim.deploy.core.render.PlanYaml} prints the result, secrets redacted, or exports it whole;
 * {@link io.openim.deploy.core.render.SpecFile} reads a spec from YAML.
 */
@NullMarked
package io.openim.deploy.core.render;

import org.jspecify.annotations.NullMarked;
