/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.ReleaseRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one loop, for every {@link Delivery}: batch after batch, deliver it and wait until
 * each of its objects that has a rollout has rolled out (several at once); then prune, record the
 * revision, and report. Progress goes to the listener of each {@link #run}: {@link
 * DeploymentEvent.PhaseStarted} per batch, {@link DeploymentEvent.ObjectApplied} per object
 * delivered, {@link DeploymentEvent.ObjectReady} per rollout, and one {@link
 * DeploymentEvent.Finished}.
 *
 * <pre>{@code
 * try (Rollout rollout = new Rollout(connection, Duration.ofMinutes(5), Duration.ofMinutes(20), 4)) {
 *   DeploymentResult result = rollout.run(release, delivery, System.out::println);
 * }
 * }</pre>
 *
 * <p>A failure is a result, not an exception: {@link DeploymentResult.Failed} names the object
 * and keeps what was done before it. Thread-safe.
 *
 * @since 0.3
 */
public final class Rollout implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);

  private final ClusterConnection connection;
  private final Duration objectTimeout;
  private final Duration timeout;
  private final ExecutorService pool;

  /**
   * A loop on {@code connection}: each object may take {@code objectTimeout} to roll out (a
   * Deployment its own progress deadline instead), a run {@code timeout} in all, with {@code
   * parallelism} objects delivered or waited for at once.
   */
  public Rollout(ClusterConnection connection, Duration objectTimeout, Duration timeout, int parallelism) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.objectTimeout = Objects.requireNonNull(objectTimeout, "objectTimeout");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, but was " + parallelism);
    }
    this.pool = Executors.newFixedThreadPool(parallelism, task -> {
      Thread thread = new Thread(task, "openim-deploy-rollout");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Runs {@code delivery} for {@code release}, its progress going to {@code listener}. */
  public DeploymentResult run(ReleaseRef release, Delivery delivery, DeploymentListener listener) {
    Instant start = Instant.now();
    ClusterConnection events = connection.withListener(listener);
    Operation operation = new Operation(events, start.plus(timeout), timeout, pool);
    RolloutWaiter waiter = new RolloutWaiter(events);
    List<ObjectResult> results = new ArrayList<>();
    DeploymentResult result;
    try {
      for (Delivery.Batch batch : delivery.batches()) {
        events.emit(new DeploymentEvent.PhaseStarted(Instant.now(), batch.phase(), batch.objects().size()));
        LOG.info("{}: phase {} ({} objects)", release, batch.phase(), batch.objects().size());
        for (ObjectResult delivered : delivery.deliver(batch, operation)) {
          events.emit(new DeploymentEvent.ObjectApplied(Instant.now(), delivered.object(), delivered.outcome()));
          results.add(delivered);
        }
        operation.each(delivery.awaited(batch), ref -> await(waiter, ref, delivery.observed(ref), operation.deadline()));
      }
      results.addAll(delivery.prune(operation));
      int revision = delivery.record(results, operation);
      result = new DeploymentResult.Succeeded(revision, results, Duration.between(start, Instant.now()));
      LOG.info("{}: revision {} rolled out in {} ms", release, revision, result.took().toMillis());
    } catch (RolloutException e) {
      // each object of the batch that failed (several conflicts, say), not only the first
      StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
      results.add(new ObjectResult(e.object(), Outcome.FAILED, e.getMessage()));
      for (Throwable more : e.getSuppressed()) {
        if (more instanceof RolloutException also) {
          results.add(new ObjectResult(also.object(), Outcome.FAILED, also.getMessage()));
          reason.append('\n').append(also.getMessage());
        }
      }
      result = new DeploymentResult.Failed(reason.toString(), results, Duration.between(start, Instant.now()));
      LOG.warn("{}: failed: {}", release, reason);
    } catch (DeploymentException e) {
      // the API server out of reach after every retry: a failed apply too, which the next one resumes
      results.add(new ObjectResult(release.toString(), Outcome.FAILED, e.getMessage()));
      result = new DeploymentResult.Failed(String.valueOf(e.getMessage()), results, Duration.between(start, Instant.now()));
      LOG.warn("{}: failed: {}", release, e.getMessage());
    }
    events.emit(new DeploymentEvent.Finished(Instant.now(), result));
    return result;
  }

  /**
   * Waits for one object: for {@code objectTimeout} at most, a Deployment until its own progress
   * deadline (the waiter's rule), always within the run's deadline.
   */
  private Duration await(RolloutWaiter waiter, ObjectRef ref, Optional<KubeObject> seen, Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new RolloutException(ref.id(), "the apply ran out of its overall timeout of " + timeout.toMinutes() + " min");
    }
    return waiter.await(ref, left.compareTo(objectTimeout) < 0 ? left : objectTimeout, deadline, seen);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
