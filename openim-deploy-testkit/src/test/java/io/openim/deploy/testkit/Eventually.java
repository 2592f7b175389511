/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.assertj.core.api.Assertions;

/** Polls a reading until it satisfies a condition, failing with the last reading. */
final class Eventually {
  private Eventually() {}

  static <T> T await(Duration timeout, String what, Callable<T> reading, Predicate<T> done)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = reading.call();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        Assertions.fail("%s did not happen within %s; last seen: %s", what, timeout, last);
      }
      Thread.sleep(100); // the poll interval; the deadline above bounds the wait
      last = reading.call();
    }
    return last;
  }
}
