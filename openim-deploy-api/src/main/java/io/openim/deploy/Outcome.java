/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

/**
 * What applying did to one object.
 *
 * @since 0.1
 */
public enum Outcome {
  /** The object did not exist and was created. */
  CREATED,
  /** The object existed and the apply changed it. */
  CHANGED,
  /** The object existed and already matched: nothing was written. */
  UNCHANGED,
  /** The object was in the previous revision but not in this plan, and was deleted. */
  PRUNED,
  /** The object could not be applied or did not become ready. */
  FAILED
}
