/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import java.util.Objects;

/**
 * Which objects a {@link ClusterConnection#list list} returns, in the API server's selector
 * syntax: {@code app.kubernetes.io/instance=openim,app.kubernetes.io/name in (mongodb,redis)} for
 * labels, {@code metadata.name=openim-api} for fields. An empty selector selects everything.
 *
 * @param labels the label selector, or an empty string
 * @param fields the field selector, or an empty string
 * @since 0.3
 */
public record Selector(String labels, String fields) {
  private static final Selector ALL = new Selector("", "");

  /**
   * Checks the parts.
   *
   * @since 0.3
   */
  public Selector {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(fields, "fields");
  }

  /**
   * Every object.
   *
   * @since 0.3
   */
  public static Selector all() {
    return ALL;
  }

  /**
   * The objects whose labels match {@code selector}.
   *
   * @since 0.3
   */
  public static Selector ofLabels(String selector) {
    return new Selector(selector, "");
  }

  /**
   * The objects whose fields match {@code selector}.
   *
   * @since 0.3
   */
  public static Selector ofFields(String selector) {
    return new Selector("", selector);
  }
}
