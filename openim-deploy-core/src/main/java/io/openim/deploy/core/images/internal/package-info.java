/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * How images are resolved: references, registry credentials, the nodes' platforms. Not API.
 */
@NullMarked
package io.openim.deploy.core.images.internal;

import org.jspecify.annotations.NullMarked;
