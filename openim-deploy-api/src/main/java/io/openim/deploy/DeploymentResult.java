/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an apply ended. Failures are values, with what was done before the failure, so a caller
 * can report partial progress; {@link #orThrow()} turns a failure into an exception.
 *
 * <p>This family is closed.
 *
 * @since 0.1
 */
public sealed interface DeploymentResult {
  /** What happened to each object, in apply order. */
  List<ObjectResult> objects();

  /** How long the apply took. */
  Duration took();

  /** This result if it succeeded. */
  Succeeded orThrow();

  /**
   * Everything was applied, is ready, and what the plan no longer has was pruned.
   *
   * @param revision the revision this apply recorded
   * @param objects what happened to each object
   * @param took how long it took
   */
  record Succeeded(int revision, List<ObjectResult> objects, Duration took) implements DeploymentResult {
    /** Copies the list. */
    public Succeeded {
      objects = List.copyOf(objects);
      Objects.requireNonNull(took, "took");
    }

    @Override
    public Succeeded orThrow() {
      return this;
    }

    /** How many objects had {@code outcome}. */
    public long count(Outcome outcome) {
      return objects.stream().filter(o -> o.outcome() == outcome).count();
    }
  }

  /**
   * The apply stopped. Objects applied before stay applied; applying the same plan again
   * continues from there.
   *
   * @param reason what failed and why, naming the object
   * @param objects what happened to each object up to the failure
   * @param took how long it took
   */
  record Failed(String reason, List<ObjectResult> objects, Duration took) implements DeploymentResult {
    /** Copies the list. */
    public Failed {
      Objects.requireNonNull(reason, "reason");
      objects = List.copyOf(objects);
      Objects.requireNonNull(took, "took");
    }

    @Override
    public Succeeded orThrow() {
      throw new DeploymentException(reason);
    }
  }
}
