/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import io.openim.deploy.DeploymentException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A sealos step failed, ran past its timeout, or was refused before it ran. The message says which
 * step, how it ended, what to do next, and ends with the last lines sealos printed (secrets masked).
 */
public final class SealosException extends DeploymentException {
  private static final long serialVersionUID = 1L;
  private static final int NOT_RUN = Integer.MIN_VALUE;

  private final String step;
  private final int exitCode;
  private final boolean timedOut;
  @SuppressWarnings("serial") // an immutable List.copyOf, which is serializable
  private final List<String> tail;

  private SealosException(String step, String message, int exitCode, boolean timedOut, List<String> tail,
      @Nullable Throwable cause) {
    super(message + tailText(tail));
    if (cause != null) {
      initCause(cause);
    }
    this.step = step;
    this.exitCode = exitCode;
    this.timedOut = timedOut;
    this.tail = List.copyOf(tail);
  }

  /** {@code step} ran and exited non-zero; {@code whatNext} says what the caller can do. */
  static SealosException failed(String step, ProcessRunner.Result result, String whatNext) {
    String last = result.tail().isEmpty() ? "it printed nothing" : "its last line: " + result.tail()
        .get(result.tail().size() - 1);
    return new SealosException(step, "'" + step + "' failed with exit code " + result.exitCode() + " after "
        + seconds(result.took()) + " (" + last + "). " + whatNext, result.exitCode(), false, result.tail(), null);
  }

  /** {@code step} ran past {@code timeout} and was stopped with its process tree. */
  static SealosException timedOut(String step, Duration timeout, ProcessRunner.Result result, String whatNext) {
    return new SealosException(step, "'" + step + "' did not finish within its timeout of " + seconds(timeout)
        + " and was stopped, with every process it started. " + whatNext, result.exitCode(), true, result.tail(),
        null);
  }

  /** {@code step} was not run: {@code why}, with what to do next. */
  static SealosException refused(String step, String why) {
    return new SealosException(step, "'" + step + "' was not run: " + why, NOT_RUN, false, List.of(), null);
  }

  /** {@code step} was stopped, with its process tree, because this thread was interrupted. */
  static SealosException interrupted(String step, Throwable cause) {
    return new SealosException(step, "'" + step + "' was stopped, with every process it started, because this"
        + " thread was interrupted; the cluster may be half changed: run the step again", -1, false, List.of(), cause);
  }

  /** {@code step} was not run because of {@code cause}: {@code why}, with what to do next. */
  static SealosException refused(String step, String why, Throwable cause) {
    return new SealosException(step, "'" + step + "' was not run: " + why, NOT_RUN, false, List.of(), cause);
  }

  /** The step: the sealos command line, secrets masked (such as {@code sealos add --nodes 10.0.0.5}). */
  public String step() {
    return step;
  }

  /** Its exit code, -1 when it was stopped at its timeout; empty when it was not run. */
  public OptionalInt exitCode() {
    return exitCode == NOT_RUN ? OptionalInt.empty() : OptionalInt.of(exitCode);
  }

  /** Whether it was stopped because it ran past its timeout. */
  public boolean timedOut() {
    return timedOut;
  }

  /** The last lines it printed, secrets masked; empty when it was not run. */
  public List<String> tail() {
    return tail;
  }

  private static String tailText(List<String> tail) {
    if (tail.isEmpty()) {
      return "";
    }
    return "\nThe last " + tail.size() + " lines sealos printed:\n  " + String.join("\n  ", tail);
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() < 10_000 ? String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0)
        : duration.toSeconds() + " s";
  }
}
