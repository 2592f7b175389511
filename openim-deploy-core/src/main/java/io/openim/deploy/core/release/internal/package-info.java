/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * How a release is applied, recorded and removed with the built-in provider: the server-side
 * apply delivery, the inventory (an ApplySet), the revision history, pruning, teardown and the
 * release's pods. Not API.
 */
@NullMarked
package io.openim.deploy.core.release.internal;

import org.jspecify.annotations.NullMarked;
