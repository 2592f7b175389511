/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import org.jspecify.annotations.Nullable;
import io.openim.deploy.NotSupportedException;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.RefusedException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * How commands end on errors: one {@code error:} line on standard error, exit 2 for input refused
 * before anything changed, exit 1 for an operation that failed on its way.
 */
final class Failures {
  private Failures() {}

  /** Prints {@code message} as an error and returns {@code code}. */
  static int report(PrintWriter err, @Nullable String message, int code) {
    err.println("error: " + (message == null ? "failed without saying why" : message));
    err.flush();
    return code;
  }

  /** Runs {@code body}, turning openim-deploy's exceptions into an error line and an exit code. */
  static int guard(PrintWriter err, Callable<Integer> body) {
    try {
      return body.call();
    } catch (IllegalArgumentException | InvalidSpecException | RefusedException | NotSupportedException
        | UncheckedIOException e) {
      return report(err, e.getMessage(), PlanCommand.INVALID_SPEC);
    } catch (DeploymentException e) {
      return report(err, e.getMessage(), 1);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
