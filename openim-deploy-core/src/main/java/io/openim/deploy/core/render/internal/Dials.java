/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Component;
import io.openim.deploy.DependencyKind;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which connections each OpenIM process opens, read from the source at the tags the version lines
 * run (open-im-server v3.8.3-patch.15, chat v1.8.4-patch.5): the gRPC services it dials through
 * discovery, the dependencies it connects to, and the HTTP calls chat makes to OpenIM's API. A
 * process that only loads a dependency's config file without connecting is not listed for it (rpc-user
 * and rpc-auth load kafka.yml and never make a Kafka client; chat-rpc loads redis.yml and never makes
 * a Redis client). Every process registers in etcd and resolves through it (pkg/common/discoveryregister
 * NewDiscoveryRegister; chat pkg/common/kdisc), so every one dials etcd.
 */
final class Dials {
  private static final Map<Component, Set<Component>> RPC = new EnumMap<>(Component.class);
  private static final Map<Component, Set<DependencyKind>> DEPENDENCIES = new EnumMap<>(Component.class);

  static {
    // open-im-server v3.8.3-patch.15, the GetConn/GetConns calls of each process:
    // internal/api/router.go newGinRouter (auth, user, group, friend, conversation, third, msg) and
    // internal/api/user.go GetUsersOnlineStatus (every gateway)
    rpc(Component.API, Component.RPC_AUTH, Component.RPC_USER, Component.RPC_GROUP, Component.RPC_FRIEND,
        Component.RPC_CONVERSATION, Component.RPC_THIRD, Component.RPC_MSG, Component.MSG_GATEWAY);
    // internal/msggateway/ws_server.go NewWsServer (user, push, auth, msg), hub_server.go (user),
    // ws_server.go sendUserOnlineInfoToOtherNode (the other gateways)
    rpc(Component.MSG_GATEWAY, Component.RPC_USER, Component.PUSH, Component.RPC_AUTH, Component.RPC_MSG,
        Component.MSG_GATEWAY);
    // internal/msgtransfer/online_history_msg_handler.go NewOnlineHistoryRedisConsumerHandler
    rpc(Component.MSG_TRANSFER, Component.RPC_GROUP, Component.RPC_CONVERSATION);
    // internal/push/push_handler.go NewConsumerHandler, internal/push/onlinepusher.go (every gateway)
    rpc(Component.PUSH, Component.RPC_USER, Component.RPC_GROUP, Component.RPC_MSG, Component.RPC_CONVERSATION,
        Component.MSG_GATEWAY);
    // internal/tools/cron_task.go Start
    rpc(Component.CRONTASK, Component.RPC_MSG, Component.RPC_THIRD, Component.RPC_CONVERSATION);
    // internal/rpc/auth/auth.go Start (user) and forceKickOff (every gateway)
    rpc(Component.RPC_AUTH, Component.RPC_USER, Component.MSG_GATEWAY);
    // internal/rpc/conversation/conversation.go Start
    rpc(Component.RPC_CONVERSATION, Component.RPC_USER, Component.RPC_GROUP, Component.RPC_MSG);
    // internal/rpc/relation/friend.go Start
    rpc(Component.RPC_FRIEND, Component.RPC_USER, Component.RPC_MSG);
    // internal/rpc/group/group.go Start
    rpc(Component.RPC_GROUP, Component.RPC_USER, Component.RPC_MSG, Component.RPC_CONVERSATION);
    // internal/rpc/msg/server.go Start
    rpc(Component.RPC_MSG, Component.RPC_USER, Component.RPC_GROUP, Component.RPC_FRIEND, Component.RPC_CONVERSATION);
    // internal/rpc/third/third.go Start
    rpc(Component.RPC_THIRD, Component.RPC_USER);
    // internal/rpc/user/user.go Start
    rpc(Component.RPC_USER, Component.RPC_MSG, Component.RPC_GROUP, Component.RPC_FRIEND);
    // chat v1.8.4-patch.5: internal/api/chat/start.go and internal/api/admin/start.go (chat, admin),
    // internal/rpc/chat/start.go (admin), internal/rpc/admin/start.go (chat)
    rpc(Component.CHAT_API, Component.CHAT_RPC, Component.ADMIN_RPC);
    rpc(Component.ADMIN_API, Component.CHAT_RPC, Component.ADMIN_RPC);
    rpc(Component.CHAT_RPC, Component.ADMIN_RPC);
    rpc(Component.ADMIN_RPC, Component.CHAT_RPC);

    // The clients each process makes (mongoutil.NewMongoDB, redisutil.NewRedisClient,
    // kafka.NewMConsumerGroup/NewKafkaProducer, minio.NewMinio):
    uses(Component.API);
    uses(Component.MSG_GATEWAY, DependencyKind.REDIS); // internal/msggateway/init.go Start
    // internal/msgtransfer/init.go Start; online_history_msg_handler.go and online_msg_to_mongo_handler.go
    // consume, pkg/common/storage/controller/msg_transfer.go produces
    uses(Component.MSG_TRANSFER, DependencyKind.MONGODB, DependencyKind.REDIS, DependencyKind.KAFKA);
    // internal/push/push.go Start; push_handler.go and offlinepush_handler.go consume,
    // pkg/common/storage/controller/push.go produces
    uses(Component.PUSH, DependencyKind.REDIS, DependencyKind.KAFKA);
    uses(Component.CRONTASK); // internal/tools/cron_task.go: RPC only
    uses(Component.RPC_AUTH, DependencyKind.REDIS); // internal/rpc/auth/auth.go Start
    uses(Component.RPC_CONVERSATION, DependencyKind.MONGODB, DependencyKind.REDIS);
    uses(Component.RPC_FRIEND, DependencyKind.MONGODB, DependencyKind.REDIS);
    uses(Component.RPC_GROUP, DependencyKind.MONGODB, DependencyKind.REDIS);
    // internal/rpc/msg/server.go; pkg/common/storage/controller/msg.go produces to toRedis
    uses(Component.RPC_MSG, DependencyKind.MONGODB, DependencyKind.REDIS, DependencyKind.KAFKA);
    // internal/rpc/third/third.go Start: MongoDB, Redis and MinIO through its internal address only; the
    // external address only signs URLs (openimsdk/tools v0.0.50-alpha.106 s3/minio/minio.go: the signing
    // client gets the bucket location from the internal one and never connects)
    uses(Component.RPC_THIRD, DependencyKind.MONGODB, DependencyKind.REDIS, DependencyKind.MINIO);
    uses(Component.RPC_USER, DependencyKind.MONGODB, DependencyKind.REDIS);
    // chat v1.8.4-patch.5: internal/api/*/start.go: no store; internal/rpc/chat/start.go: MongoDB;
    // internal/rpc/admin/start.go: Redis and MongoDB
    uses(Component.CHAT_API);
    uses(Component.ADMIN_API);
    uses(Component.CHAT_RPC, DependencyKind.MONGODB);
    uses(Component.ADMIN_RPC, DependencyKind.MONGODB, DependencyKind.REDIS);
  }

  private Dials() {}

  private static void rpc(Component client, Component... servers) {
    Set<Component> set = EnumSet.noneOf(Component.class);
    set.addAll(Set.of(servers));
    RPC.put(client, set);
  }

  private static void uses(Component client, DependencyKind... kinds) {
    Set<DependencyKind> set = EnumSet.of(DependencyKind.ETCD);
    set.addAll(Set.of(kinds));
    DEPENDENCIES.put(client, set);
  }

  /** The processes whose gRPC port {@code client} dials, in {@link Component} order. */
  static Set<Component> rpc(Component client) {
    return RPC.getOrDefault(client, Set.of());
  }

  /** The dependencies {@code client} connects to, in {@link DependencyKind} order. */
  static Set<DependencyKind> dependencies(Component client) {
    return DEPENDENCIES.getOrDefault(client, Set.of());
  }

  /**
   * Whether {@code client} calls OpenIM's REST API: chat's APIs do, at {@code share.openIM.apiURL}
   * (chat v1.8.4-patch.5 internal/api/chat/start.go and internal/api/admin/start.go, imapi.New).
   */
  static boolean callsApi(Component client) {
    return client == Component.CHAT_API || client == Component.ADMIN_API;
  }
}
