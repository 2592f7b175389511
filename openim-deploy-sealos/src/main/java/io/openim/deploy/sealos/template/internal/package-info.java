/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Not API. May change in any release.
 *
 * <p>How a plan becomes a Sealos template (naming, conventions, managed services, the Ingress, the
 * Template document, writing) and how our renderer reads one (expressions, lines and documents,
 * evaluation).
 */
@NullMarked
package io.openim.deploy.sealos.template.internal;

import org.jspecify.annotations.NullMarked;
