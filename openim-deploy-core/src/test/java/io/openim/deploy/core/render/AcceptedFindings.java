/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import io.openim.deploy.core.render.Scanners.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/**
 * The findings file: every HIGH or CRITICAL finding the project accepts, each entry keyed by tool,
 * check id and object patterns ({@code Kind/name}, {@code *} for any characters), with the reason a
 * person wrote. {@link #problems} says what does not match the scanners' findings;
 * {@link #updated} writes a file that matches them, keeping every reason and giving each new
 * entry {@value #TODO}, which {@link #problems} refuses until someone writes the reason.
 */
record AcceptedFindings(String header, List<Entry> entries) {
  static final String TODO = "TODO";
  static final String COUNTS_BEGIN = "# Counts now (written by -Dfindings.update=true):";
  static final String COUNTS_END = "# (end of counts now)";
  /**
   * The content hash some Job names end with (the init Jobs': a changed Job is a new one), which
   * the update writes as {@code -*} so a change of the Job's content keeps its entry.
   */
  static final Pattern HASHED = Pattern.compile("-[0-9a-f]{8}$");

  /** One accepted check on the objects its patterns match. */
  record Entry(String tool, String check, String severity, String title, List<String> objects, String reason) {
    Entry {
      objects = List.copyOf(objects);
    }

    boolean matches(Finding finding) {
      return tool.equals(finding.tool()) && check.equals(finding.check())
          && objects.stream().anyMatch(pattern -> glob(pattern).matcher(finding.object()).matches());
    }
  }

  AcceptedFindings {
    entries = List.copyOf(entries);
  }

  @SuppressWarnings("unchecked")
  static AcceptedFindings read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    StringBuilder header = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.startsWith("#")) {
        break;
      }
      header.append(line).append('\n');
    }
    Map<String, Object> root = Objects.requireNonNullElse(new Yaml().load(text), Map.of());
    List<Entry> entries = new ArrayList<>();
    for (Map<String, Object> e : (List<Map<String, Object>>) root.getOrDefault("findings", List.of())) {
      entries.add(new Entry(string(e, "tool"), string(e, "check"), string(e, "severity"), string(e, "title"),
          ((List<Object>) e.getOrDefault("objects", List.of())).stream().map(String::valueOf).toList(),
          string(e, "reason")));
    }
    return new AcceptedFindings(header.toString(), entries);
  }

  /**
   * Every way the file and the gating findings disagree, each a sentence: findings no entry
   * accepts, patterns that match nothing any more, reasons left {@value #TODO} or empty.
   */
  List<String> problems(Collection<Finding> gating) {
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> fresh = new TreeMap<>();
    for (Finding f : gating) {
      if (entries.stream().noneMatch(e -> e.matches(f))) {
        fresh.computeIfAbsent(f.tool() + " " + f.check() + " (" + f.severity() + ", " + f.title() + ")",
            k -> new TreeSet<>()).add(f.object() + " in " + f.source());
      }
    }
    fresh.forEach((check, objects) -> problems.add("new finding " + check + " on " + String.join(", ", objects)));
    for (Entry e : entries) {
      for (String pattern : e.objects()) {
        boolean used = gating.stream().anyMatch(f -> f.tool().equals(e.tool()) && f.check().equals(e.check())
            && glob(pattern).matcher(f.object()).matches());
        if (!used) {
          problems.add("accepted " + e.tool() + " " + e.check() + " on " + pattern
              + " no longer occurs: remove it from the file");
        }
      }
      if (e.reason().isBlank() || e.reason().strip().equals(TODO)) {
        problems.add("accepted " + e.tool() + " " + e.check() + " on " + e.objects()
            + " has no reason yet (reason: " + e.reason().strip() + "): write why it is accepted, with its source");
      }
    }
    return problems;
  }

  /**
   * This file made true for {@code gating}: patterns that match nothing are dropped (and entries
   * left without one), every finding no entry accepts joins a new entry of its tool and check with
   * reason {@value #TODO}, and the counts block of the header is replaced by {@code counts}.
   */
  AcceptedFindings updated(Collection<Finding> gating, List<String> counts) {
    List<Entry> kept = new ArrayList<>();
    for (Entry e : entries) {
      List<String> live = e.objects().stream().filter(pattern -> gating.stream().anyMatch(f ->
          f.tool().equals(e.tool()) && f.check().equals(e.check()) && glob(pattern).matcher(f.object()).matches()))
          .toList();
      if (!live.isEmpty()) {
        kept.add(new Entry(e.tool(), e.check(), e.severity(), e.title(), live, e.reason()));
      }
    }
    Map<List<String>, Set<String>> fresh = new TreeMap<>((a, b) -> String.join(" ", a).compareTo(String.join(" ", b)));
    Map<List<String>, Finding> example = new LinkedHashMap<>();
    for (Finding f : gating) {
      if (kept.stream().noneMatch(e -> e.matches(f))) {
        List<String> key = List.of(f.tool(), f.check());
        fresh.computeIfAbsent(key, k -> new TreeSet<>()).add(HASHED.matcher(f.object()).replaceFirst("-*"));
        example.putIfAbsent(key, f);
      }
    }
    fresh.forEach((key, objects) -> {
      Finding f = example.get(key);
      kept.add(new Entry(f.tool(), f.check(), f.severity(), f.title(), List.copyOf(objects), TODO));
    });
    return new AcceptedFindings(withCounts(counts), kept);
  }

  void write(Path file) throws IOException {
    StringBuilder out = new StringBuilder(header);
    out.append("findings:\n");
    for (Entry e : entries) {
      out.append("- tool: ").append(e.tool()).append('\n')
          .append("  check: ").append(quoted(e.check())).append('\n')
          .append("  severity: ").append(e.severity()).append('\n')
          .append("  title: ").append(quoted(e.title())).append('\n')
          .append("  objects:\n");
      e.objects().forEach(o -> out.append("  - ").append(quoted(o)).append('\n'));
      out.append("  reason: ").append(quoted(e.reason())).append('\n');
    }
    Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
  }

  private String withCounts(List<String> counts) {
    String block = COUNTS_BEGIN + "\n" + counts.stream().map(c -> "#   " + c + "\n").collect(Collectors.joining())
        + COUNTS_END + "\n";
    int begin = header.indexOf(COUNTS_BEGIN);
    int end = header.indexOf(COUNTS_END);
    if (begin >= 0 && end > begin) {
      return header.substring(0, begin) + block + header.substring(end + COUNTS_END.length() + 1);
    }
    return header + "#\n" + block;
  }

  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }

  private static String string(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? "" : String.valueOf(value);
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      regex.append(Pattern.quote(part)).append(".*");
    }
    return Pattern.compile(regex.substring(0, regex.length() - 2));
  }
}
