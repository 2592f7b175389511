/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A containerd of its own for tests: Debian's {@code /usr/bin/containerd} with root, state, gRPC
 * socket, opt folder, runc root, FIFOs and cgroups all of its own (config version 2, CRI disabled),
 * driven with {@code ctr}. {@link #close()} removes everything it made and checks that nothing is
 * left: no process of its socket (containerd, shims), no mount under its folder, no folder, no shim
 * socket in {@code /run/containerd/s}, no cgroup.
 */
final class PrivateContainerd implements AutoCloseable {
  static final String CONTAINERD = "/usr/bin/containerd";
  static final String CTR = "/usr/bin/ctr";
  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

  final Path dir;
  final Path socket;
  final String cgroupParent;
  private static final Path RUN_FOLDER = Path.of("/run/containerd");
  private final Process containerd;
  private final boolean madeRunFolder;
  private final List<String> containers = new ArrayList<>();

  /** A sentence saying why these tests cannot run here, or null when they can. */
  static String whyNot() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "a private containerd needs root; these tests run as " + System.getProperty("user.name");
    }
    for (String tool : List.of(CONTAINERD, CTR, "/usr/sbin/runc", "/usr/bin/containerd-shim-runc-v2")) {
      if (!Files.isExecutable(Path.of(tool)) && !(tool.endsWith("runc") && Files.isExecutable(Path.of("/usr/bin/runc")))) {
        return tool + " is missing; install the containerd and runc packages (apt-get install containerd runc)";
      }
    }
    return null;
  }

  PrivateContainerd() throws Exception {
    dir = Files.createTempDirectory("openim-ctrd-");
    socket = dir.resolve("c.sock");
    cgroupParent = "openim-deploy-" + dir.getFileName();
    Files.writeString(dir.resolve("config.toml"), String.join("\n",
        "version = 2",
        "root = \"" + dir.resolve("root") + "\"",
        "state = \"" + dir.resolve("state") + "\"",
        "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]",
        "[grpc]",
        "  address = \"" + socket + "\"",
        "[ttrpc]",
        "  address = \"" + socket + ".ttrpc\"",
        "[plugins.\"io.containerd.grpc.v1.cri\"]",
        "  restrict_oom_score_adj = true",
        "[plugins.\"io.containerd.internal.v1.opt\"]",
        "  path = \"" + dir.resolve("opt") + "\"",
        ""));
    madeRunFolder = !Files.exists(RUN_FOLDER);
    containerd = new ProcessBuilder(CONTAINERD, "--config", dir.resolve("config.toml").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("containerd.log").toFile()).start();
    Eventually.await(Duration.ofSeconds(20), "containerd serving " + socket,
        () -> Files.exists(socket) && ctrQuietly("version").exit() == 0, ready -> ready);
  }

  /** The outcome of one {@code ctr} call. */
  record Result(int exit, String output) {}

  /** Runs {@code ctr --address SOCKET -n k8s.io ARGS}, failing the test unless it exits 0. */
  String ctr(String... args) throws Exception {
    Result result = ctrQuietly(args);
    assertThat(result.exit()).as("ctr %s exit; output:%n%s", String.join(" ", args), result.output()).isZero();
    return result.output();
  }

  Result ctrQuietly(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(CTR, "--address", socket.toString(), "-n", "k8s.io"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return new Result(-1, output + "\n(ctr timed out)");
    }
    return new Result(process.exitValue(), output);
  }

  /** {@code ctr run} options that keep FIFOs, runc state and cgroups here; no --net-host. */
  List<String> runOptions(String id) {
    containers.add(id);
    return List.of("--fifo-dir", dir.resolve("fifo").toString(), "--runc-root", dir.resolve("runc").toString(),
        "--cgroup", "/" + cgroupParent + "/" + id);
  }

  /** Runs {@code image} to its end ({@code ctr run --rm}) with {@code args} as the whole command line. */
  Result run(String image, String id, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("run", "--rm"));
    command.addAll(runOptions(id));
    command.add(image);
    command.add(id);
    command.addAll(List.of(args));
    return ctrQuietly(command.toArray(String[]::new));
  }

  /** The shim socket containerd 1.6 makes for {@code id}: /run/containerd/s/sha256(address/ns/id). */
  Path shimSocket(String id) throws NoSuchAlgorithmException {
    byte[] hash = MessageDigest.getInstance("SHA-256")
        .digest((socket + "/k8s.io/" + id).getBytes(StandardCharsets.UTF_8));
    return Path.of("/run/containerd/s", HexFormat.of().formatHex(hash));
  }

  @Override
  public void close() throws Exception {
    for (String id : containers) {
      ctrQuietly("task", "kill", "-s", "SIGKILL", id);
      ctrQuietly("task", "delete", "--force", id);
      ctrQuietly("container", "delete", id);
    }
    containerd.destroy();
    if (!containerd.waitFor(20, TimeUnit.SECONDS)) {
      containerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle process : processesOfSocket()) {
      process.destroyForcibly();
      process.onExit().get(10, TimeUnit.SECONDS);
    }
    List<String> mounts = mountsUnder();
    for (int i = mounts.size() - 1; i >= 0; i--) {
      new ProcessBuilder("umount", "-l", mounts.get(i)).inheritIO().start().waitFor();
    }
    List<Path> cgroups = cgroups();
    for (Path cgroup : cgroups) {
      try (Stream<Path> children = Files.walk(cgroup)) {
        for (Path child : children.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(child);
        }
      }
    }
    List<Path> shimSockets = new ArrayList<>();
    for (String id : containers) {
      shimSockets.add(shimSocket(id));
    }
    for (Path shim : shimSockets) {
      Files.deleteIfExists(shim);
    }
    delete(dir);
    // containerd 1.6 makes /run/containerd/s for shim sockets whatever its state folder
    if (madeRunFolder && Files.isDirectory(RUN_FOLDER.resolve("s"))) {
      try (Stream<Path> left = Files.list(RUN_FOLDER.resolve("s"))) {
        if (left.findAny().isEmpty()) {
          delete(RUN_FOLDER);
        }
      }
    }

    assertThat(processesOfSocket()).as("processes of " + socket + " after teardown").isEmpty();
    assertThat(mountsUnder()).as("mounts under " + dir + " after teardown").isEmpty();
    assertThat(cgroups()).as("cgroups of this containerd after teardown").isEmpty();
    assertThat(shimSockets).as("shim sockets after teardown").noneMatch(Files::exists);
    assertThat(dir).doesNotExist();
  }

  /** containerd and every shim whose command line names this socket. */
  List<ProcessHandle> processesOfSocket() {
    return ProcessHandle.allProcesses()
        .filter(p -> {
          try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            String text = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
            return text.contains(socket.toString()) || text.contains(dir.resolve("config.toml").toString());
          } catch (IOException e) {
            return false; // gone meanwhile
          }
        })
        .toList();
  }

  /** Mount points under this folder, in the order they were mounted. */
  List<String> mountsUnder() throws IOException {
    List<String> mounts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String point = line.split(" ")[4].replace("\\040", " ");
      if (point.startsWith(dir + "/") || point.equals(dir.toString())) {
        mounts.add(point);
      }
    }
    return mounts;
  }

  /** This containerd's cgroup folders in every hierarchy (cgroup v1 here). */
  List<Path> cgroups() throws IOException {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(CGROUPS)) {
      return found;
    }
    try (Stream<Path> hierarchies = Files.list(CGROUPS)) {
      for (Path hierarchy : hierarchies.toList()) {
        Path candidate = hierarchy.resolve(cgroupParent);
        if (Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
          found.add(candidate);
        }
      }
    }
    return found;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
