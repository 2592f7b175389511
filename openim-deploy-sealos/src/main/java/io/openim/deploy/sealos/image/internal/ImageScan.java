/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.image.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The image scan {@code sealos build} runs over the rendered charts and the files under {@code
 * manifests/} (labring/sreg, used by sealos v5.1.1: pkg/buildimage/manifests/utils.go {@code
 * ParseImages}): line by line, not YAML-aware. A line that, trimmed, starts with {@code #} is
 * skipped; otherwise what follows its first {@code image:} is trimmed, stripped of one pair of
 * matching quotes and, if it parses as an image reference, pulled. So any line holding {@code
 * image:}, in a config file or an environment value too, can make the build pull something: the
 * export runs this scan first and refuses what the plan does not run.
 */
public final class ImageScan {
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";

  /**
   * An image reference as distribution/reference's grammar has it: an optional {@code
   * host[:port]/}, lower-case path components, an optional {@code :tag} and {@code @digest}.
   */
  public static final Pattern REFERENCE = Pattern.compile(
      "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?"
          + COMPONENT + "(?:/" + COMPONENT + ")*(?::\\w[\\w.-]{0,127})?(?:@[a-z0-9]+:[a-fA-F0-9]{32,})?");

  private static final String IDENTITY = "image:";

  private ImageScan() {}

  /** A reference the scan would pull, and the 1-based line it is on. */
  public record Found(int line, String reference) {}

  /** Every reference the scan finds in {@code text}, in line order, repeats included. */
  public static List<Found> scan(String text) {
    List<Found> found = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int at = line.indexOf(IDENTITY);
      if (line.startsWith("#") || at < 0) {
        continue;
      }
      String value = unquote(line.substring(at + IDENTITY.length()).strip());
      if (!value.isEmpty() && REFERENCE.matcher(value).matches()) {
        found.add(new Found(i + 1, value));
      }
    }
    return found;
  }

  /**
   * What the scan of {@code text} would pull beyond {@code images}, one problem per line: where,
   * and what to change.
   */
  public static List<String> strangers(String file, String text, Collection<String> images) {
    List<String> problems = new ArrayList<>();
    for (Found found : scan(text)) {
      if (!images.contains(found.reference())) {
        problems.add(file + " line " + found.line() + " makes sealos build pull '" + found.reference()
            + "', which no container of the plan runs (the build pulls whatever follows 'image:' on any line)");
      }
    }
    return problems;
  }

  private static String unquote(String value) {
    if (value.length() >= 2) {
      char last = value.charAt(value.length() - 1);
      if (value.charAt(0) == last && (last == '"' || last == '\'')) {
        return value.substring(1, value.length() - 1);
      }
    }
    return value;
  }
}
