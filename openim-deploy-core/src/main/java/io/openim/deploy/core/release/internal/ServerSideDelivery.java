/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.release.internal;

import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.Phase;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.Delivery;
import io.openim.deploy.core.engine.KubeObject;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.Operation;
import io.openim.deploy.core.engine.RolloutWaiter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in delivery: server-side apply, phase by phase, with the release's inventory (an
 * ApplySet) recorded before anything but the foundation is touched, so a crash leaves every object
 * tracked; then pruning what the previous revision had, and a revision in the history when
 * anything changed.
 */
final class ServerSideDelivery implements Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(ServerSideDelivery.class);

  private final ReleaseRef release;
  private final String version;
  private final String description;
  private final List<Manifest> manifests;
  private final Applier applier;
  private final Inventory inventory;
  private final History history;
  private final Teardown teardown;
  private final Map<String, String> labels;
  private final List<Inventory.Entry> current;
  /** Each object as its apply left it, for the rollout wait to start from instead of a read. */
  private final Map<ObjectRef, KubeObject> observed = new ConcurrentHashMap<>();
  private List<Inventory.Entry> previous = List.of();
  private Optional<Inventory.State> before = Optional.empty();
  private boolean intent;

  ServerSideDelivery(ReleaseRef release, String version, String description, List<Manifest> manifests,
      Applier applier, Inventory inventory, History history, Teardown teardown) {
    this.release = release;
    this.version = version;
    this.description = description;
    this.manifests = manifests;
    this.applier = applier;
    this.inventory = inventory;
    this.history = history;
    this.teardown = teardown;
    this.labels = Inventory.memberLabels(release);
    this.current = Inventory.entries(manifests);
  }

  @Override
  public List<Batch> batches() {
    return Batch.byPhase(manifests);
  }

  @Override
  public List<ObjectResult> deliver(Batch batch, Operation operation) {
    if (batch.phase() != Phase.FOUNDATION) {
      recordIntent(); // the namespace (and RBAC) came first: the inventory lives in the namespace
    }
    RolloutWaiter waiter = new RolloutWaiter(operation.connection());
    // one list per kind instead of a read per object
    LiveObjects live = LiveObjects.list(operation.connection(), batch.objects(), labels);
    return operation.each(batch.objects(), manifest -> {
      ObjectRef ref = ObjectRef.of(manifest);
      Optional<KubeObject> before = live.before(ref, applier);
      if (manifest.kind().equals("Job") && rerunIfFailed(ref, before, waiter, operation)) {
        before = Optional.empty();
      }
      Applier.Applied applied = applier.apply(manifest, labels, before);
      observed.put(ref, applied.live());
      return applied.result();
    });
  }

  @Override
  public Optional<KubeObject> observed(ObjectRef ref) {
    return Optional.ofNullable(observed.remove(ref));
  }

  /** Reads the previous revision's inventory and records the union with this one, once. */
  private void recordIntent() {
    if (intent) {
      return;
    }
    before = inventory.read(release);
    previous = before.map(Inventory.State::entries).orElse(List.of());
    Set<Inventory.Entry> all = new LinkedHashSet<>(previous);
    all.addAll(current);
    inventory.write(release, before.map(Inventory.State::revision).orElse(0), new ArrayList<>(all));
    intent = true;
  }

  /**
   * A Job that failed on an earlier run (the MongoDB user, the Kafka topics, chat's admin password)
   * stays failed, so applying it again would fail the release again however its cause was fixed.
   * It is deleted first, so this apply runs it anew; a Job that completed is left as it is.
   *
   * @return whether it was deleted
   */
  private boolean rerunIfFailed(ObjectRef job, Optional<KubeObject> live, RolloutWaiter waiter, Operation operation) {
    if (live.isEmpty() || !RolloutWaiter.failedJob(live.get())) {
      return false;
    }
    String uid = live.get().uid();
    LOG.info("{} failed on an earlier run: deleting it so it runs again", job.id());
    applier.delete(job);
    waiter.awaitDeleted(job, uid, operation.deadline(), "failed on an earlier run");
    return true;
  }

  /** Deletes what the previous revision had and this one does not, newest phase first. */
  @Override
  public List<ObjectResult> prune(Operation operation) {
    recordIntent();
    Set<ObjectRef> keep = new LinkedHashSet<>();
    current.forEach(e -> keep.add(e.ref()));
    List<Inventory.Entry> gone = new ArrayList<>(previous.stream()
        .filter(e -> !keep.contains(e.ref()) && !e.ref().kind().equals("Namespace")).toList());
    gone.sort(Comparator.comparing(Inventory.Entry::phase).reversed());
    return teardown.deleteMembers(release, gone).stream().map(id -> new ObjectResult(id, Outcome.PRUNED, null)).toList();
  }

  /**
   * A new revision when anything changed, or the inventory did, or none was ever recorded;
   * otherwise the one there is, written into the history again if an earlier apply stopped between
   * the inventory's write and the history's.
   */
  @Override
  public int record(List<ObjectResult> results, Operation operation) {
    int revision = before.map(Inventory.State::revision).orElse(0);
    // revision 0: a first apply that stopped after its last object and before this point left
    // every object in place, so this re-run changes nothing, yet the release has no revision yet
    boolean changed = results.stream().anyMatch(r -> r.outcome() != Outcome.UNCHANGED) || before.isEmpty()
        || !Set.copyOf(previous).equals(Set.copyOf(current)) || revision == 0;
    if (!changed) {
      if (!history.has(release, revision)) {
        LOG.info("{}: revision {} is in the inventory but not in the history (an apply stopped between the two);"
            + " recording it", release, revision);
        history.record(release, revision, version, description, manifests);
      }
      return revision;
    }
    inventory.write(release, revision + 1, current);
    history.record(release, revision + 1, version, description, manifests);
    return revision + 1;
  }
}
