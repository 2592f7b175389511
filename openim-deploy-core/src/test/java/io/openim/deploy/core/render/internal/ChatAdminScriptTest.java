/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.core.internal.Shell;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chat admin Job's shell, run with this machine's sh and wget against a stand-in admin-api on
 * 127.0.0.1 that answers as chat v1.8.4-patch.5's does: routes, headers, bodies, error codes.
 */
@DisplayName("The chat admin Job's shell, run against a stand-in admin-api")
class ChatAdminScriptTest {
  private static final String NEW = "n3w-Admin-Password-xyz";

  private AdminApi api;
  @TempDir Path applets;

  @BeforeEach
  void start() throws Exception {
    api = new AdminApi(md5("chatAdmin"));
  }

  @AfterEach
  void stop() {
    api.server.stop(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("toolboxes")
  @DisplayName("the published password is replaced by md5 of the Secret's, and the published login is then refused")
  void replaces(Toolbox toolbox) throws Exception {
    Shell.Result result = run(toolbox, 60);
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(api.password).isEqualTo(md5(NEW));
    assertThat(api.calls).contains("/account/change_password");
    assertThat(result.output()).contains("replaced the published password", "refuses the published login")
        .doesNotContain(NEW, md5(NEW), md5("chatAdmin"), AdminApi.TOKEN);
  }

  @Test
  @DisplayName("no password is on a command line: wget gets the bodies from a file, which is gone afterwards")
  void noPasswordInArguments(@TempDir Path wrappers) throws Exception {
    // a wget that records its arguments, as /proc/<pid>/cmdline shows them on the node, then runs the real one
    Path real = Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, "wget"))
        .filter(Files::isExecutable).findFirst().orElseThrow();
    Path argv = wrappers.resolve("argv");
    Path wget = wrappers.resolve("wget");
    Files.writeString(wget, "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '" + argv + "'\nexec '" + real + "' \"$@\"\n");
    wget.toFile().setExecutable(true);
    Path tmp = Files.createDirectories(wrappers.resolve("tmp"));
    Map<String, String> env = env(60);
    env.put("PATH", wrappers + ":" + System.getenv("PATH"));
    env.put("TMPDIR", tmp.toString());
    Shell.Result result = Shell.run(BackupScripts.chatAdminPassword(), env);
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(api.password).isEqualTo(md5(NEW));
    assertThat(Files.readString(argv)).contains("--post-file").doesNotContain(NEW, md5(NEW), md5("chatAdmin"));
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("the request body file is removed").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("toolboxes")
  @DisplayName("run again, it finds the Secret's password in place, changes nothing and checks")
  void again(Toolbox toolbox) throws Exception {
    api.password = md5(NEW);
    Shell.Result result = run(toolbox, 60);
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(api.calls).doesNotContain("/account/change_password");
    assertThat(result.output()).contains("already has the password", "refuses the published login");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("toolboxes")
  @DisplayName("it waits while admin-rpc or OpenIM behind admin-api are not ready, and gives up at its deadline")
  void waits(Toolbox toolbox) throws Exception {
    api.notReady.set(3);
    Shell.Result ready = run(toolbox, 60);
    assertThat(ready.exit()).as(ready.output()).isZero();
    assertThat(ready.output()).contains("waiting for chat to be ready");
    assertThat(api.password).isEqualTo(md5(NEW));

    api.password = md5("chatAdmin");
    api.notReady.set(Integer.MAX_VALUE);
    Shell.Result never = run(toolbox, 0);
    assertThat(never.exit()).isEqualTo(1);
    assertThat(never.output()).contains("gave up after 0s");
    assertThat(api.password).isEqualTo(md5("chatAdmin"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("toolboxes")
  @DisplayName("fails when admin-api still accepts the published login after the change")
  void failsWhenPublishedStillWorks(Toolbox toolbox) throws Exception {
    api.ignoreChanges = true;
    Shell.Result result = run(toolbox, 60);
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.output()).contains("refuses the new password");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("toolboxes")
  @DisplayName("fails when admin-api accepts the published login next to the Secret's (any password)")
  void failsWhenAnyPasswordWorks(Toolbox toolbox) throws Exception {
    api.acceptAnything = true;
    Shell.Result result = run(toolbox, 60);
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.output()).contains("still accepts the published login");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("toolboxes")
  @DisplayName("a password changed by other means is left alone; the published login is refused all the same")
  void changedByHand(Toolbox toolbox) throws Exception {
    api.password = md5("chosen-by-the-operator");
    Shell.Result result = run(toolbox, 60);
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(api.password).isEqualTo(md5("chosen-by-the-operator"));
    assertThat(result.output()).contains("changed by other means");
  }

  /**
   * The machine's sh and wget, and busybox's (the chat image is alpine, whose sh, wget, md5sum,
   * sed and cut are busybox applets); busybox where it is installed (.ci/run installs it).
   */
  static Stream<Toolbox> toolboxes() {
    return Stream.of(Toolbox.SYSTEM, Toolbox.BUSYBOX);
  }

  enum Toolbox { SYSTEM, BUSYBOX }

  /** The Job's environment, pointed at the stand-in admin-api. */
  private Map<String, String> env(int waitSeconds) {
    return new HashMap<>(Map.of(
        "ADMIN_API", "http://127.0.0.1:" + api.server.getAddress().getPort(),
        "ADMIN_ACCOUNT", "chatAdmin", "NEW_PASSWORD", NEW,
        "WAIT_SECONDS", Integer.toString(waitSeconds), "POLL_SECONDS", "0"));
  }

  private Shell.Result run(Toolbox toolbox, int waitSeconds) throws Exception {
    api.calls.clear();
    Map<String, String> env = env(waitSeconds);
    if (toolbox == Toolbox.SYSTEM) {
      return Shell.run(BackupScripts.chatAdminPassword(), env);
    }
    Path busybox = Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, "busybox"))
        .filter(Files::isExecutable).findFirst().orElse(null);
    assertThat(busybox).as("busybox is missing: install Debian's busybox (.ci/run does)").isNotNull();
    for (String applet : List.of("sh", "wget", "md5sum", "sed", "cut", "date", "sleep", "cat", "mktemp", "rm")) {
      if (!Files.exists(applets.resolve(applet), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(applets.resolve(applet), busybox);
      }
    }
    env.put("PATH", applets.toString());
    ProcessBuilder builder = new ProcessBuilder(applets.resolve("sh").toString(), "-c",
        BackupScripts.chatAdminPassword(), "step").redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script ended within a minute").isTrue();
    return new Shell.Result(process.exitValue(), output);
  }

  static String md5(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** admin-api and admin-rpc of chat v1.8.4-patch.5 for one admin account, as far as the Job uses them. */
  static final class AdminApi {
    static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.admin-token.sig";
    final HttpServer server;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger notReady = new AtomicInteger();
    volatile String password;
    volatile boolean ignoreChanges;
    volatile boolean acceptAnything;

    AdminApi(String password) throws IOException {
      this.password = password;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::handle);
      server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
      String path = exchange.getRequestURI().getPath();
      calls.add(path);
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String answer;
      if (!exchange.getRequestMethod().equals("POST")
          || exchange.getRequestHeaders().getFirst("operationID") == null) {
        answer = error(1001, "ArgsError"); // tools mw/gin.go GinParseOperationID
      } else if (path.equals("/account/login")) {
        answer = login(body);
      } else if (path.equals("/account/change_password")) {
        answer = change(body, exchange.getRequestHeaders().getFirst("token"));
      } else {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    }

    private String login(String body) {
      if (notReady.getAndUpdate(n -> n > 0 && n != Integer.MAX_VALUE ? n - 1 : n) > 0) {
        return error(500, "ServerInternalError"); // admin-rpc not registered yet, or OpenIM's token call failing
      }
      if (!"chatAdmin".equals(field(body, "account"))) {
        return error(20002, "AccountNotFound");
      }
      if (!acceptAnything && !password.equals(field(body, "password"))) {
        return error(20001, "PasswordError");
      }
      return "{\"errCode\":0,\"errMsg\":\"\",\"errDlt\":\"\",\"data\":{\"adminAccount\":\"chatAdmin\",\"adminToken\":\""
          + TOKEN + "\",\"nickname\":\"\",\"faceURL\":\"\",\"level\":100,\"adminUserID\":\"imAdmin\","
          + "\"imUserID\":\"imAdmin\",\"imToken\":\"im-token\"}}";
    }

    private String change(String body, String token) {
      if (!TOKEN.equals(token)) {
        return error(1001, "ArgsError"); // internal/api/mw/mw.go: token is empty / invalid
      }
      if (!"imAdmin".equals(field(body, "userID"))) {
        return error(1004, "RecordNotFoundError");
      }
      if (!password.equals(field(body, "currentPassword"))) {
        return error(500, "ServerInternalError");
      }
      String next = field(body, "newPassword");
      if (next == null || next.isEmpty() || next.equals(password)) {
        return error(1001, "ArgsError");
      }
      if (!ignoreChanges) {
        password = next;
      }
      return "{\"errCode\":0,\"errMsg\":\"\",\"errDlt\":\"\"}";
    }

    private static String field(String json, String name) {
      Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
      return m.find() ? m.group(1) : null;
    }

    private static String error(int code, String message) {
      return "{\"errCode\":" + code + ",\"errMsg\":\"" + message + "\",\"errDlt\":\"\"}";
    }
  }
}
