/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A credential: a password, key or token. Its {@link #toString()} never shows the value, so a
 * secret that ends up in a log line, an exception message or a printed spec stays hidden.
 *
 * <p>Read the value with {@link #reveal()}, only where it must leave the process (a Kubernetes
 * Secret in an exported plan). Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Secret {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final String value;
  private final boolean generated;

  private Secret(String value, boolean generated) {
    this.value = value;
    this.generated = generated;
  }

  /**
   * A secret with the given value.
   *
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value, false);
  }

  /**
   * A new random secret of {@code length} letters and digits (without look-alikes such as 0/O and
   * 1/l), from a {@link SecureRandom}. 32 characters carry about 185 bits.
   */
  public static Secret random(int length) {
    if (length < 16) {
      throw new IllegalArgumentException("a random secret needs at least 16 characters, but was " + length);
    }
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return new Secret(out.toString(), true);
  }

  /** The value. Never log it. */
  public String reveal() {
    return value;
  }

  /** Whether openim-deploy generated this secret rather than the user giving it. */
  public boolean generated() {
    return generated;
  }

  /** Compares values in constant time. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Always {@code Secret[****]}. */
  @Override
  public String toString() {
    return "Secret[****]";
  }
}
