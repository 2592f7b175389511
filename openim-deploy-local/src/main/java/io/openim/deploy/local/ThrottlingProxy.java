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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * 1}) and forwards the rest, watches included, with the cluster admin's credentials. For testing
 * how clients ride out throttling; the real API server answers everything that is forwarded.
 *
 * @since 0.1
 */
public final class ThrottlingProxy implements AutoCloseable {
  private static final String TOO_MANY = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
      + "\"status\":\"Failure\",\"message\":\"injected by ThrottlingProxy: too many requests\","
      + "\"reason\":\"TooManyRequests\",\"details\":{\"retryAfterSeconds\":1},\"code\":429}";

  private final HttpsServer server;
  private final ExecutorService threads;
  private final String kubeconfig;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();

  private ThrottlingProxy(LocalCluster cluster, int everyNth) throws IOException, GeneralSecurityException {
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
        if (!watch && requests.incrementAndGet() % everyNth == 0) {
          throttled.incrementAndGet();
          byte[] body = TOO_MANY.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.getResponseHeaders().add("Retry-After", "1");
          exchange.sendResponseHeaders(429, body.length);
          exchange.getResponseBody().write(body);
          return;
        }
        forward(exchange, upstream, target + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
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
    if (everyNth < 2) {
      throw new IllegalArgumentException("everyNth must be at least 2, but was " + everyNth);
    }
    try {
      return new ThrottlingProxy(cluster, everyNth);
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
    return throttled.get();
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

  private static void forward(HttpExchange exchange, OkHttpClient upstream, String url) throws IOException {
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
    try (Response response = upstream.newCall(request.build()).execute()) {
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
