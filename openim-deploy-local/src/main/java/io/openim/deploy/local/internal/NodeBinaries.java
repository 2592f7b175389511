/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The real node's own binaries: kubelet and kube-proxy from the control plane's Kubernetes
 * release, CoreDNS, and the pod sandbox (pause) from the release's source. Built by the control
 * plane's build script ({@code build-control-plane.sh OUT --node}) into a cache folder of their
 * own, so that a control-plane cache stays valid without them.
 *
 * @param directory the folder holding {@link #FILES}
 */
public record NodeBinaries(Path directory) {
  /** Every file the folder holds. */
  public static final List<String> FILES = List.of("kubelet", "kube-proxy", "coredns", "pause");

  /** CoreDNS as kubeadm 1.36 pins it (cmd/kubeadm/app/constants/constants.go CoreDNSVersion). */
  public static final String COREDNS_VERSION = "v1.14.2";

  private static final int RECIPE = 1;

  /** The path of one of the {@link #FILES}. */
  public Path file(String name) {
    if (!FILES.contains(name)) {
      throw new IllegalArgumentException("no such node file: " + name + "; one of " + FILES);
    }
    return directory.resolve(name);
  }

  /**
   * Finds the binaries for {@code kubernetes} under {@code cacheRoot}, building them first when
   * they are not there (about 3 minutes with a warm Go module cache, 10 cold).
   */
  public static NodeBinaries locate(
      Path cacheRoot, String kubernetes, Map<String, String> environment, Consumer<String> progress) {
    Path dir = cacheRoot.resolve(kubernetes + "-coredns-" + COREDNS_VERSION);
    String marker = kubernetes + " coredns-" + COREDNS_VERSION + " recipe-" + RECIPE;
    boolean complete = FILES.stream().allMatch(f -> Files.isExecutable(dir.resolve(f)));
    if (!complete || !marker.equals(read(dir.resolve("VERSIONS")))) {
      BinaryBuild.tool(
              "the real node's binaries (kubelet and kube-proxy " + kubernetes + ", CoreDNS "
                  + COREDNS_VERSION + ", pause)",
              BinaryBuild.SCRIPT,
              List.of("--node", kubernetes, COREDNS_VERSION),
              "3 to 10 minutes",
              environment,
              progress)
          .buildInto(dir, marker);
    }
    return new NodeBinaries(dir);
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file).strip() : "";
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}
