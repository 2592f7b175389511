/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One host through which clients reach OpenIM, with a path per entry point: {@value #API_PATH}
 * (REST API), {@value #GATEWAY_PATH} (WebSocket gateway), {@value #CHAT_PATH} (chat API),
 * {@value #ADMIN_PATH} (admin API) and {@value #MINIO_PATH} (the MinIO S3 API, from which
 * MinIO's external address is derived).
 *
 * @param host the DNS name, for example {@code im.example.com}
 * @param className the IngressClass, or null for the cluster's default
 * @param tlsSecret a Secret with the host's certificate, or null for plain HTTP
 * @since 0.1
 */
public record Ingress(String host, @Nullable String className, @Nullable String tlsSecret) {
  /** The path of the REST API. */
  public static final String API_PATH = "/api";

  /** The path of the WebSocket gateway. */
  public static final String GATEWAY_PATH = "/msg_gateway";

  /** The path of the chat API. */
  public static final String CHAT_PATH = "/chat";

  /** The path of the admin API. */
  public static final String ADMIN_PATH = "/complete_admin";

  /** The path of the MinIO S3 API. */
  public static final String MINIO_PATH = "/im-minio-api";

  /** Checks that the host is given. */
  public Ingress {
    Objects.requireNonNull(host, "host");
  }

  /** The URL clients use for MinIO: scheme from TLS, host, then {@value #MINIO_PATH}. */
  public String minioExternalAddress() {
    return (tlsSecret != null ? "https://" : "http://") + host + MINIO_PATH;
  }
}
