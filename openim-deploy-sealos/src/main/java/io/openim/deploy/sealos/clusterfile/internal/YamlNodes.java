/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads from composed YAML nodes, for {@link ClusterfileReader}. Each value of the wrong
 * shape is recorded as a problem at its path and read as absent (a list element as empty text,
 * so the other elements keep their index), so one pass reports every problem. Repeated keys are
 * found here, every one with its lines: SnakeYAML's own check stops at the first.
 */
final class YamlNodes {
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,9}");

  private final Problems problems;
  private final List<String> lines;

  /** Reads nodes composed from {@code lines}, recording problems in {@code problems}. */
  YamlNodes(Problems problems, List<String> lines) {
    this.problems = problems;
    this.lines = lines;
  }

  /** {@code parent.key}, or {@code key} at the top. */
  static String join(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** Whether {@code node} is absent or YAML's null ({@code ~}, {@code null} or nothing). */
  static boolean isNull(Node node) {
    return Tag.NULL.equals(node.getTag());
  }

  /**
   * The entries of the mapping {@code node}, each key once (its first value). Records a node that
   * is no mapping, every repeated key with its lines, and every key that is not in {@code known}
   * (with the reason in {@code refused} when there is one).
   */
  @Nullable Map<String, Node> mapping(Node node, String path, List<String> known, Map<String, String> refused) {
    if (!plain(node, path)) {
      return null;
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.add(path.isEmpty() ? "(document)" : path, "must be a mapping (key: value lines), but is " + kind(node));
      return null;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    Map<String, List<Integer>> lines = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : "(" + kind(keyNode) + ")";
      lines.computeIfAbsent(key, k -> new ArrayList<>()).add(keyNode.getStartMark().getLine() + 1);
      out.putIfAbsent(key, tuple.getValueNode());
    }
    lines.forEach((key, at) -> {
      String where = join(path, key);
      if (at.size() > 1) {
        problems.add(where, "is given " + at.size() + " times (lines " + at.toString().replaceAll("[\\[\\]]", "")
            + "); sealos would silently keep the last (docs/sealos.md): keep one");
      }
      if (refused.containsKey(key)) {
        problems.add(where, refused.get(key));
      } else if (!known.contains(key)) {
        problems.add(where, "is not a field here" + suggestion(key, known) + "; the fields are " + known
            + ", and sealos would silently ignore any other (docs/sealos.md): remove it or fix its name");
      }
    });
    out.keySet().removeIf(key -> !known.contains(key));
    return out;
  }

  /** Text at {@code key}; null (and, if {@code required}, a problem) when absent or not text. */
  @Nullable String string(Map<String, Node> map, String key, String parent, boolean required, boolean secret) {
    String path = join(parent, key);
    Node node = present(map, key, path, required ? "is missing; add it" : "");
    return node == null ? null : text(node, path, secret);
  }

  /**
   * The value at {@code key}; null when it is absent or YAML's null, with the problem {@code
   * missing} unless that is empty (the value is optional).
   */
  @Nullable Node present(Map<String, Node> map, String key, String path, String missing) {
    Node node = map.get(key);
    if (node == null || isNull(node)) {
      if (!missing.isEmpty()) {
        problems.add(path, missing);
      }
      return null;
    }
    return node;
  }

  /** The text of a scalar node; null, and a problem, for any other node. */
  @Nullable String text(Node node, String path, boolean secret) {
    if (!plain(node, path)) {
      return null;
    }
    if (node instanceof ScalarNode scalar && Tag.STR.equals(node.getTag())) {
      if (scalar.getValue().contains("{{") && !written(scalar, "{{")) {
        // the lines that hold "{{" literally are reported by line; this one is escaped ("\x7b{")
        problems.add(path, "decodes to '{{', which this model refuses: written back, sealos's Go text/template pass"
            + " would take it as an action (docs/sealos.md); remove it");
      }
      return scalar.getValue();
    }
    String quoted = !(node instanceof ScalarNode scalar) ? ""
        : secret ? " (to mean the text, put it in quotes)" : " (to mean the text, quote it: '" + scalar.getValue() + "')";
    problems.add(path, "must be text, but is " + kind(node) + quoted);
    return null;
  }

  /** A whole number at {@code key}, written in decimal; null (and maybe a problem) otherwise. */
  @Nullable Integer integer(Map<String, Node> map, String key, String parent, boolean required) {
    String path = join(parent, key);
    Node node = present(map, key, path, required ? "is missing; add it" : "");
    if (node == null || !plain(node, path)) {
      return null;
    }
    String value = node instanceof ScalarNode scalar ? scalar.getValue() : "";
    if (Tag.INT.equals(node.getTag()) && DECIMAL.matcher(value).matches()) {
      return Integer.valueOf(value);
    }
    problems.add(path, "must be a whole number written in decimal, as sealos reads an integer here"
        + " (docs/sealos.md), but is " + kind(node) + (node instanceof ScalarNode ? " '" + value + "'" : ""));
    return null;
  }

  /** The elements of the list at {@code key}; empty (and maybe a problem) when absent or no list. */
  List<Node> sequence(Map<String, Node> map, String key, String parent, boolean required) {
    String path = join(parent, key);
    Node node = present(map, key, path, required ? "is missing; add it as a list" : "");
    if (node == null || !plain(node, path)) {
      return List.of();
    }
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    problems.add(path, "must be a list (lines starting with '- '), but is " + kind(node));
    return List.of();
  }

  /** The text elements of the list at {@code key}; a bad element is read as empty text. */
  List<String> strings(Map<String, Node> map, String key, String parent, boolean required) {
    List<String> out = new ArrayList<>();
    List<Node> elements = sequence(map, key, parent, required);
    for (int i = 0; i < elements.size(); i++) {
      String value = text(elements.get(i), join(parent, key) + "[" + i + "]", false);
      out.add(value == null ? "" : value);
    }
    return out;
  }

  /** Whether {@code text} is written in one of the lines the node spans. */
  private boolean written(Node node, String text) {
    for (int line = node.getStartMark().getLine(); line <= node.getEndMark().getLine() && line < lines.size(); line++) {
      if (lines.get(line).contains(text)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code node} has no anchor; records one that has (or is an alias to one). */
  private boolean plain(Node node, String path) {
    if (node.getAnchor() == null) {
      return true;
    }
    problems.add(path, "uses the anchor or alias '" + node.getAnchor() + "'; write the value out where it is used:"
        + " a Clusterfile of ours has none");
    return false;
  }

  private static String suggestion(String key, List<String> known) {
    return known.stream().filter(k -> k.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))).findFirst()
        .map(k -> " (did you mean '" + k + "'?)").orElse("");
  }

  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    Tag tag = node.getTag();
    if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      return "a number";
    }
    if (Tag.BOOL.equals(tag)) {
      return "a boolean";
    }
    if (Tag.NULL.equals(tag)) {
      return "empty";
    }
    return Tag.STR.equals(tag) ? "text" : "a value tagged " + tag.getValue();
  }
}
