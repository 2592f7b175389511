/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The {@code openim-deploy} command line. Each subcommand is a thin layer over the public API.
 */
@NullMarked
package io.openim.deploy.cli;

import org.jspecify.annotations.NullMarked;
