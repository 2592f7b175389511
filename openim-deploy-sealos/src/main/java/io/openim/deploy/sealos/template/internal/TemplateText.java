/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A template's text as numbered lines grouped into YAML documents, every {@code ${{ }}} on them found
 * and parsed. Problems (an expression outside the subset, a conditional sharing its line, a line
 * Sealos would cut) are collected with their line numbers, not thrown, so all of them are reported.
 *
 * @param documents the documents in order, separators not included
 */
public record TemplateText(List<Document> documents) {
  private static final String OPEN = "${{";
  private static final String CLOSE = "}}";

  /** One {@code ${{ }}} on a line: its text, where it starts and ends, and what it means. */
  public record Occurrence(String raw, int start, int end, Expression expression) {}

  /** One line, numbered from 1, with the expressions that parsed. */
  public record Line(int number, String text, List<Occurrence> occurrences) {
    /** The conditional this line is, or null for an ordinary line. */
    public Expression.@Nullable Branch branch() {
      return occurrences.size() == 1 && occurrences.get(0).expression() instanceof Expression.Branch b ? b : null;
    }
  }

  /** The lines between two separators. */
  public record Document(List<Line> lines) {
    /** The number of the document's first line. */
    public int firstLine() {
      return lines.isEmpty() ? 0 : lines.get(0).number();
    }

    /** Whether the document has nothing but blank lines and comments. */
    public boolean blank() {
      return lines.stream().allMatch(l -> TemplateText.blank(l.text()));
    }

    /** The document's text, one line per line. */
    public String text() {
      StringBuilder out = new StringBuilder();
      lines.forEach(l -> out.append(l.text()).append('\n'));
      return out.toString();
    }
  }

  /** Whether every line of {@code text} is blank or a comment. */
  public static boolean blank(String text) {
    return text.lines().map(String::strip).allMatch(t -> t.isEmpty() || t.startsWith("#"));
  }

  /** Splits {@code template} and parses its expressions, adding each problem to {@code problems}. */
  public static TemplateText scan(String template, List<String> problems) {
    List<Document> documents = new ArrayList<>();
    List<Line> current = new ArrayList<>();
    String[] lines = template.split("\n", -1);
    int count = template.endsWith("\n") ? lines.length - 1 : lines.length;
    for (int i = 0; i < count; i++) {
      int number = i + 1;
      String text = lines[i];
      // exactly "---" and a line break, where Sealos splits the text (json-yaml.ts getYamlTemplate)
      if (text.equals("---")) {
        documents.add(new Document(current));
        current = new ArrayList<>();
        continue;
      }
      if (text.stripTrailing().endsWith("---")) {
        problems.add("line " + number + ": ends with ---, where Sealos would cut the document in two, or is a"
            + " separator with trailing characters Sealos would not split at; only a line of exactly --- separates");
      }
      current.add(new Line(number, text, occurrences(number, text, problems)));
    }
    documents.add(new Document(current));
    return new TemplateText(List.copyOf(documents));
  }

  private static List<Occurrence> occurrences(int number, String text, List<String> problems) {
    List<Occurrence> found = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = text.indexOf(OPEN, from);
      if (start < 0) {
        break;
      }
      int close = text.indexOf(CLOSE, start + OPEN.length());
      if (close < 0) {
        problems.add("line " + number + ": " + text.substring(start).strip() + ": ${{ without a closing }}");
        break;
      }
      int end = close + CLOSE.length();
      String raw = text.substring(start, end);
      try {
        Expression expression = Expression.parse(raw.substring(OPEN.length(), raw.length() - CLOSE.length()));
        found.add(new Occurrence(raw, start, end, expression));
      } catch (IllegalArgumentException refused) {
        problems.add("line " + number + ": " + raw + ": " + refused.getMessage());
      }
      from = end;
    }
    boolean branch = found.stream().anyMatch(o -> o.expression() instanceof Expression.Branch);
    if (branch && (found.size() > 1 || !text.strip().equals(found.get(0).raw()))) {
      problems.add("line " + number + ": " + text.strip() + ": a conditional must be on a line of its own"
          + " (docs/sealos.md \"Conditionals\")");
      return List.copyOf(found.stream().filter(o -> !(o.expression() instanceof Expression.Branch)).toList());
    }
    return List.copyOf(found);
  }
}
