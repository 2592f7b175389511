/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Watchable;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.ListOptions;
import io.openim.deploy.DeploymentEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until an object has rolled out, by watching it (no polling loop). Deployments: the
 * controller saw the latest generation and every replica is updated, ready and available, with
 * no old pods left; a Deployment fails when the controller reports that its own progress deadline
 * passed. StatefulSets: ready and updated replicas, current revision equals update
 * revision. Jobs: complete; a failed Job fails at once. Other kinds are ready once they exist.
 *
 * <p>When a rollout fails or times out, the message names the object and gives the reasons
 * Kubernetes reports on its pods (Unschedulable, ImagePullBackOff, CrashLoopBackOff, ...).
 *
 * @since 0.1
 */
public final class RolloutWaiter {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutWaiter.class);
  private static final Duration WATCH_WINDOW = Duration.ofSeconds(15);

  private final ClusterConnection connection;
  private final Applier reader;
  private final Diagnosis diagnosis;

  /** A waiter on {@code connection}. */
  public RolloutWaiter(ClusterConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.reader = new Applier(connection, false);
    this.diagnosis = new Diagnosis(connection);
  }

  /** Whether objects of {@code kind} have a rollout to wait for. */
  public static boolean waitsFor(String kind) {
    return Readiness.waitsFor(kind);
  }

  /**
   * Whether {@code job} has failed for good (condition Failed=True). Such a Job never runs again
   * by itself, and its template cannot be changed: running it again means deleting and creating it.
   *
   * @since 0.1
   */
  public static boolean failedJob(KubeObject job) {
    return Readiness.of("Job", job.json()).failed();
  }

  /**
   * Waits until {@code ref} has rolled out, for at most {@code timeout}; a Deployment fails earlier
   * if its own progress deadline passes first (see {@link #await(ObjectRef, Duration, Instant)}).
   *
   * @return how long it took
   * @throws RolloutException if it fails, disappears, or is not rolled out within {@code timeout}
   */
  public Duration await(ObjectRef ref, Duration timeout) {
    return await(ref, timeout, Instant.now().plus(timeout));
  }

  /**
   * Waits until {@code ref} has rolled out. Objects with no deadline of their own get {@code
   * timeout}. A Deployment has one: its {@code spec.progressDeadlineSeconds} (600 s unless set),
   * after which the controller reports the condition Progressing=False with reason {@code
   * ProgressDeadlineExceeded}; the wait for a Deployment goes on past {@code timeout} until the
   * controller reports that, and fails then. No wait goes past {@code limit}, the caller's overall
   * deadline. The failure says which of them ended the wait.
   *
   * @return how long it took
   * @throws RolloutException if it fails, disappears, or is not rolled out in time
   * @since 0.1
   */
  public Duration await(ObjectRef ref, Duration timeout, Instant limit) {
    return await(ref, timeout, limit, Optional.empty());
  }

  /**
   * As {@link #await(ObjectRef, Duration, Instant)}, starting from {@code seen}, the object as the
   * caller last saw it (the answer to its apply), instead of a read: an object that has already
   * rolled out costs no request, and one that has not is watched from that version on.
   *
   * @return how long it took
   * @throws RolloutException if it fails, disappears, or is not rolled out in time
   * @since 0.4
   */
  public Duration await(ObjectRef ref, Duration timeout, Instant limit, Optional<KubeObject> seen) {
    Optional<KubeObject> first = seen;
    Instant start = Instant.now();
    boolean ownDeadline = ref.kind().equals("Deployment");
    Instant timeoutAt = start.plus(timeout);
    Instant deadline = ownDeadline || limit.isBefore(timeoutAt) ? limit : timeoutAt;
    String shown = "";
    while (true) {
      KubeObject object = (first.isPresent() ? first : reader.read(ref))
          .orElseThrow(() -> new RolloutException(ref.id(), "does not exist (deleted while waiting?)"));
      first = Optional.empty();
      JsonObject live = object.json();
      Readiness.State state = Readiness.of(ref.kind(), live);
      if (state.done()) {
        return ready(ref, start);
      }
      if (state.failed()) {
        throw new RolloutException(ref.id(), withReasons(state.detail(), ref, live));
      }
      Duration remaining = Duration.between(Instant.now(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        long waited = Math.max(0, Math.round(Duration.between(start, deadline).toMillis() / 1000.0));
        String which = ownDeadline
            ? ", the time it was given, before its own progress deadline of " + progressDeadline(live)
                + " s passed"
            : "";
        throw new RolloutException(ref.id(), "not rolled out after " + waited + " s" + which + " ("
            + withReasons(state.detail(), ref, live) + ")");
      }
      String detail = shown.isEmpty() ? state.detail() : withReasons(state.detail(), ref, live);
      if (!detail.equals(shown)) {
        shown = detail;
        connection.emit(new DeploymentEvent.Waiting(Instant.now(), ref.id(), detail));
      }
      Optional<Readiness.State> watched = watch(ref, object.resourceVersion(),
          remaining.compareTo(WATCH_WINDOW) < 0 ? remaining : WATCH_WINDOW);
      if (watched.isPresent() && watched.get().done()) {
        return ready(ref, start);
      }
    }
  }

  /** A Deployment's progress deadline in seconds; k8s.io/api@v0.36.3 apps/v1: 600 unless set. */
  private static long progressDeadline(JsonObject deployment) {
    return Readiness.num(Readiness.obj(deployment, "spec"), "progressDeadlineSeconds", 600);
  }

  /**
   * Waits, by watching, until {@code ref} exists, for objects another controller creates (such as
   * k3s's helm-controller creating an install Job).
   *
   * @throws RolloutException if it does not appear within {@code timeout}
   */
  public void awaitCreated(ObjectRef ref, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (reader.read(ref).isEmpty()) {
      Duration remaining = Duration.between(Instant.now(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        throw new RolloutException(ref.id(), "was not created within " + timeout.toSeconds() + " s; is the"
            + " controller that creates it running?");
      }
      ListOptions options = new ListOptions();
      options.setFieldSelector("metadata.name=" + ref.name());
      options.setTimeoutSeconds((int) Math.max(1, Math.min(remaining.toSeconds(), WATCH_WINDOW.toSeconds())));
      try (Watchable<DynamicKubernetesObject> watch = ref.namespace() == null
          ? connection.watchApi(ref).watch(options)
          : connection.watchApi(ref).watch(ref.namespace(), options)) {
        while (watch.hasNext()) {
          if ("ADDED".equals(watch.next().type)) {
            return;
          }
        }
      } catch (ApiException | IOException | RuntimeException e) {
        LOG.debug("watch for {} ended: {}", ref.id(), e.toString());
        pause();
      }
    }
  }

  /**
   * Waits until {@code ref} is gone, or only another object of its name is there (one with a uid
   * other than {@code uid}, when given): a deletion that a finalizer or a controller completes.
   * Polled, bounded by {@code deadline}.
   *
   * @throws RolloutException if it is still there at {@code deadline}, saying {@code why} it was
   *     waited for
   */
  public void awaitDeleted(ObjectRef ref, @Nullable String uid, Instant deadline, String why) {
    while (reader.read(ref).filter(o -> uid == null || uid.equals(o.uid())).isPresent()) {
      if (Instant.now().isAfter(deadline)) {
        throw new RolloutException(ref.id(), why + " and is still being deleted");
      }
      pause();
    }
  }

  private Duration ready(ObjectRef ref, Instant start) {
    Duration took = Duration.between(start, Instant.now());
    connection.emit(new DeploymentEvent.ObjectReady(Instant.now(), ref.id(), took));
    LOG.debug("{} rolled out in {} ms", ref.id(), took.toMillis());
    return took;
  }

  /** Watches until the object is done or failed, or the window ends; empty if it never got there. */
  private Optional<Readiness.State> watch(ObjectRef ref, String resourceVersion, Duration window) {
    ListOptions options = new ListOptions();
    options.setFieldSelector("metadata.name=" + ref.name());
    options.setResourceVersion(resourceVersion);
    options.setTimeoutSeconds((int) Math.max(1, window.toSeconds()));
    try (Watchable<DynamicKubernetesObject> watch = ref.namespace() == null
        ? connection.watchApi(ref).watch(options)
        : connection.watchApi(ref).watch(ref.namespace(), options)) {
      while (watch.hasNext()) {
        Watch.Response<DynamicKubernetesObject> event = watch.next();
        if (event.object == null || !("ADDED".equals(event.type) || "MODIFIED".equals(event.type))) {
          return Optional.empty(); // deleted, or an ERROR such as 410 Gone: read again
        }
        Readiness.State state = Readiness.of(ref.kind(), event.object.getRaw());
        if (state.done() || state.failed()) {
          return Optional.of(state);
        }
      }
    } catch (ApiException | IOException | RuntimeException e) {
      LOG.debug("watch of {} ended: {}", ref.id(), e.toString());
      pause();
    }
    return Optional.empty();
  }

  private String withReasons(String detail, ObjectRef ref, JsonObject live) {
    String reasons = diagnosis.explain(ref, live);
    return reasons.isEmpty() ? detail : detail + "; " + reasons;
  }

  private static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RolloutException("wait", "interrupted");
    }
  }
}
