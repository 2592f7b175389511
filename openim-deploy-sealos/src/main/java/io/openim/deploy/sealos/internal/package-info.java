/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Not API. May change in any release.
 *
 * <p>Running the {@code sealos} command-line tool: a process runner that streams output as events
 * and stops a step at its timeout, the sealos steps made safe to repeat, and the kubeconfig sealos
 * leaves, made reachable from outside the cluster.
 */
@NullMarked
package io.openim.deploy.sealos.internal;

import org.jspecify.annotations.NullMarked;
