/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The public contract of openim-deploy: the deployment spec, plan, events, provider SPI and exceptions.
 *
 * <p>Empty until the OpenIM topology work lands; see the README for what exists today.
 */
@NullMarked
package io.openim.deploy;

import org.jspecify.annotations.NullMarked;
