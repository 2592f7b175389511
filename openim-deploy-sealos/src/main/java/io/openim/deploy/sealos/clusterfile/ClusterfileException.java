/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Clusterfile was refused: by {@link Clusterfile#parse}, by {@link Clusterfile.Builder#build()},
 * or by a {@link Clusterfile}'s constructor. It lists every problem found, each as {@code path:
 * what is wrong and what to do}, the path as in the file ({@code spec.hosts[1].ips[0]}, {@code
 * documents[2].spec.strategy}, {@code line 7} for what has no field).
 *
 * <p>No message ever shows an SSH password or key passphrase.
 *
 * @since 0.3
 */
public final class ClusterfileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  /**
   * An exception for the given problems.
   *
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public ClusterfileException(List<String> problems) {
    super(message(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ClusterfileException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order found: {@code path: message}. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    return "The Clusterfile has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
        + "; sealos was not given it:\n"
        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
  }
}
