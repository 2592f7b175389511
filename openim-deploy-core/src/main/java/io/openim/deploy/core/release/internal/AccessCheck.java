/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.release.internal;

import io.openim.deploy.Manifest;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.render.DeployerRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The check before an operation's first write: whether the identity holds every right the
 * operation will use, asked of the API server (one SelfSubjectAccessReview each), so that a
 * missing right refuses the operation with nothing changed instead of stopping it half way, and
 * every missing right is named at once. The rights are those {@link DeployerRole} grants for the
 * kinds the operation touches. Where the server cannot answer, the right is taken as held and the
 * request itself says what it lacks.
 */
public final class AccessCheck {
  private final ClusterConnection connection;

  public AccessCheck(ClusterConnection connection) {
    this.connection = connection;
  }

  /**
   * One right.
   *
   * @param namespace where, or null for a cluster-scoped resource
   * @param name the one object, or null for any
   */
  public record Right(String verb, String apiGroup, String resource, @Nullable String namespace,
      @Nullable String name) {
    /** {@code create statefulsets.apps in namespace im}, {@code create namespaces/im (cluster-scoped)}. */
    public String describe() {
      String what = verb + " " + resource + (apiGroup.isEmpty() ? "" : "." + apiGroup);
      if (namespace == null) {
        return what + (name == null ? "" : "/" + name) + " (cluster-scoped)";
      }
      return what + " in namespace " + namespace;
    }
  }

  /**
   * The rights of an operation on {@code release} that applies or deletes objects of the kinds of
   * {@code manifests} and of {@code moreKinds}: the role's rule for each kind, the ConfigMaps of
   * the inventory and the history, and listing pods (diagnosis, a Job's report). A Namespace among
   * the manifests (one that does not exist yet, or was made by an earlier apply for the release)
   * needs get, create and patch on it, which the role does not grant: the namespace is made by a
   * cluster admin.
   */
  public static List<Right> needed(ReleaseRef release, Collection<Manifest> manifests, Collection<String> moreKinds) {
    DeployerRole role = DeployerRole.of(release.namespace());
    Set<String> kinds = new LinkedHashSet<>();
    kinds.add("ConfigMap");
    manifests.forEach(m -> kinds.add(m.kind()));
    kinds.addAll(moreKinds);
    List<Right> rights = new ArrayList<>();
    for (String kind : kinds) {
      if (kind.equals("Namespace")) {
        for (String verb : List.of("get", "create", "patch")) {
          rights.add(new Right(verb, "", "namespaces", null, release.namespace()));
        }
        continue;
      }
      Optional<DeployerRole.Rule> rule = role.ruleFor(kind);
      // a kind without a rule cannot be in a plan (DeployerRoleTest); its request would say what it lacks
      rule.ifPresent(r -> r.verbs().forEach(verb -> rights.add(
          new Right(verb, r.apiGroup(), r.resource(), release.namespace(), null))));
    }
    rights.add(new Right("list", "", "pods", release.namespace(), null));
    return rights;
  }

  /**
   * What the identity lacks of {@code rights}, one description each; empty when it holds them
   * all, or may do anything anywhere (one review answers that for cluster admins).
   */
  public List<String> missing(List<Right> rights) {
    if (connection.allows("*", "*", "*", null, null).orElse(false)) {
      return List.of();
    }
    List<String> missing = new ArrayList<>();
    for (Right right : rights) {
      boolean allowed = connection.allows(right.verb(), right.apiGroup(), right.resource(), right.namespace(),
          right.name()).orElse(true);
      if (!allowed && !missing.contains(right.describe())) {
        missing.add(right.describe());
      }
    }
    return missing;
  }

  /**
   * Why {@code operation} was refused: every missing right, and what a cluster admin does about
   * it.
   */
  public static String refusal(String operation, ReleaseRef release, List<String> missing) {
    return operation + " of " + release + " refused before changing anything: " + reason(release, missing);
  }

  /** The missing rights, and what a cluster admin does about them. */
  public static String reason(ReleaseRef release, List<String> missing) {
    boolean namespace = missing.stream().anyMatch(m -> m.contains(" namespaces/"));
    return "the identity lacks " + (missing.size() == 1 ? "1 right" : missing.size() + " rights") + " it needs ("
        + String.join(", ", missing) + "). " + (namespace ? "The deployer's role only reads its namespace, by"
            + " name, and never creates or labels one: a cluster admin creates namespace " + release.namespace()
            + " first (one that an up by an admin created carries the release's label applyset.kubernetes.io/part-of;"
            + " remove it). " : "")
        + advice(release.namespace());
  }

  /** What a cluster admin runs to grant the deployer's role for {@code namespace}. */
  public static String advice(String namespace) {
    return "A cluster admin grants the deployer's role with: openim-deploy rbac --namespace " + namespace
        + " --user NAME (or --group, --service-account) | kubectl apply -f -";
  }
}
