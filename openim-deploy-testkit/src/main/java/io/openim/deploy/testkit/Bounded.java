/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import io.openim.deploy.spi.DeploymentProvider;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Calls that must return within a bound, and a provider as {@link ServiceLoader} makes it. */
final class Bounded {
  private Bounded() {}

  /**
   * The value of {@code call}, run on a thread of its own; fails if it takes longer than {@code
   * bound} (the thread is interrupted and left), and throws what it threw.
   */
  static <T> T call(Duration bound, String what, Callable<T> call) {
    FutureTask<T> task = new FutureTask<>(call);
    Thread thread = new Thread(task, "contract-kit: " + what);
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      thread.interrupt();
      throw new AssertionError(what + " did not return within " + bound);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw new AssertionError(what + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
  }

  /**
   * The {@link ServiceLoader.Provider} of {@code type}, whose {@code get()} makes an instance the
   * way discovery does: with the public no-argument constructor (or a static {@code provider()}
   * method).
   */
  static ServiceLoader.Provider<DeploymentProvider> loader(Class<? extends DeploymentProvider> type) {
    return ServiceLoader.load(DeploymentProvider.class, type.getClassLoader()).stream()
        .filter(p -> p.type() == type).findFirst()
        .orElseThrow(() -> new AssertionError(type.getName() + " is not listed in"
            + " META-INF/services/io.openim.deploy.spi.DeploymentProvider"));
  }
}
