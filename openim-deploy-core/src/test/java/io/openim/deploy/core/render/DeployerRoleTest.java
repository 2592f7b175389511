/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.Autoscaling;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.Component;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.Manifest;
import io.openim.deploy.Monitoring;
import io.openim.deploy.Profile;
import io.openim.deploy.Secret;
import io.openim.deploy.core.data.internal.BackupJobs;
import io.openim.deploy.core.engine.ResourceType;
import io.openim.deploy.core.engine.RolloutWaiter;
import io.openim.deploy.core.render.internal.RenderContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The deployer's role")
class DeployerRoleTest {
  private static final String NS = "im";

  /**
   * Every plan a spec can render, for each profile with chat on and off, every monitoring mode
   * with and without the dashboard, an ingress and an autoscaler; with the backup and restore
   * Jobs and what they apply (the backup volume, a bucket's key Secret).
   */
  private static List<Manifest> everything() {
    List<Manifest> all = new ArrayList<>();
    List<Monitoring> monitorings = new ArrayList<>(List.of(Monitoring.DISABLED));
    for (Monitoring.Mode mode : Monitoring.Mode.values()) {
      monitorings.add(new Monitoring(true, mode, true));
      monitorings.add(new Monitoring(true, mode, false));
    }
    for (Profile profile : Profile.values()) {
      for (boolean chat : List.of(true, false)) {
        for (Monitoring monitoring : monitorings) {
          for (boolean exposed : List.of(true, false)) {
            DeploymentSpec.Builder builder = DeploymentSpec.builder("im").namespace(NS).profile(profile).chat(chat)
                .monitoring(monitoring);
            if (exposed) {
              builder.ingress(new Ingress("im.example.com", "nginx", "im-tls"))
                  .autoscaling(Component.API, Autoscaling.onCpu(2, 6, 75));
            }
            DeploymentSpec spec = builder.build();
            all.addAll(Topology.plan(spec).manifests());
            all.addAll(dataJobs(spec));
          }
        }
      }
    }
    return all;
  }

  private static List<Manifest> dataJobs(DeploymentSpec spec) {
    BackupJobs jobs = new BackupJobs(new RenderContext(spec, VersionCatalog.builtIn().require(spec.version())),
        Duration.ofMinutes(30));
    BackupTarget volume = BackupTarget.volume("backups", "1Gi");
    BackupTarget bucket = BackupTarget.bucket("https://s3.example.com", "im-backups", "p", Secret.of("a"), Secret.of("s"));
    List<Manifest> out = new ArrayList<>();
    for (BackupTarget target : List.of(volume, bucket)) {
      out.add(jobs.backup("b1", target, jobs.release()));
      out.add(jobs.check("b1", "r1", target));
      out.add(jobs.restore("b1", "r1", target));
      jobs.targetClaim(target).ifPresent(out::add);
      jobs.targetSecret("im-backup-b1", target).ifPresent(out::add);
    }
    return out;
  }

  @Test
  @DisplayName("every kind any plan or data Job renders has a rule with the verbs apply, prune and waits need")
  void coversEveryRenderedKind() {
    DeployerRole role = DeployerRole.of(NS);
    Map<String, String> kinds = new TreeMap<>();
    for (Manifest manifest : everything()) {
      kinds.put(manifest.kind(), manifest.apiVersion());
      if (manifest.namespace() == null) {
        assertThat(manifest.kind()).as("the only cluster-scoped object a plan holds, %s", manifest.id())
            .isEqualTo("Namespace");
        continue;
      }
      assertThat(manifest.namespace()).as(manifest.id()).isEqualTo(NS);
    }
    assertThat(kinds).as("the sweep renders the optional kinds too")
        .containsKeys("Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceMonitor", "PrometheusRule",
            "PersistentVolumeClaim", "Job", "Secret", "ConfigMap");
    kinds.remove("Namespace");
    List<String> problems = new ArrayList<>();
    kinds.forEach((kind, apiVersion) -> {
      DeployerRole.Rule rule = role.ruleFor(kind).orElse(null);
      if (rule == null) {
        problems.add(kind + ": no rule");
        return;
      }
      if (!rule.apiGroup().equals(new ResourceType(apiVersion, kind).group())) {
        problems.add(kind + ": rule for group '" + rule.apiGroup() + "', the plan's is " + apiVersion);
      }
      if (!rule.resource().equals(guessedResource(kind))) {
        problems.add(kind + ": rule for resource " + rule.resource() + ", the API server's is " + guessedResource(kind));
      }
      List<String> verbs = new ArrayList<>(List.of("get", "create", "patch", "delete"));
      if (RolloutWaiter.waitsFor(kind)) {
        verbs.add("watch");
      }
      if (!kind.equals("Job")) {
        verbs.add("list"); // each phase lists the kinds it applies (LiveObjects); a Job is read by name
      }
      verbs.stream().filter(verb -> !rule.allows(verb)).forEach(verb -> problems.add(kind + ": no " + verb));
    });
    assertThat(problems).as("kinds the plans render that the deployer's role does not cover").isEmpty();
  }

  /**
   * The resource the API server names a kind by, for the kinds here: lower case, "y" to "ies", an
   * "s" gets "es", else "s" (k8s.io/apimachinery pkg/api/meta/restmapper.go
   * UnsafeGuessKindToResource, which the built-in types and these CRDs follow).
   */
  private static String guessedResource(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.endsWith("y")) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower.endsWith("s") ? lower + "es" : lower + "s";
  }

  @Test
  @DisplayName("the engine's own needs: the inventory and history ConfigMaps listed, workloads listed, pods listed")
  void enginesOwnNeeds() {
    DeployerRole role = DeployerRole.of(NS);
    assertThat(role.ruleFor("ConfigMap").orElseThrow().verbs()).contains("list");
    assertThat(role.ruleFor("Deployment").orElseThrow().verbs()).contains("list");
    assertThat(role.ruleFor("StatefulSet").orElseThrow().verbs()).contains("list");
    assertThat(role.ruleFor("PersistentVolumeClaim").orElseThrow().verbs()).contains("list");
    assertThat(role.rules()).anySatisfy(r -> assertThat(r.describe("list")).isEqualTo("list pods"));
    assertThat(role.clusterRules()).extracting(r -> r.resource() + " " + r.verbs() + " " + r.resourceNames())
        .containsExactly("namespaces [get] [im]", "nodes [list] []");
  }

  @Test
  @DisplayName("least privilege: no update, deletecollection, wildcards, RBAC, namespace writes or escalation")
  void nothingMore() {
    DeployerRole role = DeployerRole.of(NS);
    List<DeployerRole.Rule> all = new ArrayList<>(role.rules());
    all.addAll(role.clusterRules());
    assertThat(all).allSatisfy(rule -> {
      assertThat(rule.verbs()).doesNotContain("*", "update", "deletecollection", "escalate", "bind", "impersonate");
      assertThat(rule.resource()).doesNotContain("*");
      assertThat(rule.apiGroup()).isNotEqualTo("rbac.authorization.k8s.io").isNotEqualTo("*");
    });
    assertThat(role.rules()).noneMatch(r -> r.resource().equals("namespaces"));
  }

  @Test
  @DisplayName("renders the Namespace, Role, RoleBinding, ClusterRole and ClusterRoleBinding, named per subject")
  void manifests() {
    DeployerRole role = DeployerRole.of(NS);
    List<Manifest> user = role.manifests(DeployerRole.Subject.user("ci-bot"));
    assertThat(user).extracting(Manifest::id).containsExactly("Namespace/im", "Role/im/openim-deploy",
        "RoleBinding/im/openim-deploy:user:ci-bot", "ClusterRole/openim-deploy:im",
        "ClusterRoleBinding/openim-deploy:im:user:ci-bot");
    String yaml = PlanYaml.render(user.get(3));
    assertThat(yaml).contains("resourceNames:\n  - im\n  verbs:\n  - get\n");
    assertThat(PlanYaml.render(user.get(2))).contains("kind: User\n  name: ci-bot");
    assertThat(role.manifests(DeployerRole.Subject.serviceAccount("ci", "runner")).get(2).body().toString())
        .contains("kind=ServiceAccount, namespace=ci, name=runner");
    assertThat(role.manifests(DeployerRole.Subject.group("ops")).get(4).name())
        .isEqualTo("openim-deploy:im:group:ops");
  }

  @Test
  @DisplayName("refuses names that cannot be a namespace or a subject, and the system: identities")
  void refusesBadNames() {
    assertThatThrownBy(() -> DeployerRole.of("Im_1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespace must be a DNS label").hasMessageContaining("'Im_1'");
    assertThatThrownBy(() -> DeployerRole.Subject.group("system:authenticated"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("system:");
    assertThatThrownBy(() -> DeployerRole.Subject.user("a/b")).isInstanceOf(IllegalArgumentException.class);
  }
}
