/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The service provider interface: how a way of deploying OpenIM (onto an existing cluster, onto
 * hosts set up with k3s or sealos, as a Helm release) plugs into openim-deploy. Providers are
 * found with {@link java.util.ServiceLoader} or registered explicitly.
 */
@NullMarked
package io.openim.deploy.spi;

import org.jspecify.annotations.NullMarked;
