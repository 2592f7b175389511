/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * How compose files are read. Not API.
 */
@NullMarked
package io.openim.deploy.core.migrate.internal;

import org.jspecify.annotations.NullMarked;
