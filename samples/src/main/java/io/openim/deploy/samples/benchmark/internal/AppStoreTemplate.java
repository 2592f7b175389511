/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.kubernetes.client.Discovery;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.Config;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.core.engine.RolloutWaiter;
import io.openim.deploy.sealos.template.SealosTemplate;
import io.openim.deploy.sealos.template.TemplateOptions;
import io.openim.deploy.sealos.template.TemplateRenderer;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.Yaml;

/**
 * Sealos Cloud's App Store deploying the template openim-deploy exports, as its template provider
 * does at sealos v5.1.1: the deploy page posts the rendered objects with type {@code create}
 * (frontend/providers/template/src/pages/deploy/index.tsx {@code handleInside}); the backend sets
 * each object's namespace and creates the objects one by one in the template's order, a POST each
 * through {@code KubernetesObjectApi.create} after the annotation {@code
 * kubectl.kubernetes.io/last-applied-configuration}, and on the first error deletes the objects
 * it created and gives up (src/services/backend/kubernetes.ts {@code getK8s} and {@code
 * CreateYaml}). The resource of each API version comes from that version's discovery document, as
 * {@code KubernetesObjectApi} reads it once per version. The App Store does not wait: its user
 * watches the app list; here {@link RolloutWaiter} waits for every Deployment, StatefulSet and Job
 * as that list would show them running.
 *
 * <p>The stores are the template's in-cluster StatefulSets (this cluster has no KubeBlocks or
 * object-storage controller), and the {@code App} document (the desktop's link, a Sealos Cloud
 * resource) is left out. A template deploys once: deployed again, its first create is refused with
 * AlreadyExists, so there is no re-apply and no change to measure.
 */
public final class AppStoreTemplate implements Tool {
  private static final Duration WAIT = Duration.ofMinutes(10);
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final Gson GSON = new Gson();

  /**
   * The rendering of each namespace, shared by every instance: a deploy run again after a failure
   * is the same form's values (the deploy page keeps its generated defaults, such as {@code
   * app_name}, until it is left).
   */
  private static final Map<String, List<Manifest>> RENDERED = new ConcurrentHashMap<>();

  private final String kubeconfig;

  /** Deploys through {@code kubeconfig}'s cluster. */
  public AppStoreTemplate(String kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  @Override
  public String name() {
    return "Sealos App Store template (create, then wait)";
  }

  @Override
  public String id() {
    return "appstore";
  }

  @Override
  public boolean supports(Step step) {
    return step == Step.FIRST;
  }

  @Override
  public void prepare(String namespace, Step step) {
    objects(namespace);
  }

  @Override
  public List<Manifest> objects(String namespace) {
    return RENDERED.computeIfAbsent(namespace, AppStoreTemplate::render);
  }

  /** The template of the default spec with in-cluster stores, rendered for {@code namespace}. */
  @SuppressWarnings("unchecked")
  private static List<Manifest> render(String namespace) {
    TemplateOptions options = TemplateOptions.defaults().toBuilder().managedMongo(false).managedRedis(false)
        .objectStorage(false).build();
    String template = SealosTemplate.export(Tool.spec(namespace, Step.FIRST), options);
    TemplateRenderer.Rendered rendered = TemplateRenderer.render(template,
        Map.of("SEALOS_NAMESPACE", namespace, "SEALOS_SERVICE_ACCOUNT", namespace,
            "SEALOS_CLOUD_DOMAIN", "cloud.example.test"), Map.of());
    List<Manifest> out = new ArrayList<>();
    for (Object loaded : new Yaml().loadAll(new StringReader(rendered.yaml()))) {
      Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) loaded);
      String kind = (String) body.get("kind");
      if (kind.equals("App")) {
        continue;
      }
      Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
      metadata.put("namespace", namespace);
      body.put("metadata", metadata);
      out.add(new Manifest(Phase.FOUNDATION, (String) body.get("apiVersion"), kind, namespace,
          (String) metadata.get("name"), body));
    }
    return List.copyOf(out);
  }

  @Override
  public void run(String namespace, Step step) {
    if (step != Step.FIRST) {
      throw new UnsupportedOperationException("the App Store deploys a template once; " + step.label()
          + " has no App Store counterpart");
    }
    ApiClient client = client();
    create(client, objects(namespace));
    ClusterConnection connection = ClusterConnection.fromKubeconfig(kubeconfig);
    RolloutWaiter waiter = new RolloutWaiter(connection);
    Instant deadline = Instant.now().plus(WAIT);
    for (Manifest object : objects(namespace)) {
      if (List.of("Deployment", "StatefulSet", "Job").contains(object.kind())) {
        await(waiter, ObjectRef.of(object), deadline);
      }
    }
  }

  /**
   * Waits for one object as a user watches the app list: an API server out of reach for longer
   * than the waiter's retries ends one wait, not the watching, which goes on until {@code deadline}.
   */
  private static void await(RolloutWaiter waiter, ObjectRef ref, Instant deadline) {
    while (true) {
      try {
        waiter.await(ref, Duration.between(Instant.now(), deadline));
        return;
      } catch (RolloutException e) {
        throw e; // the rollout failed, or did not finish in time
      } catch (DeploymentException e) {
        if (!Instant.now().isBefore(deadline)) { // the API server out of reach after every retry
          throw e;
        }
      }
    }
  }

  /** {@code CreateYaml}: each object in turn; on the first failure, the ones created are deleted. */
  private static void create(ApiClient client, List<Manifest> objects) {
    Map<String, Map<String, String>> plurals = new HashMap<>();
    List<DynamicKubernetesObject> created = new ArrayList<>();
    List<DynamicKubernetesApi> createdWith = new ArrayList<>();
    for (Manifest object : objects) {
      try {
        DynamicKubernetesApi api = api(client, plurals, object.apiVersion(), object.kind());
        JsonObject body = GSON.toJsonTree(object.body()).getAsJsonObject();
        JsonObject metadata = body.getAsJsonObject("metadata");
        JsonObject annotations = metadata.has("annotations") ? metadata.getAsJsonObject("annotations")
            : new JsonObject();
        annotations.remove(LAST_APPLIED);
        metadata.add("annotations", annotations);
        annotations.addProperty(LAST_APPLIED, body.toString());
        KubernetesApiResponse<DynamicKubernetesObject> response = api.create(new DynamicKubernetesObject(body));
        if (!response.isSuccess()) {
          throw new IllegalStateException("HTTP " + response.getHttpStatusCode() + ": "
              + (response.getStatus() == null ? "" : response.getStatus().getMessage()));
        }
        created.add(response.getObject());
        createdWith.add(api);
      } catch (RuntimeException | ApiException e) {
        for (int i = 0; i < created.size(); i++) {
          try {
            createdWith.get(i).delete(created.get(i).getMetadata().getNamespace(), created.get(i).getMetadata().getName());
          } catch (RuntimeException ignored) {
            // kubernetes.ts logs "delete error" and goes on
          }
        }
        throw new IllegalStateException("create of " + object.id() + " failed (" + e.getMessage() + "); asked to delete"
            + " the " + created.size() + " objects created before it", e);
      }
    }
  }

  /** The API for {@code kind}, its plural read from {@code apiVersion}'s discovery document once. */
  private static DynamicKubernetesApi api(ApiClient client, Map<String, Map<String, String>> plurals,
      String apiVersion, String kind) throws ApiException {
    Map<String, String> ofVersion = plurals.get(apiVersion);
    if (ofVersion == null) {
      ofVersion = new HashMap<>();
      String path = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
      for (var resource : new Discovery(client).resourceDiscovery(path).getResources()) {
        if (!resource.getName().contains("/")) { // not a subresource such as deployments/status
          ofVersion.put(resource.getKind(), resource.getName());
        }
      }
      plurals.put(apiVersion, ofVersion);
    }
    String plural = ofVersion.get(kind);
    if (plural == null) {
      throw new IllegalStateException(apiVersion + " serves no " + kind);
    }
    int slash = apiVersion.indexOf('/');
    return new DynamicKubernetesApi(slash < 0 ? "" : apiVersion.substring(0, slash),
        apiVersion.substring(slash + 1), plural, client);
  }

  private ApiClient client() {
    try {
      return Config.fromConfig(new StringReader(kubeconfig));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kubeconfig", e);
    }
  }
}
