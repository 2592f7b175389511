/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A socket listening on 127.0.0.1 at a free port that never answers, counting the connections
 * made to it. The kernel completes a connection before the program that opened it goes on, and
 * holds it until it is accepted, so {@link #connections()} counts every connection opened before
 * it is called, even one closed again at once.
 */
final class ConnectionCounter implements AutoCloseable {
  private final ServerSocketChannel server;
  private int accepted;

  private ConnectionCounter(ServerSocketChannel server) {
    this.server = server;
  }

  /** Listens at a free port of 127.0.0.1. */
  static ConnectionCounter open() {
    try {
      ServerSocketChannel server = ServerSocketChannel.open();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      server.configureBlocking(false);
      return new ConnectionCounter(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
  }

  /** The port it listens at. */
  int port() {
    try {
      return ((InetSocketAddress) server.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many connections were made to it so far; each is closed once counted. */
  int connections() {
    try {
      for (SocketChannel connection = server.accept(); connection != null; connection = server.accept()) {
        connection.close();
        accepted++;
      }
      return accepted;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot accept on 127.0.0.1:" + port(), e);
    }
  }

  /** A kubeconfig whose only cluster is this socket, as {@code https://127.0.0.1:<port>}. */
  String kubeconfig() {
    return "apiVersion: v1\n"
        + "kind: Config\n"
        + "clusters:\n"
        + "- name: counted\n"
        + "  cluster:\n"
        + "    server: https://127.0.0.1:" + port() + "\n"
        + "    insecure-skip-tls-verify: true\n"
        + "users:\n"
        + "- name: counted\n"
        + "  user:\n"
        + "    token: not-a-real-token\n"
        + "contexts:\n"
        + "- name: counted\n"
        + "  context:\n"
        + "    cluster: counted\n"
        + "    user: counted\n"
        + "    namespace: default\n"
        + "current-context: counted\n";
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
