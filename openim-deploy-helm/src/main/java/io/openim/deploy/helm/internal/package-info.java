/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Not API. May change in any release.
 *
 * <p>How plans become chart templates and values.
 */
@NullMarked
package io.openim.deploy.helm.internal;

import org.jspecify.annotations.NullMarked;
