/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a template: the Template document, then each object after a {@code ---} line, an object
 * that is kept only under a condition between its {@code if} line and an {@code endif} line of their
 * own, inside its document, as the templates repository writes them.
 */
public final class TemplateWriter {
  private TemplateWriter() {}

  /**
   * One object of the template.
   *
   * @param body the object, expressions in its strings
   * @param condition the {@code if} line that keeps it, or null when it is always kept
   */
  public record Document(Map<String, Object> body, @Nullable String condition) {}

  /** The template's text. */
  public static String write(Map<String, Object> template, List<Document> objects) {
    StringBuilder out = new StringBuilder(TemplateYaml.dump(template));
    for (Document document : objects) {
      out.append("---\n");
      String condition = document.condition();
      if (condition != null) {
        out.append(condition).append('\n');
      }
      out.append(TemplateYaml.dump(document.body()));
      if (condition != null) {
        out.append(Placeholders.ENDIF).append('\n');
      }
    }
    return out.toString();
  }
}
