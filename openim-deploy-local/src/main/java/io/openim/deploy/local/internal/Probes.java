/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import io.openim.deploy.local.LocalClusterException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a started process to be ready: polls a condition every 100 ms until it holds, the
 * process exits, or the timeout passes, and then fails with the end of the process's log.
 */
final class Probes {
  private Probes() {}

  /**
   * Waits until {@code problem} answers null; until then it answers what is not ready yet, which
   * the failure quotes.
   */
  static void await(ProcessSupervisor.Child child, Duration timeout, Supplier<@Nullable String> problem) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "not checked yet";
    while (System.nanoTime() < deadline) {
      if (!child.process().isAlive()) {
        throw failure(child, "exited with code " + child.process().exitValue());
      }
      String now = problem.get();
      if (now == null) {
        return;
      }
      last = now;
      ClusterProcesses.sleep(100);
    }
    throw failure(child, "was not ready within " + timeout + " (" + last + ")");
  }

  /** Waits until {@code url} answers HTTP 200 through {@code client}. */
  static void awaitHttp(ProcessSupervisor.Child child, OkHttpClient client, String url, Duration timeout) {
    await(
        child,
        timeout,
        () -> {
          try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code() == 200 ? null : url + " answered HTTP " + response.code();
          } catch (IOException e) {
            return url + ": " + e;
          }
        });
  }

  /** A failure naming the process and quoting the end of its log. */
  static LocalClusterException failure(ProcessSupervisor.Child child, String what) {
    return new LocalClusterException(
        child.name() + " " + what + ". Its log (" + child.log() + ") ends with:\n"
            + Logs.tail(child.log(), 25));
  }
}
