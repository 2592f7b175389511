/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.openim.deploy.local.internal.Pki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A loopback HTTPS proxy in front of a {@link LocalCluster}'s API server that answers every n-th
 * request with {@code 429 Too Many Requests} (a Kubernetes Status with {@code retryAfterSeconds:
 * 1}), or with the {@link Fault faults} it was started with in turn, and forwards the rest,
 * watches included, with the cluster admin's credentials. For testing how clients ride out
 * throttling and failing servers; the real API server answers everything that is forwarded.
 *
 * @since 0.1
 */
public final class ThrottlingProxy implements AutoCloseable {
  /** The method {@link #onRequest} reports a watch with. */
  public static final String WATCH = "WATCH";

  private static final String TOO_MANY = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
      + "\"status\":\"Failure\",\"message\":\"injected by ThrottlingProxy: too many requests\","
      + "\"reason\":\"TooManyRequests\",\"details\":{\"retryAfterSeconds\":1},\"code\":429}";

  private final HttpsServer server;
  private final ExecutorService threads;
  private final String kubeconfig;
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
  private final Map<String, AtomicInteger> faultedMethods = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, String> onRequest = (method, path) -> { };

  /**
   * What the proxy does to a request it picks instead of answering it as the API server did.
   *
   * @since 0.1
   */
  public enum Fault {
    /** {@code 429} with {@code retryAfterSeconds: 1}; not forwarded. */
    TOO_MANY_REQUESTS(429, false),
    /** {@code 500 Internal Server Error}; not forwarded. */
    INTERNAL_ERROR(500, false),
    /** {@code 503 Service Unavailable}; not forwarded. */
    SERVICE_UNAVAILABLE(503, false),
    /**
     * {@code 504 Gateway Timeout} after the request was forwarded and answered: the change was
     * made, but the client never learns it, as behind a load balancer that timed out.
     */
    GATEWAY_TIMEOUT(504, true),
    /** The connection closed before the request is forwarded: no answer at all. */
    DROPPED_CONNECTION(0, false),
    /** The connection closed after the request was forwarded and answered: done, but unanswered. */
    DROPPED_AFTER_FORWARD(0, true);

    private final int code;
    private final boolean forwarded;

    Fault(int code, boolean forwarded) {
      this.code = code;
      this.forwarded = forwarded;
    }

    /** The HTTP status the client gets, or 0 for a dropped connection. */
    public int code() {
      return code;
    }

    /** Whether the API server got and carried out the request before the fault. */
    public boolean forwarded() {
      return forwarded;
    }
  }

  private ThrottlingProxy(LocalCluster cluster, int everyNth, List<Fault> faults)
      throws IOException, GeneralSecurityException {
    faults.forEach(f -> injected.put(f, new AtomicInteger()));
    OkHttpClient upstream = cluster.newAdminClient().getHttpClient().newBuilder()
        .readTimeout(0, TimeUnit.MILLISECONDS).build();
    String target = cluster.apiServer().toString();
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(tls(cluster.pki())));
    threads = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "throttling-proxy");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      try (exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        boolean watch = query != null && query.contains("watch=true");
        String url = target + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
        int number = watch ? 0 : requests.incrementAndGet();
        onRequest.accept(watch ? WATCH : exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
        if (!watch && number % everyNth == 0) {
          Fault fault = faults.get((number / everyNth - 1) % faults.size());
          injected.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet(); // present since start
          faultedMethods.computeIfAbsent(exchange.getRequestMethod(), m -> new AtomicInteger()).incrementAndGet();
          inject(fault, exchange, upstream, url);
          return;
        }
        forward(exchange, upstream, url);
      }
    });
    server.start();
    String proxyUrl = "https://127.0.0.1:" + server.getAddress().getPort();
    kubeconfig = cluster.adminKubeconfig().replace(cluster.apiServer().toString(), proxyUrl);
  }

  /**
   * Starts a proxy that throttles every {@code everyNth} request (watches are never throttled).
   */
  public static ThrottlingProxy start(LocalCluster cluster, int everyNth) {
    return start(cluster, everyNth, Fault.TOO_MANY_REQUESTS);
  }

  /**
   * Starts a proxy that answers every {@code everyNth} request (watches never) with the next of
   * {@code faults}, in turn.
   */
  public static ThrottlingProxy start(LocalCluster cluster, int everyNth, Fault... faults) {
    if (everyNth < 2) {
      throw new IllegalArgumentException("everyNth must be at least 2, but was " + everyNth);
    }
    if (faults.length == 0) {
      throw new IllegalArgumentException("name at least one fault");
    }
    try {
      return new ThrottlingProxy(cluster, everyNth, List.of(faults));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the throttling proxy", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not set up TLS for the throttling proxy", e);
    }
  }

  /** A cluster-admin kubeconfig that goes through the proxy. */
  public String kubeconfig() {
    return kubeconfig;
  }

  /** How many requests were answered with 429. */
  public int throttled() {
    AtomicInteger count = injected.get(Fault.TOO_MANY_REQUESTS);
    return count == null ? 0 : count.get();
  }

  /**
   * Calls {@code hook} with the method and path of each request as it arrives, before it is
   * forwarded or a fault injected: for tests that act at a chosen request, such as killing the API
   * server when the n-th apply arrives. A watch (a GET with {@code watch=true}, which never gets a
   * fault) comes with the method {@value #WATCH}. The request goes on when the hook returns.
   */
  public void onRequest(BiConsumer<String, String> hook) {
    this.onRequest = Objects.requireNonNull(hook, "hook");
  }

  /** How many times each fault was injected. */
  public Map<Fault, Integer> injected() {
    Map<Fault, Integer> out = new EnumMap<>(Fault.class);
    injected.forEach((fault, count) -> out.put(fault, count.get()));
    return out;
  }

  /** How many faults each HTTP method (GET, PATCH, DELETE, ...) got. */
  public Map<String, Integer> faultedMethods() {
    Map<String, Integer> out = new TreeMap<>();
    faultedMethods.forEach((method, count) -> out.put(method, count.get()));
    return out;
  }

  /** How many requests arrived, watches left out. */
  public int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private static void inject(Fault fault, HttpExchange exchange, OkHttpClient upstream, String url)
      throws IOException {
    if (fault.forwarded()) {
      try (Response response = upstream.newCall(request(exchange, url)).execute()) {
        response.body().bytes(); // the server did it; the client will not hear
      }
    }
    if (fault.code() == 0) {
      return; // closing an exchange that sent no headers closes its connection
    }
    String body = fault == Fault.TOO_MANY_REQUESTS ? TOO_MANY
        : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"injected by ThrottlingProxy: " + fault + "\",\"code\":" + fault.code() + "}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    if (fault == Fault.TOO_MANY_REQUESTS) {
      exchange.getResponseHeaders().add("Retry-After", "1");
    }
    exchange.sendResponseHeaders(fault.code(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Request request(HttpExchange exchange, String url) throws IOException {
    String method = exchange.getRequestMethod();
    byte[] body = exchange.getRequestBody().readAllBytes();
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    RequestBody requestBody = body.length == 0 && !method.equals("POST") && !method.equals("PUT")
        && !method.equals("PATCH") ? null
        : RequestBody.create(body, type == null ? null : MediaType.parse(type));
    Request.Builder request = new Request.Builder().url(url).method(method, requestBody);
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    if (accept != null) {
      request.header("Accept", accept);
    }
    return request.build();
  }

  private static void forward(HttpExchange exchange, OkHttpClient upstream, String url) throws IOException {
    try (Response response = upstream.newCall(request(exchange, url)).execute()) {
      String contentType = response.header("Content-Type");
      if (contentType != null) {
        exchange.getResponseHeaders().add("Content-Type", contentType);
      }
      exchange.sendResponseHeaders(response.code(), 0);
      try (InputStream in = response.body().byteStream(); OutputStream out = exchange.getResponseBody()) {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    }
  }

  private static SSLContext tls(Pki pki) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "proxy".toCharArray();
    store.setKeyEntry("serving", pki.serving().keys().getPrivate(), password,
        new Certificate[] {pki.serving().certificate(), pki.ca().certificate()});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}
