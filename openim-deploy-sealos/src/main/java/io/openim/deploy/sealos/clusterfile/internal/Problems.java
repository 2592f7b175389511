/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile.internal;

import io.openim.deploy.Violation;
import io.openim.deploy.sealos.clusterfile.ClusterfileException;
import java.util.ArrayList;
import java.util.List;

/** The problems found in one Clusterfile, each at its path, in the order found. */
public final class Problems {
  private final List<Violation> found = new ArrayList<>();

  /** Records that {@code path} has the problem {@code message}. */
  public void add(String path, String message) {
    found.add(new Violation(path, message));
  }

  /** Whether none was found. */
  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** Every problem found so far. */
  public List<Violation> all() {
    return List.copyOf(found);
  }

  /**
   * Adds those of {@code checked} that are not at or under a path already reported. The checks
   * of values run over what reading the file left, and a value it could not read is a stand-in
   * whose own problems would only repeat the first report.
   */
  public void addUncovered(List<Violation> checked) {
    List<Violation> before = List.copyOf(found);
    for (Violation v : checked) {
      if (before.stream().noneMatch(reported -> under(v.path(), reported.path()))) {
        found.add(v);
      }
    }
  }

  /** Throws a {@link ClusterfileException} listing every problem, if there is one. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ClusterfileException(found.stream().map(Violation::toString).toList());
    }
  }

  /** Whether {@code path} is {@code parent} or a field or element of it. */
  static boolean under(String path, String parent) {
    return path.equals(parent)
        || (path.startsWith(parent) && (path.charAt(parent.length()) == '.' || path.charAt(parent.length()) == '['));
  }
}
