/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The sealos provider of openim-deploy.
 *
 * <p>Empty until the provider work lands; see the README for what exists today.
 */
@NullMarked
package io.openim.deploy.sealos;

import org.jspecify.annotations.NullMarked;
