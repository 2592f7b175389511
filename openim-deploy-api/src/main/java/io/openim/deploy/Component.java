/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One OpenIM process, run as its own Kubernetes workload. The first twelve belong to OpenIM
 * Server, the last four to OpenIM Chat.
 *
 * @since 0.1
 */
public enum Component {
  /** The REST API ({@code openim-api}). */
  API("openim-api", false),
  /** The WebSocket gateway that holds client connections ({@code openim-msggateway}). */
  MSG_GATEWAY("openim-msggateway", false),
  /** The Kafka consumer that stores messages ({@code openim-msgtransfer}). */
  MSG_TRANSFER("openim-msgtransfer", false),
  /** Online and offline push ({@code openim-push}). */
  PUSH("openim-push", false),
  /** Scheduled cleanup; must run as a single replica ({@code openim-crontask}). */
  CRONTASK("openim-crontask", false),
  /** Tokens ({@code openim-rpc-auth}). */
  RPC_AUTH("openim-rpc-auth", false),
  /** Conversations ({@code openim-rpc-conversation}). */
  RPC_CONVERSATION("openim-rpc-conversation", false),
  /** Friends ({@code openim-rpc-friend}). */
  RPC_FRIEND("openim-rpc-friend", false),
  /** Groups ({@code openim-rpc-group}). */
  RPC_GROUP("openim-rpc-group", false),
  /** Messages ({@code openim-rpc-msg}). */
  RPC_MSG("openim-rpc-msg", false),
  /** Object storage and logs ({@code openim-rpc-third}). */
  RPC_THIRD("openim-rpc-third", false),
  /** Users ({@code openim-rpc-user}). */
  RPC_USER("openim-rpc-user", false),
  /** The chat REST API ({@code chat-api}). */
  CHAT_API("chat-api", true),
  /** The chat admin REST API ({@code admin-api}). */
  ADMIN_API("admin-api", true),
  /** The chat RPC service ({@code chat-rpc}). */
  CHAT_RPC("chat-rpc", true),
  /** The chat admin RPC service ({@code admin-rpc}). */
  ADMIN_RPC("admin-rpc", true);

  private final String id;
  private final boolean chat;

  Component(String id, boolean chat) {
    this.id = id;
    this.chat = chat;
  }

  /** The process's name, as OpenIM calls its binary: {@code openim-api}, {@code chat-rpc}, … */
  public String id() {
    return id;
  }

  /** Whether the process belongs to OpenIM Chat rather than OpenIM Server. */
  public boolean chat() {
    return chat;
  }

  /** The key used in spec files: the id without the {@code openim-} prefix ({@code rpc-user}). */
  public String key() {
    return id.startsWith("openim-") ? id.substring("openim-".length()) : id;
  }

  /** The component whose {@link #key()} or {@link #id()} is {@code name}, ignoring case. */
  public static Optional<Component> byKey(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(c -> c.key().equals(wanted) || c.id.equals(wanted))
        .findFirst();
  }

  /** The components of OpenIM Server. */
  public static List<Component> server() {
    return Arrays.stream(values()).filter(c -> !c.chat).toList();
  }

  /** The components of OpenIM Chat. */
  public static List<Component> chatComponents() {
    return Arrays.stream(values()).filter(Component::chat).toList();
  }
}
