/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * A Kubefile read back the way a Dockerfile parser reads the instructions the export uses (one
 * instruction a line, {@code #} comments, {@code ENV KEY="value"}, a JSON-array {@code CMD}), and
 * its {@code CMD} expanded the way sealos expands {@code $(VAR)}: written here, not taken from the
 * code under test.
 */
record ParsedKubefile(List<String> instructions, List<String> arguments) {
  private static final Pattern ENV = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|(\\S*))");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  static ParsedKubefile parse(String text) {
    List<String> instructions = new ArrayList<>();
    List<String> arguments = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int space = trimmed.indexOf(' ');
      if (space < 0) {
        throw new AssertionError("an instruction without arguments: " + line);
      }
      instructions.add(trimmed.substring(0, space));
      arguments.add(trimmed.substring(space + 1).strip());
    }
    return new ParsedKubefile(instructions, arguments);
  }

  /** The argument of the one {@code instruction}. */
  String argument(String instruction) {
    int index = instructions.indexOf(instruction);
    if (index < 0 || instructions.lastIndexOf(instruction) != index) {
      throw new AssertionError("not exactly one " + instruction + " in " + instructions);
    }
    return arguments.get(index);
  }

  /** Every ENV, in order. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).equals("ENV")) {
        Matcher m = ENV.matcher(arguments.get(i));
        if (!m.matches()) {
          throw new AssertionError("not KEY=\"value\": " + arguments.get(i));
        }
        env.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4));
      }
    }
    return env;
  }

  /** The CMD's JSON array. */
  List<String> cmd() {
    Object parsed = new Yaml().load(argument("CMD"));
    if (!(parsed instanceof List<?> list)) {
      throw new AssertionError("CMD is not a JSON array: " + argument("CMD"));
    }
    return list.stream().map(String.class::cast).toList();
  }

  /** The names of the {@code $(VAR)}s in the CMD. */
  Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(String.join(" ", cmd()));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The CMD with each {@code $(VAR)} replaced by its ENV default. */
  String expanded() {
    Map<String, String> env = env();
    Matcher m = VARIABLE.matcher(String.join(" ", cmd()));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString().strip();
  }
}
