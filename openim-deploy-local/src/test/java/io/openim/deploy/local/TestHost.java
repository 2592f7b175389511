/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for "anywhere outside": a network namespace made here with a veth pair, at an address
 * in none of the real node's ranges, with a TCP listener that counts the connections it accepts.
 * A pod packet to it would be routed there if the node's egress rule did not drop it, and it never
 * leaves this machine either way. {@link #close()} removes the namespace and both ends of the pair.
 */
final class TestHost implements AutoCloseable {
  static final String ADDRESS = "10.241.0.2";
  static final int PORT = 18080;
  private static final String NAMESPACE = "oimd-outside";

  private final Process listener;
  private final Path seen;
  private final boolean madeNetnsFolder;

  private TestHost(Process listener, Path seen, boolean madeNetnsFolder) {
    this.listener = listener;
    this.seen = seen;
    this.madeNetnsFolder = madeNetnsFolder;
  }

  static TestHost start() throws IOException, InterruptedException {
    // ip netns mounts /run/netns onto itself the first time; undone on close if it was not there
    boolean madeNetnsFolder = !Files.exists(Path.of("/run/netns"));
    run("ip", "netns", "add", NAMESPACE);
    run("ip", "link", "add", "oimd-out0", "type", "veth", "peer", "name", "oimd-out1");
    run("ip", "link", "set", "oimd-out1", "netns", NAMESPACE);
    run("ip", "addr", "add", "10.241.0.1/30", "dev", "oimd-out0");
    run("ip", "link", "set", "oimd-out0", "up");
    run("ip", "netns", "exec", NAMESPACE, "ip", "addr", "add", ADDRESS + "/30", "dev", "oimd-out1");
    run("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", "oimd-out1", "up");
    run("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", "lo", "up");
    Path seen = Files.createTempFile("outside-seen-", ".log");
    // every accepted connection appends a line to the file
    Process listener =
        new ProcessBuilder("ip", "netns", "exec", NAMESPACE, "busybox", "nc", "-ll", "-p", Integer.toString(PORT),
                "-e", "sh", "-c", "echo connection >> " + seen)
            .redirectErrorStream(true)
            .start();
    return new TestHost(listener, seen, madeNetnsFolder);
  }

  /** Whether the host itself reaches the listener; counted, so call it before {@link #connectionsSeen()} resets. */
  boolean reachableFromHost() throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(ADDRESS, PORT), 500);
        Eventually.await(Duration.ofSeconds(5), "the listener to count the host's connection",
            this::connectionsSeen, count -> count > 0);
        Files.writeString(seen, "");
        return true;
      } catch (IOException e) {
        Thread.sleep(100); // the listener is still starting; polled up to 5 s
      }
    }
    return false;
  }

  long connectionsSeen() throws IOException {
    return Files.readAllLines(seen).stream().filter(line -> !line.isBlank()).count();
  }

  @Override
  public void close() throws Exception {
    listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(seen.toString())).orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
    runQuietly(List.of("ip", "link", "del", "oimd-out0"));
    runQuietly(List.of("ip", "netns", "del", NAMESPACE));
    if (madeNetnsFolder) {
      runQuietly(List.of("umount", "/run/netns"));
      runQuietly(List.of("rmdir", "/run/netns"));
    }
    Files.deleteIfExists(seen);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }

  private static void runQuietly(List<String> command) throws InterruptedException, IOException {
    new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
  }
}
