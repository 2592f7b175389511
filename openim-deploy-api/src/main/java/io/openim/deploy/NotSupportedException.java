/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Objects;

/**
 * The chosen provider cannot do this operation, and the message says why and what to use instead.
 * Thrown before anything is changed.
 *
 * @since 0.3
 */
public final class NotSupportedException extends DeploymentException {
  private static final long serialVersionUID = 1L;

  private final String provider;
  private final Verb verb;
  private final String reason;

  /** Provider {@code provider} cannot do {@code verb}, because {@code reason}. */
  public NotSupportedException(String provider, Verb verb, String reason) {
    super("the " + provider + " provider does not support " + verb.word() + ": " + reason);
    this.provider = Objects.requireNonNull(provider, "provider");
    this.verb = Objects.requireNonNull(verb, "verb");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The provider's id. */
  public String provider() {
    return provider;
  }

  /** The operation it declined. */
  public Verb verb() {
    return verb;
  }

  /** Why, in words an operator understands. */
  public String reason() {
    return reason;
  }
}
