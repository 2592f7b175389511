/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Not API. May change in any release. How a Clusterfile is checked, read and written.
 */
@NullMarked
package io.openim.deploy.sealos.clusterfile.internal;

import org.jspecify.annotations.NullMarked;
