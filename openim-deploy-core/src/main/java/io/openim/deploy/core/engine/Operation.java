/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What a {@link Delivery} gets for one operation from {@link Rollout}: the connection whose events
 * go to this operation's listener, the deadline, and the engine's threads.
 *
 * @since 0.3
 */
public final class Operation {
  private final ClusterConnection connection;
  private final Instant deadline;
  private final Duration timeout;
  private final ExecutorService pool;

  Operation(ClusterConnection connection, Instant deadline, Duration timeout, ExecutorService pool) {
    this.connection = connection;
    this.deadline = deadline;
    this.timeout = timeout;
    this.pool = pool;
  }

  /** The cluster, with this operation's listener. */
  public ClusterConnection connection() {
    return connection;
  }

  /** When the whole operation must be done. */
  public Instant deadline() {
    return deadline;
  }

  /** How long the whole operation may take. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * {@code task} for each item at once, on the engine's threads (as many as its parallelism), the
   * results in the items' order. Every task has ended when this returns or throws, so nothing of
   * a failed batch goes on changing the cluster afterwards. A failure that is no {@link
   * RolloutException} (the API server out of reach) is thrown first; otherwise the first {@link
   * RolloutException}, with those of the other items that failed as suppressed exceptions.
   */
  public <T, R> List<R> each(List<T> items, Function<T, R> task) {
    List<Future<R>> running = new ArrayList<>();
    for (T item : items) {
      running.add(pool.submit(() -> task.apply(item)));
    }
    List<R> results = new ArrayList<>();
    RolloutException first = null;
    RuntimeException other = null;
    boolean interrupted = false;
    for (Future<R> future : running) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RolloutException rollout) {
          if (first == null) {
            first = rollout;
          } else {
            first.addSuppressed(rollout);
          }
        } else if (other == null) {
          other = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        interrupted = true;
        running.forEach(f -> f.cancel(true));
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      throw new RolloutException("apply", "interrupted");
    }
    if (other != null) {
      throw other;
    }
    if (first != null) {
      throw first;
    }
    return results;
  }
}
