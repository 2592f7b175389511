/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** A program that uses openim-deploy-core from a named module, run by ModulePathIT. */
@NullMarked
package io.openim.deploy.moduletests;

import org.jspecify.annotations.NullMarked;
