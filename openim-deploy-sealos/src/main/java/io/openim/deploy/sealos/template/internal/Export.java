/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.Secret;
import io.openim.deploy.sealos.template.TemplateException;
import io.openim.deploy.sealos.template.TemplateOptions;
import io.openim.deploy.sealos.template.TemplateRenderer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan turned into a Sealos App Store template: its objects renamed for any instance and
 * namespace, its credentials turned into template values, the chosen managed services in place of
 * the in-cluster ones (and the NetworkPolicies' rules to them widened, {@link TemplatePolicies}), the
 * conventions applied, the Ingress on the cloud host, chat's objects kept
 * only while the {@code chat} input is true, an App link last, and the Template document first.
 */
public final class Export {
  /** The boolean input that keeps OpenIM Chat's objects. */
  public static final String CHAT_INPUT = "chat";

  private Export() {}

  /** One object on its way into the template, and whether it belongs to chat. */
  private record Item(Map<String, Object> body, boolean chat) {}

  /**
   * The template for {@code plan}.
   *
   * @throws IllegalArgumentException listing every reason the plan cannot become a template
   */
  public static String template(DeploymentPlan plan, TemplateOptions options) {
    DeploymentSpec spec = plan.spec();
    List<String> problems = new ArrayList<>();
    Ingress ingress = spec.ingress();
    if (ingress == null || plan.manifests().stream().noneMatch(m -> m.kind().equals("Ingress"))) {
      problems.add("the plan has no Ingress, and Sealos Cloud reaches an app only through one; plan the spec"
          + " SealosTemplate.spec(spec) gives, which has one of class nginx");
    }
    plan.manifests().forEach(m -> unwritable(m, problems));
    if (!problems.isEmpty() || ingress == null) {
      throw new IllegalArgumentException("cannot export " + plan + " as a Sealos template: "
          + String.join("; ", problems));
    }
    Set<DependencyKind> managed = managed(spec, options);
    List<Item> items = new ArrayList<>();
    TemplatePolicies policies = new TemplatePolicies(plan.manifests(), m -> m.phase() == Phase.CHAT,
        m -> replaced(m, managed, spec.release()));
    for (Manifest m : plan.manifests()) {
      if (m.kind().equals("Namespace") || replaced(m, managed, spec.release())) {
        continue;
      }
      Map<String, Object> body = Trees.copy(m.body());
      boolean chat = m.phase() == Phase.CHAT;
      if (m.kind().equals("NetworkPolicy")) {
        TemplatePolicies.Fate fate = policies.fate(m);
        if (fate == TemplatePolicies.Fate.DROP) {
          continue;
        }
        chat = fate == TemplatePolicies.Fate.CHAT;
        TemplatePolicies.widen(body, managed);
      }
      items.add(new Item(body, chat));
    }
    List<Map<String, Object>> bodies = items.stream().map(Item::body).toList();
    Renaming renaming = new Renaming(spec.release(), spec.namespace(), ingress.host(), bodies);
    bodies.forEach(renaming::apply);

    TemplateDocument template = new TemplateDocument();
    boolean chat = items.stream().anyMatch(Item::chat);
    if (chat) {
      template.addInput(CHAT_INPUT, "Run OpenIM Chat (sign-up, login and the admin console) next to OpenIM Server",
          "boolean", "true", false);
    }
    bodies.stream().filter(b -> Trees.kind(b).equals("Secret")).forEach(s -> TemplateCredentials.apply(s, managed, chat, template));
    bodies.forEach(b -> leftoverCredentials(b, problems));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cannot export " + plan + " as a Sealos template: " + String.join("; ", problems));
    }
    bodies.forEach(b -> ManagedServices.rewire(b, managed));
    Conventions.apply(bodies);

    Set<String> services = new LinkedHashSet<>();
    Set<String> chatServices = new LinkedHashSet<>();
    items.stream().filter(i -> Trees.kind(i.body()).equals("Service"))
        .forEach(i -> (i.chat() ? chatServices : services).add(Trees.name(i.body())));
    List<TemplateWriter.Document> documents = new ArrayList<>();
    ManagedServices.objects(managed, spec.dependencies(), options.databaseStorageClass())
        .forEach(o -> documents.add(new TemplateWriter.Document(o, null)));
    String onlyWithChat = Placeholders.ifTrue(CHAT_INPUT);
    for (Item item : items) {
      documents.add(new TemplateWriter.Document(item.body(), item.chat() ? onlyWithChat : null));
      if (Trees.kind(item.body()).equals("Ingress")) {
        Map<String, Object> chatIngress = CloudIngress.fit(item.body(), services, chatServices);
        if (chatIngress != null) {
          documents.add(new TemplateWriter.Document(chatIngress, onlyWithChat));
        }
      }
    }
    documents.add(new TemplateWriter.Document(CloudIngress.app(options), null));
    String text = TemplateWriter.write(template.build(options), documents);
    try {
      TemplateRenderer.check(text);
    } catch (TemplateException e) {
      throw new IllegalStateException("the exported template holds expressions our renderer refuses, a bug in"
          + " the exporter: " + e.getMessage(), e);
    }
    return text;
  }

  /** The dependencies that a managed service replaces: those the options choose that run in the cluster. */
  private static Set<DependencyKind> managed(DeploymentSpec spec, TemplateOptions options) {
    Set<DependencyKind> out = EnumSet.noneOf(DependencyKind.class);
    if (options.managedMongo() && spec.dependency(DependencyKind.MONGODB) instanceof Dependency.InCluster) {
      out.add(DependencyKind.MONGODB);
    }
    if (options.managedRedis() && spec.dependency(DependencyKind.REDIS) instanceof Dependency.InCluster) {
      out.add(DependencyKind.REDIS);
    }
    if (options.objectStorage() && spec.dependency(DependencyKind.MINIO) instanceof Dependency.InCluster) {
      out.add(DependencyKind.MINIO);
    }
    return out;
  }

  /** Whether {@code m} belongs to an in-cluster dependency a managed service replaces (its objects, its Jobs). */
  private static boolean replaced(Manifest m, Set<DependencyKind> managed, String release) {
    Map<String, Object> labels = Trees.at(m.body(), "metadata", "labels");
    return labels != null && release.equals(labels.get("app.kubernetes.io/instance"))
        && managed.stream().anyMatch(k -> k.key().equals(labels.get("app.kubernetes.io/name")));
  }

  /** Strings Sealos would misread: an expression of their own, or a line it would cut the file at. */
  private static void unwritable(Manifest m, List<String> problems) {
    Trees.rewrite(Trees.copy(m.body()), "", (key, value) -> {
      if (value instanceof String s) {
        if (s.contains("${{")) {
          problems.add(m.id() + " " + key + ": holds ${{, which Sealos would evaluate as an expression");
        }
        if (s.lines().anyMatch(line -> line.stripTrailing().endsWith("---"))) {
          problems.add(m.id() + " " + key + ": has a line ending in ---, where Sealos would cut the template");
        }
      }
      return value;
    });
  }

  private static void leftoverCredentials(Map<String, Object> body, List<String> problems) {
    Trees.rewrite(body, "", (key, value) -> {
      if (value instanceof Secret) {
        problems.add(Trees.kind(body) + "/" + Trees.name(body) + " " + key + ": a credential outside a Secret's data,"
            + " which a template cannot hold without writing it out");
      }
      return value;
    });
  }
}
