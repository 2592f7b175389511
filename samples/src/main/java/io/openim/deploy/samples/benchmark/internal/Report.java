/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/** The measurements of every round, and the tables made from them: medians, ratios, requests. */
public final class Report {
  /**
   * One measured step.
   *
   * @param millis how long it took
   * @param verbs the tool's requests by verb
   * @param clients the user agents those requests came from
   */
  public record Sample(long millis, Map<String, Integer> verbs, Set<String> clients) {
    /** Copies the map and set. */
    public Sample {
      verbs = Map.copyOf(verbs);
      clients = Set.copyOf(clients);
    }

    /** Every request. */
    public int requests() {
      return verbs.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private final Map<String, Map<Tool.Step, List<Sample>>> samples = new LinkedHashMap<>();

  /** Records one step of {@code tool}; the first tool recorded is the one ratios are taken to. */
  public void add(String tool, Tool.Step step, Sample sample) {
    samples.computeIfAbsent(tool, t -> new LinkedHashMap<>()).computeIfAbsent(step, s -> new ArrayList<>()).add(sample);
  }

  /** The median of {@code values}; for an even count the lower middle, so it is always a measured value. */
  public static long median(List<Long> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values to take the median of");
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** Seconds with one decimal, {@code 7.9 s}. */
  public static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private List<Sample> of(String tool, Tool.Step step) {
    return samples.getOrDefault(tool, Map.of()).getOrDefault(step, List.of());
  }

  /** The median time of {@code step} of {@code tool}, in milliseconds; empty if it was not measured. */
  public OptionalLong millis(String tool, Tool.Step step) {
    List<Sample> measured = of(tool, step);
    return measured.isEmpty() ? OptionalLong.empty() : OptionalLong.of(median(measured.stream().map(Sample::millis).toList()));
  }

  /** The median request count of {@code step} of {@code tool}; empty if it was not measured. */
  public OptionalLong requests(String tool, Tool.Step step) {
    List<Sample> measured = of(tool, step);
    return measured.isEmpty() ? OptionalLong.empty()
        : OptionalLong.of(median(measured.stream().map(s -> (long) s.requests()).toList()));
  }

  /** {@link #seconds} of the median time, or a dash for a step the tool does not have. */
  private String time(String tool, Tool.Step step) {
    OptionalLong value = millis(tool, step);
    return value.isPresent() ? seconds(value.getAsLong()) : "-";
  }

  private String count(String tool, Tool.Step step) {
    OptionalLong value = requests(tool, step);
    return value.isPresent() ? Long.toString(value.getAsLong()) : "-";
  }

  /** Prints the tables in Markdown, medians over {@code rounds} rounds. */
  public void print(PrintStream out, int rounds) {
    List<String> tools = new ArrayList<>(samples.keySet());
    String reference = tools.get(0);
    out.printf(Locale.ROOT, "%nMedians of %d rounds, tools rotated each round; requests from the API server's"
        + " audit log:%n%n", rounds);
    out.println("| tool | first deploy | no-op re-apply | one-field change | requests (first / no-op / change) |");
    out.println("|---|---|---|---|---|");
    for (String tool : tools) {
      out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s / %s / %s |%n", tool, time(tool, Tool.Step.FIRST),
          time(tool, Tool.Step.NOOP), time(tool, Tool.Step.CHANGE), count(tool, Tool.Step.FIRST),
          count(tool, Tool.Step.NOOP), count(tool, Tool.Step.CHANGE));
    }
    out.printf(Locale.ROOT, "%nTime as a ratio to %s (median / median):%n%n", reference);
    out.println("| tool | first deploy | no-op re-apply | one-field change |");
    out.println("|---|---|---|---|");
    for (String tool : tools) {
      StringBuilder row = new StringBuilder("| " + tool + " |");
      for (Tool.Step step : Tool.Step.values()) {
        OptionalLong mine = millis(tool, step);
        OptionalLong theirs = millis(reference, step);
        row.append(mine.isPresent() && theirs.isPresent()
            ? String.format(Locale.ROOT, " %.2f |", (double) mine.getAsLong() / Math.max(1, theirs.getAsLong()))
            : " - |");
      }
      out.println(row);
    }
    printVerbs(out, tools);
  }

  private void printVerbs(PrintStream out, List<String> tools) {
    Set<String> verbs = new TreeSet<>();
    samples.values().forEach(steps -> steps.values().forEach(list -> list.forEach(s -> verbs.addAll(s.verbs().keySet()))));
    out.printf("%nRequests by verb, the median of each verb over the rounds, and the user agents they came from"
        + " (up to the first /):%n%n");
    out.println("| tool | step | " + String.join(" | ", verbs) + " | user agents |");
    out.println("|---|---|" + "---|".repeat(verbs.size() + 1));
    for (String tool : tools) {
      for (Tool.Step step : Tool.Step.values()) {
        if (of(tool, step).isEmpty()) {
          continue;
        }
        Set<String> clients = new TreeSet<>();
        of(tool, step).forEach(s -> clients.addAll(s.clients()));
        StringBuilder row = new StringBuilder("| " + tool + " | " + step.label() + " |");
        for (String verb : verbs) {
          row.append(' ').append(median(of(tool, step).stream().map(s -> (long) s.verbs().getOrDefault(verb, 0))
              .toList())).append(" |");
        }
        out.println(row.append(' ').append(String.join(", ", clients)).append(" |"));
      }
    }
  }
}
