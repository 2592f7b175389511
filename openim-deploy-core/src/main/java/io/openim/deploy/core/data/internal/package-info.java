/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * How backups and restores run: the Jobs, their scripts' parts and the steps around them. Not API.
 */
@NullMarked
package io.openim.deploy.core.data.internal;

import org.jspecify.annotations.NullMarked;
