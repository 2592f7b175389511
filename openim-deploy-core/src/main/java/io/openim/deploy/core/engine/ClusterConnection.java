/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.kubernetes.client.common.KubernetesType;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.options.ListOptions;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.DeploymentListener;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one cluster: a client for requests (finite timeouts) and one for watches
 * (no read timeout), resource names from API discovery, and retries with backoff for throttled
 * (429, honouring the server's retry-after), failed (5xx) and dropped requests.
 *
 * <p>Thread-safe. Never touches client-java's global default client.
 *
 * @since 0.1
 */
public final class ClusterConnection {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterConnection.class);
  private static final int ATTEMPTS = 8;
  /** Where the RBAC authorizer's refusal names the namespace: {@code ... in the namespace "im"}. */
  private static final Pattern FORBIDDEN_NAMESPACE = Pattern.compile("in the namespace \"([^\"]+)\"");

  private final ApiClient requests;
  private final ApiClient watches;
  private final Map<String, DynamicKubernetesApi> apis;
  private final Map<String, String> resources;
  private final AtomicLong requestCount;
  private final RetryConfig retryConfig;
  private final DeploymentListener listener;

  private ClusterConnection(ApiClient requests, ApiClient watches, Duration maxBackoff) {
    this.requests = requests;
    this.watches = watches;
    this.apis = new ConcurrentHashMap<>();
    this.resources = new ConcurrentHashMap<>();
    this.requestCount = new AtomicLong();
    this.listener = DeploymentListener.NONE;
    IntervalBiFunction<Object> interval = (attempt, either) -> {
      long backoff = Math.min(maxBackoff.toMillis(), 200L << Math.min(attempt - 1, 10));
      if (either.isLeft() && either.getLeft() instanceof Retryable r && r.retryAfterSeconds > 0) {
        return Math.max(backoff, r.retryAfterSeconds * 1000L);
      }
      return backoff;
    };
    this.retryConfig = RetryConfig.custom()
        .maxAttempts(ATTEMPTS)
        .intervalBiFunction(interval)
        .retryOnException(e -> e instanceof Retryable)
        .build();
  }

  /** A connection for a kubeconfig's current context. Makes no request yet. */
  public static ClusterConnection fromKubeconfig(String kubeconfig) {
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    return new ClusterConnection(client(kubeconfig, Duration.ofSeconds(60)), client(kubeconfig, Duration.ZERO),
        Duration.ofSeconds(10));
  }

  private static ApiClient client(String kubeconfig, Duration readTimeout) {
    try {
      ApiClient client = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new StringReader(kubeconfig))).build();
      client.setReadTimeout((int) readTimeout.toMillis());
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the kubeconfig", e);
    }
  }

  private ClusterConnection(ClusterConnection base, DeploymentListener listener) {
    this.requests = base.requests;
    this.watches = base.watches;
    this.apis = base.apis;
    this.resources = base.resources;
    this.requestCount = base.requestCount;
    this.retryConfig = base.retryConfig;
    this.listener = listener;
  }

  /**
   * This connection (its clients, discovery cache and request count shared) with events going to
   * {@code listener}: one per operation or deployer, so no two of them see each other's events.
   * This one is unchanged.
   */
  public ClusterConnection withListener(DeploymentListener listener) {
    return new ClusterConnection(this, Objects.requireNonNull(listener, "listener"));
  }

  /** How many API requests this connection has sent (retries included, watches excluded). */
  public long requestCount() {
    return requestCount.get();
  }

  /**
   * Reads one object, named in retry events and failures as {@code read <id>}. A status the
   * server answers after the retries (404 for an object that is not there, 403, ...) is in the
   * response, for the caller to judge.
   *
   * @throws io.openim.deploy.DeploymentException if the cluster does not serve the object's type,
   *     or no attempt reached the server
   * @since 0.3
   */
  public KubeResponse<KubeObject> get(ObjectRef ref) {
    DynamicKubernetesApi api = api(ref);
    return KubeResponse.of(request("read " + ref.id(), () ->
        ref.namespace() == null ? api.get(ref.name()) : api.get(ref.namespace(), ref.name())),
        object -> KubeObject.wrap(object.getRaw()));
  }

  /**
   * Lists the objects of {@code type} that {@code selector} selects, in {@code namespace}, or in
   * every namespace (and for cluster-scoped types) when it is null. {@code operation} names the
   * request in retry events and failures ({@code list the pods of Job/ns/name}).
   *
   * @throws io.openim.deploy.DeploymentException if the cluster does not serve {@code type}, or no
   *     attempt reached the server
   * @since 0.3
   */
  public KubeResponse<List<KubeObject>> list(String operation, ResourceType type, @Nullable String namespace,
      Selector selector) {
    Objects.requireNonNull(operation, "operation");
    ListOptions options = new ListOptions();
    if (!selector.labels().isEmpty()) {
      options.setLabelSelector(selector.labels());
    }
    if (!selector.fields().isEmpty()) {
      options.setFieldSelector(selector.fields());
    }
    DynamicKubernetesApi api = api(type);
    return KubeResponse.of(request(operation, () ->
        namespace == null ? api.list(options) : api.list(namespace, options)),
        list -> list.getItems().stream().map(object -> KubeObject.wrap(object.getRaw())).toList());
  }

  /** The schemaless API for an object's type, its resource name found by API discovery. */
  DynamicKubernetesApi api(ObjectRef ref) {
    return api(ref.type(), ref.id(), requests);
  }

  /** The schemaless API for every object of {@code type}, for lists; found by API discovery. */
  DynamicKubernetesApi api(ResourceType type) {
    return api(type, type.toString(), requests);
  }

  /** The same for long-lived watches. */
  DynamicKubernetesApi watchApi(ObjectRef ref) {
    return api(ref.type(), ref.id(), watches);
  }

  private DynamicKubernetesApi api(ResourceType type, String neededFor, ApiClient client) {
    String plural = resource(type, neededFor);
    String key = (client == requests ? "r:" : "w:") + type.group() + "/" + type.version() + "/" + plural;
    // each DynamicKubernetesApi replaces its client's Gson with a dynamic one; both clients are ours alone
    return apis.computeIfAbsent(key, k -> new DynamicKubernetesApi(type.group(), type.version(), plural, client));
  }

  /**
   * Whether this connection's identity may {@code verb} the {@code resource} of {@code apiGroup}
   * ({@code ""} for the core group; {@code pods/log} names a subresource) in {@code namespace}
   * (cluster-wide when null), only the object {@code name} when that is not null, as the API
   * server's authorizer answers a SelfSubjectAccessReview. Changes nothing; every authenticated
   * identity may ask (Kubernetes' bootstrap ClusterRole {@code system:basic-user}).
   *
   * @return the answer, or empty when the server gave none (it does not serve the review, or
   *     refused it)
   * @since 0.3
   */
  public Optional<Boolean> allows(String verb, String apiGroup, String resource, @Nullable String namespace,
      @Nullable String name) {
    return AccessReviews.ask(this, verb, apiGroup, resource, namespace, name);
  }

  /** Whether the cluster serves objects of {@code kind} in {@code apiVersion}, from API discovery. */
  public boolean serves(String apiVersion, String kind) {
    try {
      ResourceType type = new ResourceType(apiVersion, kind);
      resource(type, type.toString());
      return true;
    } catch (DeploymentException e) {
      return false;
    }
  }

  /**
   * The resource name of an object's type, from API discovery of its group and version (one
   * request per group-version, cached; refreshed once on a miss).
   */
  String resource(ObjectRef ref) {
    return resource(ref.type(), ref.id());
  }

  private String resource(ResourceType type, String neededFor) {
    String key = type.group() + "/" + type.version() + "/" + type.kind();
    String found = resources.get(key);
    if (found == null) {
      discover(type.group(), type.version());
      found = resources.get(key);
    }
    if (found == null) {
      throw new DeploymentException("The cluster does not serve " + type.kind() + " in " + type.apiVersion()
          + " (needed for " + neededFor + "); check the cluster's Kubernetes version or install its CRD");
    }
    return found;
  }

  private void discover(String group, String version) {
    String path = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    String body = call("discover " + path, () -> {
      requestCount.incrementAndGet();
      Request request = new Request.Builder().url(requests.getBasePath() + path)
          .header("Accept", "application/json").build();
      try (Response response = requests.getHttpClient().newCall(request).execute()) {
        int code = response.code();
        String text = response.body() == null ? "" : response.body().string();
        if (code == 429 || code >= 500) {
          throw new Retryable("discovery of " + path + ": HTTP " + code, retryAfter(text));
        }
        return code == 404 ? "{}" : text;
      } catch (IOException e) {
        throw new Retryable("cannot reach the API server: " + rootMessage(e), 0);
      }
    });
    JsonElement list = JsonParser.parseString(body).getAsJsonObject().get("resources");
    if (list == null || !list.isJsonArray()) {
      return;
    }
    for (JsonElement element : list.getAsJsonArray()) {
      JsonObject resource = element.getAsJsonObject();
      String name = resource.get("name").getAsString();
      if (!name.contains("/")) {
        resources.put(group + "/" + version + "/" + resource.get("kind").getAsString(), name);
      }
    }
  }

  private static int retryAfter(String statusJson) {
    try {
      JsonObject details = JsonParser.parseString(statusJson).getAsJsonObject().getAsJsonObject("details");
      return details == null || !details.has("retryAfterSeconds") ? 0 : details.get("retryAfterSeconds").getAsInt();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /**
   * Runs a request, retrying while the server throttles, fails with 5xx or cannot be reached.
   * The last response is returned when the attempts run out.
   */
  <T extends KubernetesType> KubernetesApiResponse<T> request(
      String operation, Supplier<KubernetesApiResponse<T>> request) {
    Object[] last = new Object[1];
    try {
      return call(operation, () -> {
        requestCount.incrementAndGet();
        KubernetesApiResponse<T> response;
        try {
          response = request.get();
        } catch (RuntimeException e) {
          if (causedByIo(e)) {
            throw new Retryable("cannot reach the API server: " + rootMessage(e), 0);
          }
          throw e;
        }
        int code = response.getHttpStatusCode();
        if (response.isSuccess() && response.getObject() == null) {
          // seen in the benchmark's recovery runs, kube-apiserver killed while it answered: a
          // success whose body held no object (client-java decodes an empty body to null); what
          // the server did is unknown, and every request sent here may be sent again
          throw new Retryable("HTTP " + code + " without an object in the answer", 0);
        }
        last[0] = response;
        if (code == 429 || code >= 500) {
          throw new Retryable("HTTP " + code + " " + message(response.getStatus()), retryAfter(response.getStatus()));
        }
        return response;
      });
    } catch (Retryable exhausted) {
      @SuppressWarnings("unchecked")
      KubernetesApiResponse<T> response = (KubernetesApiResponse<T>) last[0];
      if (response != null) {
        return response;
      }
      throw new DeploymentException(operation + " failed after " + ATTEMPTS + " attempts: " + exhausted.getMessage());
    }
  }

  private <T> T call(String operation, Supplier<T> supplier) {
    Retry retry = Retry.of(operation, retryConfig);
    retry.getEventPublisher().onRetry(event -> {
      Throwable last = event.getLastThrowable();
      String reason = last == null ? "" : String.valueOf(last.getMessage());
      LOG.warn("retrying {} (attempt {} failed: {})", operation, event.getNumberOfRetryAttempts(), reason);
      emit(new DeploymentEvent.Retrying(Instant.now(), operation, event.getNumberOfRetryAttempts(), reason));
    });
    return retry.executeSupplier(supplier);
  }

  /** Sends an event to this connection's listener; a listener that throws is logged and ignored. */
  public void emit(DeploymentEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.warn("a deployment listener threw on {}; ignored", event.getClass().getSimpleName(), e);
    }
  }

  /**
   * The server's message for a failed request. The one place where a refusal for want of a right
   * (403 Forbidden: the server's message names the verb, resource, API group and namespace) also
   * says what to do about it.
   */
  static String message(@Nullable V1Status status) {
    String message = status == null || status.getMessage() == null ? "" : status.getMessage();
    if (status == null || !(Integer.valueOf(403).equals(status.getCode()) || "Forbidden".equals(status.getReason()))) {
      return message;
    }
    Matcher in = FORBIDDEN_NAMESPACE.matcher(message);
    return message + " (the identity lacks this right; openim-deploy needs the deployer's role for the release's"
        + " namespace, which 'openim-deploy rbac --namespace " + (in.find() ? in.group(1) : "NAMESPACE")
        + " --user NAME' prints for a cluster admin to apply)";
  }

  private static int retryAfter(@Nullable V1Status status) {
    if (status == null || status.getDetails() == null || status.getDetails().getRetryAfterSeconds() == null) {
      return 0;
    }
    return status.getDetails().getRetryAfterSeconds();
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /** A failure worth another attempt. */
  static final class Retryable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int retryAfterSeconds;

    Retryable(String message, int retryAfterSeconds) {
      super(message, null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }
}
