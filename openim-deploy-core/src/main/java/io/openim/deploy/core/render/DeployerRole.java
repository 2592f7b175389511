/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.core.render.internal.Tree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rights openim-deploy needs to run one release in one namespace, and no more: enough for
 * {@code up}, {@code diff}, {@code status}, {@code history}, {@code rollback}, {@code down} (with
 * or without its data), {@code backup} and {@code restore} with the built-in provider. A Role in
 * the namespace holds every namespaced right; a small ClusterRole holds the two cluster-scoped
 * reads: the release's own Namespace ({@code get}, by name) and the nodes ({@code list}, so that
 * images are checked for the nodes' platforms; without it the check says so and checks
 * linux/amd64 and linux/arm64).
 *
 * <pre>{@code
 * DeployerRole role = DeployerRole.of("im");
 * List<Manifest> objects = role.manifests(DeployerRole.Subject.user("ci-bot"));
 * }</pre>
 *
 * <p>The namespace is a precondition: a cluster admin creates it with the role ({@link
 * #manifests} starts with it), and the deployer may neither create, label nor delete namespaces,
 * since whoever may label a namespace may lower its Pod Security level. An {@code up} into a
 * namespace that exists and is not the release's leaves it alone, and {@code down --delete-data}
 * keeps it.
 *
 * <p>Verbs are those the engine uses: server-side apply is {@code patch}, and {@code create}
 * too when the object is new (k8s.io/apiserver staging/src/k8s.io/apiserver/pkg/endpoints/handlers
 * patch.go: an apply patch that creates checks {@code createAuthorizerAttributes}, verb create);
 * pruning and {@code down} {@code delete}; waits {@code watch} the workloads they wait for;
 * {@code status}, {@code history}, the Helm-release lookup and {@code down --delete-data} {@code
 * list}. No {@code update}, no {@code deletecollection}, no RBAC objects (the plans hold none), no
 * {@code escalate} or {@code bind}. Immutable.
 *
 * @since 0.3
 */
public final class DeployerRole {
  /** The name of the Role; the ClusterRole's is {@code openim-deploy:<namespace>}. */
  public static final String NAME = "openim-deploy";

  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  // list: each phase lists the kinds it applies, once, instead of reading each object
  private static final List<String> MANAGE = List.of("get", "list", "create", "patch", "delete");
  private static final List<String> MANAGE_WATCHED = List.of("get", "list", "watch", "create", "patch", "delete");

  private final String namespace;
  private final Map<String, Rule> byKind;
  private final List<Rule> rules;
  private final List<Rule> clusterRules;

  private DeployerRole(String namespace) {
    this.namespace = namespace;
    Map<String, Rule> kinds = new LinkedHashMap<>();
    // the plans' ConfigMaps, and the engine's own: the inventory and one per revision, listed by history
    kinds.put("ConfigMap", Rule.of("", "configmaps", MANAGE));
    // the credentials (read to keep the passwords), a backup target's keys; listed for Helm's release records
    kinds.put("Secret", Rule.of("", "secrets", MANAGE));
    kinds.put("Service", Rule.of("", "services", MANAGE));
    // a backup volume; listed and deleted by down --delete-data (the data volumes)
    kinds.put("PersistentVolumeClaim", Rule.of("", "persistentvolumeclaims", MANAGE));
    // waited for by watching; listed by status
    kinds.put("Deployment", Rule.of("apps", "deployments", MANAGE_WATCHED));
    kinds.put("StatefulSet", Rule.of("apps", "statefulsets", MANAGE_WATCHED));
    // waited for by watching; a failed one is deleted and applied again
    kinds.put("Job", Rule.of("batch", "jobs", List.of("get", "watch", "create", "patch", "delete")));
    kinds.put("HorizontalPodAutoscaler", Rule.of("autoscaling", "horizontalpodautoscalers", MANAGE));
    kinds.put("PodDisruptionBudget", Rule.of("policy", "poddisruptionbudgets", MANAGE));
    kinds.put("Ingress", Rule.of("networking.k8s.io", "ingresses", MANAGE));
    kinds.put("NetworkPolicy", Rule.of("networking.k8s.io", "networkpolicies", MANAGE));
    // only where the cluster serves the Prometheus Operator's CRDs; a rule for a type not served is inert
    kinds.put("ServiceMonitor", Rule.of("monitoring.coreos.com", "servicemonitors", MANAGE));
    kinds.put("PrometheusRule", Rule.of("monitoring.coreos.com", "prometheusrules", MANAGE));
    this.byKind = Map.copyOf(kinds);
    List<Rule> all = new ArrayList<>(kinds.values());
    // why a workload is not ready (its pods' reasons), a Job's report, OpenIM's pods stopping before
    // a restore; and pods/log for the 'kubectl logs job/...' that failed Jobs' messages point to
    all.add(Rule.of("", "pods", List.of("get", "list")));
    all.add(Rule.of("", "pods/log", List.of("get")));
    this.rules = List.copyOf(all);
    this.clusterRules = List.of(
        new Rule("", "namespaces", List.of("get"), List.of(namespace)),
        Rule.of("", "nodes", List.of("list")));
  }

  /**
   * The role for releases in {@code namespace}.
   *
   * @throws IllegalArgumentException if {@code namespace} is not a namespace name (a DNS label)
   */
  public static DeployerRole of(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException("namespace must be a DNS label (lower-case letters, digits and '-', at"
          + " most 63), but was '" + namespace + "'");
    }
    return new DeployerRole(namespace);
  }

  /** The namespace the role is for. */
  public String namespace() {
    return namespace;
  }

  /** The Role's rules, in the namespace: one per resource. */
  public List<Rule> rules() {
    return rules;
  }

  /** The ClusterRole's rules: {@code get} on the namespace by name, {@code list} on nodes. */
  public List<Rule> clusterRules() {
    return clusterRules;
  }

  /** The ClusterRole's name, {@code openim-deploy:<namespace>}: its namespace rule names that one. */
  public String clusterRoleName() {
    return NAME + ":" + namespace;
  }

  /**
   * The Role's rule for objects of {@code kind} (as plans name them: {@code Deployment}), or
   * empty for a kind no plan renders into the namespace (the Namespace itself is one).
   */
  public Optional<Rule> ruleFor(String kind) {
    return Optional.ofNullable(byKind.get(Objects.requireNonNull(kind, "kind")));
  }

  /**
   * What a cluster admin applies, in order: the Namespace, labelled so that the API server holds
   * every pod in it to Pod Security {@code restricted} (enforce and warn), which every pod of every
   * plan passes, the Role and a RoleBinding
   * for {@code subject}, the ClusterRole and a ClusterRoleBinding for it. Bindings are named after
   * the subject, so that roles printed for several subjects add up instead of replacing each other.
   */
  public List<Manifest> manifests(Subject subject) {
    Objects.requireNonNull(subject, "subject");
    String binding = NAME + ":" + subject.tag();
    Map<String, Object> ref = Tree.map("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", NAME);
    Map<String, Object> clusterRef = Tree.map("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole",
        "name", clusterRoleName());
    String rbac = "rbac.authorization.k8s.io/v1";
    return List.of(
        new Manifest(Phase.FOUNDATION, "v1", "Namespace", null, namespace,
            Tree.object("v1", "Namespace", Tree.map("name", namespace, "labels", Tree.map(
                "pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/warn", "restricted")))),
        new Manifest(Phase.FOUNDATION, rbac, "Role", namespace, NAME,
            Tree.object(rbac, "Role", metadata(NAME, namespace), "rules", bodies(rules))),
        new Manifest(Phase.FOUNDATION, rbac, "RoleBinding", namespace, binding,
            Tree.object(rbac, "RoleBinding", metadata(binding, namespace), "roleRef", ref,
                "subjects", List.of(subject.body()))),
        new Manifest(Phase.FOUNDATION, rbac, "ClusterRole", null, clusterRoleName(),
            Tree.object(rbac, "ClusterRole", metadata(clusterRoleName(), null), "rules", bodies(clusterRules))),
        new Manifest(Phase.FOUNDATION, rbac, "ClusterRoleBinding", null, clusterRoleName() + ":" + subject.tag(),
            Tree.object(rbac, "ClusterRoleBinding", metadata(clusterRoleName() + ":" + subject.tag(), null),
                "roleRef", clusterRef, "subjects", List.of(subject.body()))));
  }

  private static Map<String, Object> metadata(String name, @Nullable String namespace) {
    return Tree.map("name", name, "namespace", namespace, "labels", Tree.map("app.kubernetes.io/part-of",
        "openim-deploy", "app.kubernetes.io/component", "deployer-role"));
  }

  private static List<Object> bodies(List<Rule> rules) {
    List<Object> out = new ArrayList<>();
    for (Rule rule : rules) {
      Map<String, Object> body = Tree.map("apiGroups", List.of(rule.apiGroup()), "resources", List.of(rule.resource()));
      if (!rule.resourceNames().isEmpty()) {
        body.put("resourceNames", rule.resourceNames());
      }
      body.put("verbs", rule.verbs());
      out.add(body);
    }
    return out;
  }

  /**
   * One RBAC rule: {@code verbs} on {@code resource} ({@code deployments}, or a subresource such
   * as {@code pods/log}) of {@code apiGroup} ({@code ""} for the core group), restricted to {@code
   * resourceNames} unless that is empty.
   *
   * @param apiGroup the API group, {@code ""} for the core group
   * @param resource the resource, with {@code /subresource} for a subresource
   * @param verbs the verbs, in the order they are printed
   * @param resourceNames the only objects it covers, or empty for all of them
   * @since 0.3
   */
  public record Rule(String apiGroup, String resource, List<String> verbs, List<String> resourceNames) {
    /** Checks the parts and copies the lists. */
    public Rule {
      Objects.requireNonNull(apiGroup, "apiGroup");
      Objects.requireNonNull(resource, "resource");
      verbs = List.copyOf(verbs);
      resourceNames = List.copyOf(resourceNames);
      if (verbs.isEmpty()) {
        throw new IllegalArgumentException("a rule needs at least one verb");
      }
    }

    private static Rule of(String apiGroup, String resource, List<String> verbs) {
      return new Rule(apiGroup, resource, verbs, List.of());
    }

    /** Whether the rule grants {@code verb}. */
    public boolean allows(String verb) {
      return verbs.contains(verb);
    }

    /** {@code verb resource.group}, as kubectl names it: {@code patch deployments.apps}, {@code get secrets}. */
    public String describe(String verb) {
      return verb + " " + resource + (apiGroup.isEmpty() ? "" : "." + apiGroup);
    }
  }

  /**
   * Who the role is bound to: a user or a group as the cluster's authenticator names them, or a
   * ServiceAccount. Closed.
   *
   * @since 0.3
   */
  public sealed interface Subject {
    /** A user, such as a client certificate's common name or an OIDC user name. */
    static Subject user(String name) {
      return new User(name);
    }

    /** A group, such as a client certificate's organization. */
    static Subject group(String name) {
      return new Group(name);
    }

    /** The ServiceAccount {@code name} in {@code namespace}, such as a CI runner's. */
    static Subject serviceAccount(String namespace, String name) {
      return new ServiceAccount(namespace, name);
    }

    /** The subject as a binding lists it. */
    Map<String, Object> body();

    /** A part of the bindings' names that tells subjects apart: {@code user:ci-bot}. */
    String tag();

    /**
     * A user.
     *
     * @param name the user name
     */
    record User(String name) implements Subject {
      /** Checks the name. */
      public User {
        name = checked("user", name);
      }

      @Override
      public Map<String, Object> body() {
        return Tree.map("apiGroup", "rbac.authorization.k8s.io", "kind", "User", "name", name);
      }

      @Override
      public String tag() {
        return "user:" + name;
      }
    }

    /**
     * A group.
     *
     * @param name the group name
     */
    record Group(String name) implements Subject {
      /** Checks the name. */
      public Group {
        name = checked("group", name);
      }

      @Override
      public Map<String, Object> body() {
        return Tree.map("apiGroup", "rbac.authorization.k8s.io", "kind", "Group", "name", name);
      }

      @Override
      public String tag() {
        return "group:" + name;
      }
    }

    /**
     * A ServiceAccount.
     *
     * @param namespace its namespace
     * @param name its name
     */
    record ServiceAccount(String namespace, String name) implements Subject {
      /** Checks the parts. */
      public ServiceAccount {
        namespace = checked("service account namespace", namespace);
        name = checked("service account name", name);
      }

      @Override
      public Map<String, Object> body() {
        return Tree.map("kind", "ServiceAccount", "namespace", namespace, "name", name);
      }

      @Override
      public String tag() {
        return "serviceaccount:" + namespace + ":" + name;
      }
    }

    /** {@code value}, which must be usable in an object's name: not blank, no '/' or '%'. */
    private static String checked(String what, String value) {
      Objects.requireNonNull(value, what);
      if (value.isBlank() || value.contains("/") || value.contains("%") || value.startsWith("system:")) {
        throw new IllegalArgumentException(what + " must be a name without '/' or '%' and not system:..., but was '"
            + value + "'");
      }
      return value;
    }
  }
}
