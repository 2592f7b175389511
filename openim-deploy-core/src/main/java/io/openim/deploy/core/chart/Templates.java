/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.chart;

import io.openim.deploy.core.render.PlanYaml;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a manifest with markers as a Helm template. Every string of the manifest (from the spec
 * or from OpenIM's files) comes out of Helm's rendering unchanged: Go templates act on text only
 * at a pair of opening braces (the left delimiter), so each such pair is written as an action
 * that prints a string holding that pair.
 */
final class Templates {
  private Templates() {}

  /** The template text of a body produced by {@link Knobs#template}. */
  public static String render(Knobs.Templated templated) {
    String yaml = literal(yaml().dump(templated.body()));
    // a marker is a whole scalar, so YAML quotes it (it starts with '@'); the quotes go with it
    Pattern marker = Pattern.compile("'?" + Pattern.quote(templated.prefix()) + "([ISCN]):([^@]*)@@'?");
    Matcher m = marker.matcher(yaml);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String type = m.group(1);
      String path = m.group(2);
      String expression = switch (type) {
        case "N" -> "{{ .Release.Namespace }}";
        case "I" -> "{{ " + index(path) + " }}";
        case "S" -> "{{ " + index(path) + " | quote }}";
        default -> "{{ include \"openim.credential\" (list . " + quote(path) + ") | quote }}";
      };
      m.appendReplacement(out, Matcher.quoteReplacement(expression));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Template text that Helm renders as exactly {@code text}. Go's lexer ends text only at the left
   * delimiter, and trims the text before it only when the delimiter is followed by a dash and a
   * space (Go 1.26 src/text/template/parse/lex.go, lexText and hasLeftTrimMarker); the action
   * written here starts with a space and ends without a dash, so it trims nothing around it.
   */
  public static String literal(String text) {
    return text.replace("{{", "{{ \"{{\" }}");
  }

  /** {@code index .Values "a" "b"}: works for keys with dashes, unlike {@code .Values.a.b}. */
  static String index(String path) {
    StringBuilder out = new StringBuilder("index .Values");
    for (String part : path.split("/")) {
      out.append(' ').append(quote(part));
    }
    return "(" + out + ")";
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }

  /** The dumper: block style, stable order, no line folding. */
  public static Yaml yaml() {
    return new Yaml(PlanYaml.blockStyle());
  }
}
