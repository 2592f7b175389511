/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * How rendering works: one class per part of the plan (foundation, dependencies, OpenIM's
 * workloads, exposure, observability, Jobs), the names and labels they share, and the spec file's
 * reader. Not API.
 */
@NullMarked
package io.openim.deploy.core.render.internal;

import org.jspecify.annotations.NullMarked;
