/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One {@code ${{ }}} expression of the subset our renderer understands, which is exactly what the
 * exporter writes: a reference to a default, an input or a built-in; {@code base64} of a default
 * or an input; {@code random(n)}; and the conditional lines {@code if}, {@code elif}, {@code else},
 * {@code endif} with conditions {@code inputs.<name> === '<value>'}. Sealos evaluates any JavaScript
 * there (frontend/providers/template/src/utils/json-yaml.ts, docs/sealos.md "Expressions"); an
 * expression that fails there silently becomes an empty string, which is why everything else is
 * refused here rather than guessed at.
 */
public sealed interface Expression {
  /** The built-in variables Sealos Cloud sets that our templates use (docs/sealos.md "Built-ins"). */
  List<String> BUILT_INS = List.of(
      "SEALOS_CLOUD_DOMAIN", "SEALOS_CERT_SECRET_NAME", "SEALOS_NAMESPACE", "SEALOS_SERVICE_ACCOUNT");

  /** Where a reference looks its name up. */
  enum Scope {
    /** {@code defaults.<name>}: a value of the Template's {@code spec.defaults}. */
    DEFAULTS,
    /** {@code inputs.<name>}: what the user gave for one of the Template's {@code spec.inputs}. */
    INPUTS,
    /** A variable Sealos Cloud sets, such as {@code SEALOS_NAMESPACE}. */
    BUILT_IN
  }

  /** {@code defaults.x}, {@code inputs.x} or a built-in's name. */
  record Reference(Scope scope, String name) implements Expression {
    /** Checks both parts. */
    public Reference {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(name, "name");
    }

    /** How the reference is written. */
    public String text() {
      return switch (scope) {
        case DEFAULTS -> "defaults." + name;
        case INPUTS -> "inputs." + name;
        case BUILT_IN -> name;
      };
    }
  }

  /** {@code base64(reference)}: the reference's value, base64-encoded from its UTF-8 bytes. */
  record Base64(Reference of) implements Expression {}

  /** {@code random(n)}: n letters a-z. */
  record Random(int length) implements Expression {}

  /** A conditional line. */
  record Branch(Kind kind, @Nullable Condition condition) implements Expression {
    /** Which line of a conditional. */
    public enum Kind { IF, ELIF, ELSE, ENDIF }
  }

  /** {@code inputs.<name> === '<value>'}: true when the input's value is exactly {@code value}. */
  record Condition(Reference input, String value) {}

  /** The longest {@code random(n)} accepted: longer ones are surely a mistake. */
  int MAX_RANDOM = 256;

  /**
   * Parses the text between {@code ${{} and {@code }}}.
   *
   * @throws IllegalArgumentException with the reason when it is outside the subset
   */
  static Expression parse(String inner) {
    return Parser.parse(inner.strip());
  }

  /** The parser; a class because interfaces cannot hold private constants. */
  final class Parser {
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern BRANCH = Pattern.compile("(if|elif|else|endif)\\s*\\((.*)\\)");
    private static final Pattern CONDITION = Pattern.compile("inputs\\.(" + NAME + ")\\s*===\\s*'([^'\\\\]*)'");
    private static final Pattern RANDOM = Pattern.compile("random\\(\\s*([0-9]{1,4})\\s*\\)");
    private static final Pattern BASE64 = Pattern.compile("base64\\((.*)\\)");
    private static final Pattern SCOPED = Pattern.compile("(defaults|inputs)\\.(" + NAME + ")");
    private static final Pattern BUILT_IN = Pattern.compile("[A-Z][A-Z0-9_]*");

    private Parser() {}

    static Expression parse(String e) {
      Matcher m = BRANCH.matcher(e);
      if (m.matches()) {
        return branch(m.group(1), m.group(2).strip());
      }
      m = RANDOM.matcher(e);
      if (m.matches()) {
        int length = Integer.parseInt(m.group(1));
        if (length < 1 || length > MAX_RANDOM) {
          throw new IllegalArgumentException("random takes a length from 1 to " + MAX_RANDOM + ", but was " + length);
        }
        return new Random(length);
      }
      m = BASE64.matcher(e);
      if (m.matches()) {
        Reference of = reference(m.group(1).strip());
        if (of == null || of.scope() == Scope.BUILT_IN) {
          // Sealos resolves base64's argument as a dotted path (json-yaml.ts parseTemplateString): a
          // built-in, having no dot, renders "undefined" there
          throw new IllegalArgumentException("base64 takes defaults.<name> or inputs.<name>, a dotted name as"
              + " Sealos resolves it, but was " + m.group(1).strip());
        }
        return new Base64(of);
      }
      Reference reference = reference(e);
      if (reference != null) {
        return reference;
      }
      throw new IllegalArgumentException(why(e));
    }

    private static Branch branch(String keyword, String argument) {
      Branch.Kind kind = Branch.Kind.valueOf(keyword.toUpperCase(java.util.Locale.ROOT));
      if (kind == Branch.Kind.ELSE || kind == Branch.Kind.ENDIF) {
        if (!argument.isEmpty()) {
          throw new IllegalArgumentException(keyword + "() takes no condition, but was given " + argument);
        }
        return new Branch(kind, null);
      }
      Matcher m = CONDITION.matcher(argument);
      if (!m.matches()) {
        throw new IllegalArgumentException("the condition of " + keyword + " must be inputs.<name> === '<value>',"
            + " the only kind our templates use, but was " + argument);
      }
      return new Branch(kind, new Condition(new Reference(Scope.INPUTS, m.group(1)), m.group(2)));
    }

    private static @Nullable Reference reference(String e) {
      Matcher m = SCOPED.matcher(e);
      if (m.matches()) {
        return new Reference(m.group(1).equals("defaults") ? Scope.DEFAULTS : Scope.INPUTS, m.group(2));
      }
      if (BUILT_IN.matcher(e).matches()) {
        if (!BUILT_INS.contains(e)) {
          throw new IllegalArgumentException(e + " is not a built-in our renderer knows; it knows "
              + String.join(", ", BUILT_INS));
        }
        return new Reference(Scope.BUILT_IN, e);
      }
      return null;
    }

    private static String why(String e) {
      if (e.isEmpty()) {
        return "an empty expression, which Sealos renders as an empty string";
      }
      if (e.contains("${{")) {
        return "an expression inside an expression";
      }
      if (e.contains("+")) {
        return "string concatenation (+) is outside the subset our renderer understands; write the parts as"
            + " separate expressions next to each other";
      }
      if (e.contains("'") || e.contains("\"") || e.contains("`")) {
        return "string literals are outside the subset, except as the value of a condition";
      }
      if (e.contains("(")) {
        return "a function outside the subset; only random(n) and base64(reference) are understood";
      }
      return "not a reference to defaults.<name>, inputs.<name> or a built-in, nor random(n),"
          + " base64(reference) or a conditional";
    }
  }
}
