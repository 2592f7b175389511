/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Phase;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one operation's objects reach the cluster: by server-side apply, as a Helm release, through
 * k3s's HelmChart, or otherwise. {@link Rollout} runs the loop around it (batches in order, rollout
 * waiting, results, events); a delivery only delivers, prunes and records.
 *
 * <p>A delivery serves one operation and may keep state between its calls; it signals a failure by
 * throwing {@link RolloutException}, naming the object.
 *
 * @since 0.3
 */
public interface Delivery {
  /**
   * The batches, in order: each is delivered and then rolled out before the next starts. A phase
   * each for a delivery that orders them, one with every object for one that delivers all at once.
   */
  List<Batch> batches();

  /**
   * Delivers one batch and says what happened to each object it touched. {@link Rollout} then
   * waits for the batch's objects that have a rollout.
   */
  List<ObjectResult> deliver(Batch batch, Operation operation);

  /**
   * What to wait for once {@code batch} is delivered: its objects whose kind has a rollout, unless
   * overridden by a delivery that learns its objects by delivering them (a Helm release's are
   * those Helm stored).
   */
  default List<ObjectRef> awaited(Batch batch) {
    return batch.objects().stream().filter(m -> RolloutWaiter.waitsFor(m.kind())).map(ObjectRef::of).toList();
  }

  /**
   * The object as this delivery last saw it, the answer to its apply or a list it made: the wait
   * for its rollout starts from it instead of a read of its own, and is over at once when it has
   * already rolled out. Empty (the default) for a delivery that does not know; asked once per
   * object and delivery.
   *
   * @since 0.4
   */
  default Optional<KubeObject> observed(ObjectRef ref) {
    return Optional.empty();
  }

  /**
   * After the last batch has rolled out: removes what the release had before and no longer has.
   * Nothing unless overridden, for deliveries that prune themselves (Helm does).
   */
  default List<ObjectResult> prune(Operation operation) {
    return List.of();
  }

  /**
   * Records the operation as a revision of the release, given every object's result.
   *
   * @return the release's revision now (unchanged when nothing changed)
   */
  int record(List<ObjectResult> results, Operation operation);

  /**
   * Objects delivered together and then waited for.
   *
   * @param phase the phase they belong to, for progress ({@link Phase#FOUNDATION} for one that
   *     holds them all)
   * @param objects the objects, each waited for after delivery if its kind has a rollout
   * @since 0.3
   */
  record Batch(Phase phase, List<Manifest> objects) {
    /** Copies the list. */
    public Batch {
      Objects.requireNonNull(phase, "phase");
      objects = List.copyOf(objects);
    }

    /** The non-empty phases of {@code manifests}, in phase order. */
    public static List<Batch> byPhase(List<Manifest> manifests) {
      return java.util.Arrays.stream(Phase.values())
          .map(phase -> new Batch(phase, manifests.stream().filter(m -> m.phase() == phase).toList()))
          .filter(batch -> !batch.objects().isEmpty())
          .toList();
    }
  }
}
