/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.release.internal;

import io.openim.deploy.core.render.internal.Foundation;
import io.openim.deploy.core.render.internal.Names;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.Manifest;
import io.openim.deploy.RefusedException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Removal;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.KubeObject;
import io.openim.deploy.core.engine.KubeResponse;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.ResourceType;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.core.engine.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What may be deleted, and deleting it: members of the release (listed in its inventory and still
 * labelled with its ApplySet id), its data volumes with its credentials, and its namespace only
 * when openim-deploy created it for this release and it holds nothing else. A namespace that
 * existed before is never labelled or deleted.
 */
final class Teardown {
  private final ClusterConnection connection;
  private final Applier applier;
  private final Inventory inventory;
  private final History history;
  private final AccessCheck access;

  Teardown(ClusterConnection connection, Applier applier, Inventory inventory, History history) {
    this.connection = connection;
    this.access = new AccessCheck(connection);
    this.applier = applier;
    this.inventory = inventory;
    this.history = history;
  }

  /**
   * {@code manifests} without the Namespace when that namespace exists and is not the release's
   * own: applying it would label a namespace someone else made, and make it the release's to delete.
   */
  List<Manifest> withoutForeignNamespace(ReleaseRef release, List<Manifest> manifests) {
    Optional<Manifest> namespace = manifests.stream().filter(m -> m.kind().equals("Namespace")).findFirst();
    if (namespace.isEmpty()) {
      return manifests;
    }
    Optional<KubeObject> live;
    try {
      live = applier.read(ObjectRef.of(namespace.get()));
    } catch (RolloutException e) {
      return manifests; // not allowed to read it: applying it reports the refusal, as it always did
    }
    if (live.isEmpty() || isMember(live.get(), release)) {
      return manifests;
    }
    return manifests.stream().filter(m -> !m.equals(namespace.get())).toList();
  }

  /**
   * Deletes each object that still exists and still carries the release's member label (another
   * owner may have taken it over), reporting each; returns the ids deleted.
   */
  List<String> deleteMembers(ReleaseRef release, List<Inventory.Entry> entries) {
    List<String> deleted = new ArrayList<>();
    for (Inventory.Entry entry : entries) {
      Optional<KubeObject> live = applier.read(entry.ref());
      if (live.isPresent() && isMember(live.get(), release)) {
        // it was there a moment ago, so a 404 now means it is gone all the same: most likely this
        // delete's own first attempt, whose answer was lost (a 504 or a dropped connection) and retried
        applier.delete(entry.ref());
        deleted.add(entry.ref().id());
        connection.emit(new DeploymentEvent.ObjectPruned(Instant.now(), entry.ref().id()));
      }
    }
    return deleted;
  }

  /**
   * Deletes the release's members and history, and with {@code deleteData} its data. Without it the
   * credentials Secret stays with the data volumes: MongoDB's volume holds a root user made with
   * its password, and the mongo image's entrypoint never makes it again on a volume that already
   * holds a database (docker-library/mongo 7.0/docker-entrypoint.sh skips initdb when
   * {@code $dbPath/WiredTiger} or the like exists), so new passwords would lock OpenIM out. The
   * next plan reads the Secret by name and reuses its values.
   */
  Removal destroy(ReleaseRef release, boolean deleteData) {
    ObjectRef credentials = new ObjectRef("v1", "Secret", release.namespace(), Names.credentials(release.release()));
    List<Inventory.Entry> entries = new ArrayList<>(inventory.read(release).map(Inventory.State::entries)
        .orElse(List.of()));
    entries.removeIf(entry -> entry.ref().kind().equals("Namespace")
        || (!deleteData && sameObject(entry.ref(), credentials)));
    entries.sort(Comparator.comparing(Inventory.Entry::phase).reversed());
    refuseWithoutRights(release, entries, deleteData);
    List<String> removed = new ArrayList<>(deleteMembers(release, entries));
    removed.addAll(history.deleteAll(release));
    ObjectRef parent = Inventory.parent(release);
    if (applier.delete(parent)) {
      removed.add(parent.id());
    }
    Optional<KubeObject> secret;
    try {
      secret = applier.read(credentials).filter(live -> isMember(live, release) || installedByHelm(live, release));
    } catch (RolloutException e) {
      if (deleteData) {
        throw e; // the credentials cannot be deleted: saying the data is gone would be half true
      }
      secret = Optional.empty(); // not deleted, whether it is there or not
    }
    if (!deleteData) {
      return new Removal(release, removed, List.of(), secret.isPresent() ? credentials.id() : "", false, "");
    }
    if (secret.isPresent() && applier.delete(credentials)) {
      // not deleted with the members: a Helm release's (kept by helm uninstall), or one an earlier
      // down kept with the data
      removed.add(credentials.id());
      connection.emit(new DeploymentEvent.ObjectPruned(Instant.now(), credentials.id()));
    }
    List<String> claims = deleteClaims(release);
    ObjectRef namespace = new ObjectRef("v1", "Namespace", null, release.namespace());
    Optional<KubeObject> live;
    try {
      live = applier.read(namespace);
    } catch (RolloutException e) {
      return new Removal(release, removed, claims, "", false, "it could not be read to see whose it is ("
          + e.reason() + ")");
    }
    String kept;
    if (live.isEmpty()) {
      kept = "it does not exist";
    } else if (Foundation.SYSTEM_NAMESPACES.contains(release.namespace())) {
      kept = "openim-deploy never deletes a system namespace";
    } else if (!isMember(live.get(), release)) {
      kept = "openim-deploy did not create it for this release (it does not carry the release's label "
          + Inventory.PART_OF + ")";
    } else {
      kept = new NamespaceContents(connection).reasonToKeep(release);
      if (kept.isEmpty()) {
        applier.delete(namespace);
        connection.emit(new DeploymentEvent.ObjectPruned(Instant.now(), namespace.id()));
        return new Removal(release, removed, claims, "", true, "");
      }
    }
    return new Removal(release, removed, claims, "", false, kept);
  }

  /**
   * Refuses a destroy, before it deletes anything, when the identity lacks a right it will use:
   * reading and deleting each kind of the inventory, the revisions' ConfigMaps, and with {@code
   * deleteData} the credentials Secret and the data volumes (listed).
   */
  private void refuseWithoutRights(ReleaseRef release, List<Inventory.Entry> entries, boolean deleteData) {
    List<String> kinds = new ArrayList<>(entries.stream().map(e -> e.ref().kind()).distinct().toList());
    if (deleteData) {
      kinds.addAll(List.of("Secret", "PersistentVolumeClaim"));
    }
    List<AccessCheck.Right> rights = AccessCheck.needed(release, List.of(), kinds).stream()
        .filter(r -> List.of("get", "list", "delete").contains(r.verb()) && !r.resource().equals("pods")).toList();
    List<String> missing = access.missing(rights);
    if (!missing.isEmpty()) {
      throw new RefusedException("down of " + release, List.of(AccessCheck.reason(release, missing)));
    }
  }

  private static boolean sameObject(ObjectRef a, ObjectRef b) {
    return a.kind().equals(b.kind()) && a.name().equals(b.name()) && Objects.equals(a.namespace(), b.namespace());
  }

  /**
   * Whether Helm installed {@code object} for the Helm release of the same name and namespace: it
   * stamps these annotations on every object it installs and adopts only objects that carry them
   * (helm.sh/helm/v3@v3.21.4 pkg/action/validate.go, setMetadataVisitor and checkOwnership).
   */
  private static boolean installedByHelm(KubeObject object, ReleaseRef release) {
    return release.release().equals(object.annotations().get("meta.helm.sh/release-name"))
        && release.namespace().equals(object.annotations().get("meta.helm.sh/release-namespace"));
  }

  /**
   * Deletes the claims of the dependencies' StatefulSets. The StatefulSet controller labels each
   * claim it makes with the set's selector and names it {@code <template>-<set>-<ordinal>}
   * (k8s.io/kubernetes@v1.36.3 pkg/controller/statefulset stateful_set_utils.go
   * getPersistentVolumeClaims, getPersistentVolumeClaimName); here the labels {@code
   * app.kubernetes.io/name} and {@code app.kubernetes.io/instance} (see {@link Names#selector}),
   * template {@code data} and set {@code <release>-<kind>} ({@link DependencyWorkloads}). Both must
   * match: other charts (Bitnami's) label their claims the same way. Backup volumes have neither.
   */
  private List<String> deleteClaims(ReleaseRef release) {
    Selector ours = Selector.ofLabels("app.kubernetes.io/instance=" + release.release() + ",app.kubernetes.io/name in ("
        + Arrays.stream(DependencyKind.values()).map(DependencyKind::key).collect(Collectors.joining(",")) + ")");
    KubeResponse<List<KubeObject>> response = connection.list("list the data volumes of " + release,
        new ResourceType("v1", "PersistentVolumeClaim"), release.namespace(), ours);
    if (response.notFound()) {
      return List.of();
    }
    if (!response.success()) {
      throw new DeploymentException("could not list the data volumes of " + release + ": " + response);
    }
    List<String> deleted = new ArrayList<>();
    for (KubeObject claim : response.body().orElseThrow()) {
      String name = claim.name();
      String kind = claim.labels().getOrDefault("app.kubernetes.io/name", "");
      if (!name.matches(Pattern.quote("data-" + release.release() + "-" + kind + "-") + "\\d+")) {
        continue; // labelled like ours, but not a claim of our StatefulSet
      }
      ObjectRef ref = new ObjectRef("v1", "PersistentVolumeClaim", release.namespace(), name);
      if (applier.delete(ref)) {
        deleted.add(ref.id());
        connection.emit(new DeploymentEvent.ObjectPruned(Instant.now(), ref.id()));
      }
    }
    deleted.sort(Comparator.naturalOrder());
    return deleted;
  }

  /** Whether {@code object} carries the member label of {@code release}, not only of some release. */
  static boolean isMember(KubeObject object, ReleaseRef release) {
    return Inventory.applySetId(release).equals(object.labels().get(Inventory.PART_OF));
  }
}
