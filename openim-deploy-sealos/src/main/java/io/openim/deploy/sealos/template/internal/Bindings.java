/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values expressions are evaluated over: the built-ins Sealos Cloud sets, the Template's
 * defaults with their {@code random(n)} generated, and the inputs (given, else their defaults).
 *
 * @param builtIns every built-in, those not given at their Sealos defaults
 * @param defaults every default, rendered
 * @param inputs every input, given or defaulted
 */
public record Bindings(Map<String, String> builtIns, Map<String, String> defaults, Map<String, String> inputs) {
  /** Sealos's default cloud domain (docs/sealos.md "Built-ins"). */
  public static final String DEFAULT_CLOUD_DOMAIN = "cloud.sealos.io";

  /** Sealos's default wildcard certificate Secret (docs/sealos.md "Built-ins"). */
  public static final String DEFAULT_CERT_SECRET = "wildcard-cert";

  /**
   * The one spelling Sealos replaces in a default's value or an input's default: its handler
   * matches {@code ${{ random(n) }}} with one space inside each brace pair, and replaces the first
   * only (sealos frontend/providers/template/src/utils/json-yaml.ts getTemplateDataSource; read
   * there, beyond what docs/sealos.md says).
   */
  public static final Pattern RANDOM = Pattern.compile("\\$\\{\\{ random\\(([0-9]{1,4})\\) }}");

  private static final SecureRandom SOURCE = new SecureRandom();
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

  /** Resolves everything, adding a problem for each built-in or input that is missing or wrong. */
  public static Bindings resolve(Declarations declared, Map<String, String> givenBuiltIns,
      Map<String, String> givenInputs, List<String> problems) {
    return new Bindings(builtIns(givenBuiltIns, problems), defaults(declared),
        inputs(declared, givenInputs, problems));
  }

  /** The value of {@code reference}; it was checked to be declared. */
  public String value(Expression.Reference reference) {
    Map<String, String> scope = switch (reference.scope()) {
      case DEFAULTS -> defaults;
      case INPUTS -> inputs;
      case BUILT_IN -> builtIns;
    };
    return Objects.requireNonNull(scope.get(reference.name()), reference::text);
  }

  /** What {@code expression} renders as; never called for conditionals or random. */
  public String render(Expression expression) {
    if (expression instanceof Expression.Reference reference) {
      return value(reference);
    }
    if (expression instanceof Expression.Base64 base64) {
      return Base64.getEncoder().encodeToString(value(base64.of()).getBytes(StandardCharsets.UTF_8));
    }
    throw new IllegalStateException("not a value expression: " + expression);
  }

  /** Whether {@code condition} holds. */
  public boolean holds(Expression.Condition condition) {
    return value(condition.input()).equals(condition.value());
  }

  /** {@code length} letters a-z from a SecureRandom, as Sealos's random(n) (nanoid, a-z alphabet). */
  public static String random(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(LETTERS.charAt(SOURCE.nextInt(LETTERS.length())));
    }
    return out.toString();
  }

  /** {@code value} with its first {@code ${{ random(n) }}} replaced by n random letters. */
  public static String generate(String value) {
    Matcher m = RANDOM.matcher(value);
    if (!m.find()) {
      return value;
    }
    return value.substring(0, m.start()) + random(Integer.parseInt(m.group(1))) + value.substring(m.end());
  }

  private static Map<String, String> builtIns(Map<String, String> given, List<String> problems) {
    given.keySet().stream().filter(k -> !Expression.BUILT_INS.contains(k)).sorted().forEach(k ->
        problems.add("built-in " + k + ": not one our templates use; give only " + String.join(", ", Expression.BUILT_INS)));
    Map<String, String> out = new LinkedHashMap<>();
    out.put("SEALOS_CLOUD_DOMAIN", given.getOrDefault("SEALOS_CLOUD_DOMAIN", DEFAULT_CLOUD_DOMAIN));
    out.put("SEALOS_CERT_SECRET_NAME", given.getOrDefault("SEALOS_CERT_SECRET_NAME", DEFAULT_CERT_SECRET));
    String namespace = given.get("SEALOS_NAMESPACE");
    if (namespace == null || namespace.isBlank()) {
      problems.add("built-in SEALOS_NAMESPACE: not given; Sealos Cloud sets it to the user's namespace, ns-<user>");
      namespace = "";
    }
    out.put("SEALOS_NAMESPACE", namespace);
    String account = given.get("SEALOS_SERVICE_ACCOUNT");
    if (account == null) {
      // the namespace without its ns- prefix (docs/sealos.md "Built-ins")
      if (namespace.startsWith("ns-")) {
        account = namespace.substring(3);
      } else {
        if (!namespace.isEmpty()) {
          problems.add("built-in SEALOS_SERVICE_ACCOUNT: not given, and SEALOS_NAMESPACE " + namespace
              + " does not start with ns- to derive it from; give it");
        }
        account = "";
      }
    }
    out.put("SEALOS_SERVICE_ACCOUNT", account);
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, String> defaults(Declarations declared) {
    Map<String, String> out = new LinkedHashMap<>();
    declared.defaults().forEach((name, value) -> out.put(name, generate(value)));
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, String> inputs(Declarations declared, Map<String, String> given, List<String> problems) {
    given.keySet().stream().filter(k -> !declared.inputs().containsKey(k)).sorted().forEach(k ->
        problems.add("input " + k + ": the Template declares no such input; it declares "
            + (declared.inputs().isEmpty() ? "none" : String.join(", ", declared.inputs().keySet()))));
    Map<String, String> out = new LinkedHashMap<>();
    declared.inputs().forEach((name, input) -> {
      String value = given.containsKey(name) ? given.get(name) : generate(input.defaultValue());
      if (input.required() && value.isEmpty()) {
        problems.add("input " + name + ": required, and neither given nor defaulted; give it");
      }
      if (input.type().equals("boolean") && !value.equals("true") && !value.equals("false")) {
        problems.add("input " + name + ": a boolean is 'true' or 'false', as Sealos passes it, but was '" + value + "'");
      }
      if (input.type().equals("choice") && !input.options().contains(value)) {
        problems.add("input " + name + ": must be one of " + input.options() + ", but was '" + value + "'");
      }
      out.put(name, value);
    });
    return Collections.unmodifiableMap(out);
  }
}
