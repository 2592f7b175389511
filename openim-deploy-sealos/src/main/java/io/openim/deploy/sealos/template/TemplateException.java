/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template;

import java.util.List;

/**
 * A template our renderer refuses: expressions outside the subset it understands, conditionals that
 * do not nest, inputs or built-ins missing. Every problem is listed, each with its line where it has
 * one, so one run shows all that needs fixing.
 *
 * @since 0.3
 */
public final class TemplateException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The problems, each saying what, where (its line) and what next. */
  private final List<String> problems;

  /** A refusal listing {@code problems}; there is at least one. */
  public TemplateException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order of the template's lines. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a TemplateException needs at least one problem");
    }
    return "the template is not one our renderer renders (" + problems.size()
        + (problems.size() == 1 ? " problem" : " problems") + "):\n  " + String.join("\n  ", problems);
  }
}
