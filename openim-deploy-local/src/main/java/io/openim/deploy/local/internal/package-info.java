/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Not API. May change in any release.
 *
 * <p>How the local control plane is put together: certificates, kubeconfigs, free ports, process
 * supervision and the build of the control-plane binaries.
 */
@NullMarked
package io.openim.deploy.local.internal;

import org.jspecify.annotations.NullMarked;
