/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import io.kubernetes.client.common.KubernetesType;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the API server answered to one request of {@link ClusterConnection#get} or {@link
 * ClusterConnection#list}, after the connection's retries: the HTTP status, the server's message,
 * and on success what was read. Callers decide what a status means to them (a list answered 404
 * may mean "none yet").
 *
 * @param <T> what a successful answer holds: a {@link KubeObject}, or a list of them
 * @since 0.3
 */
public final class KubeResponse<T> {
  private final int status;
  private final String message;
  private final @Nullable T body;

  private KubeResponse(int status, String message, @Nullable T body) {
    this.status = status;
    this.message = message;
    this.body = body;
  }

  /** The engine's answer for a client-java response, its object converted by {@code convert}. */
  static <K extends KubernetesType, T> KubeResponse<T> of(KubernetesApiResponse<K> response, Function<K, T> convert) {
    K object = response.isSuccess() ? response.getObject() : null;
    return new KubeResponse<>(response.getHttpStatusCode(), ClusterConnection.message(response.getStatus()),
        object == null ? null : convert.apply(object));
  }

  /**
   * The HTTP status code.
   *
   * @since 0.3
   */
  public int status() {
    return status;
  }

  /**
   * The message of the server's Status for a failure, or an empty string.
   *
   * @since 0.3
   */
  public String message() {
    return message;
  }

  /**
   * Whether the request succeeded (a 2xx status) and {@link #body()} holds what was read.
   *
   * @since 0.3
   */
  public boolean success() {
    return status >= 200 && status < 300 && body != null;
  }

  /**
   * Whether the status is 404: the object, or the namespace or type listed, is not there.
   *
   * @since 0.3
   */
  public boolean notFound() {
    return status == 404;
  }

  /**
   * What was read, when the request succeeded; otherwise empty.
   *
   * @since 0.3
   */
  public Optional<T> body() {
    return Optional.ofNullable(body);
  }

  /**
   * {@code HTTP <status>} and, when there is one, the server's message.
   *
   * @since 0.3
   */
  @Override
  public String toString() {
    return "HTTP " + status + (message.isEmpty() ? "" : " " + message);
  }
}
