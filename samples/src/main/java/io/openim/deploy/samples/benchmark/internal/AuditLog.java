/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The local cluster's audit log, read in windows: {@link #mark()} before a tool runs, {@link
 * #countSince(long)} after it. The end of a window is a marker request this class sends once the
 * tool has finished (a GET of a namespace that does not exist, under its own user agent); since the
 * API server logs each request's {@code RequestReceived} event before serving it, every request the
 * tool sent is in the log before the marker's.
 */
public final class AuditLog {
  /** The user agent of the marker requests, left out of the counts. */
  public static final String CLIENT = "openim-deploy-benchmark";

  private static final Duration MARKER_TIMEOUT = Duration.ofSeconds(30);

  private final Path file;
  private final CoreV1Api core;
  private int markers;

  /** Reads {@code file}, sending marker requests through {@code admin}, whose user agent it sets. */
  public AuditLog(Path file, ApiClient admin) {
    this.file = file;
    admin.setUserAgent(CLIENT + "/1");
    this.core = new CoreV1Api(admin);
  }

  /** Where the next window starts: the log's current length. */
  public long mark() {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return channel.size();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the audit log " + file, e);
    }
  }

  /**
   * The requests logged from {@code offset} until a marker sent now.
   *
   * @throws IllegalStateException if the marker is not in the log within 30 s
   */
  public AuditCounts countSince(long offset) {
    String marker = "benchmark-marker-" + ++markers;
    try {
      core.readNamespace(marker).execute();
      throw new IllegalStateException("namespace " + marker + " exists, but a marker needs one that does not");
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        throw new IllegalStateException("the marker request for " + marker + " failed: HTTP " + e.getCode(), e);
      }
    }
    String needle = "\"requestURI\":\"/api/v1/namespaces/" + marker + "\"";
    long deadline = System.nanoTime() + MARKER_TIMEOUT.toNanos();
    while (true) {
      String text = read(offset);
      int at = text.indexOf(needle);
      if (at >= 0) {
        AuditCounts counts = new AuditCounts();
        int lineStart = text.lastIndexOf('\n', at) + 1;
        text.substring(0, lineStart).lines().filter(line -> !line.isBlank()).forEach(counts::add);
        return counts;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the marker request " + marker + " is not in the audit log " + file
            + " after " + MARKER_TIMEOUT.toSeconds() + " s; is the API server writing it (--audit-log-path)?");
      }
      pollInterval();
    }
  }

  private String read(long offset) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < offset) {
        throw new IllegalStateException("the audit log " + file + " shrank below " + offset + " bytes: rotated?");
      }
      ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - offset));
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
        // reads until the buffer is full
      }
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the audit log " + file, e);
    }
  }

  /** The pause between two reads of a log the marker is not in yet; the loop's deadline bounds it. */
  private static void pollInterval() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the audit log", e);
    }
  }
}
