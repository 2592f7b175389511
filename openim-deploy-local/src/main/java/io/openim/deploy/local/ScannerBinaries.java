/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import io.openim.deploy.local.internal.GoToolBuild;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration scanners openim-deploy's tests run over rendered plans and the exported
 * chart: kube-score and trivy (its {@code config} command, with the misconfiguration checks
 * compiled into the binary).
 *
 * <h2>Where they come from</h2>
 *
 * Built like the control plane, once per version, from the Go module proxy with the Go on PATH,
 * into {@code $XDG_CACHE_HOME/openim-deploy/scanners/<tool>-<version>-<recipe hash>} ({@code
 * ~/.cache} when unset), under a file lock, with progress line by line. Without Go it stops with
 * one sentence saying what to install. Measured on two cores: kube-score about a minute (96 s of
 * CPU); trivy 7 minutes when the cores are idle (718 s of CPU, 2.7 GB of modules, a 168 MB binary)
 * and half an hour when other builds share them.
 *
 * @param kubeScore the kube-score binary
 * @param trivy the trivy binary
 * @since 0.3
 */
public record ScannerBinaries(Path kubeScore, Path trivy) {
  /** The kube-score release: the newest the Go module proxy serves. */
  public static final String KUBE_SCORE_VERSION = "v1.20.0";

  /** The trivy release: the newest the Go module proxy serves. */
  public static final String TRIVY_VERSION = "v0.74.0";

  private static final Logger LOG = LoggerFactory.getLogger(ScannerBinaries.class);

  // kube-score's cmd/kube-score/cmd_version.go at v1.20.0: "These variables are overwritten by
  // goreleaser" (version, commit, date in package main), so `kube-score version` names the release.
  private static final GoToolBuild KUBE_SCORE = new GoToolBuild("kube-score",
      "github.com/zegl/kube-score/cmd/kube-score", KUBE_SCORE_VERSION, "kube-score",
      List.of("main.version=" + KUBE_SCORE_VERSION.substring(1)), Map.of(), "about a minute");

  // trivy's goreleaser.yml at v0.74.0 builds ./cmd/trivy with CGO_ENABLED=0 (as build-go-binary.sh
  // does), GOEXPERIMENT=jsonv2 (pkg/x/json and pkg/rpc import encoding/json/v2, which Go 1.26 only
  // builds under that experiment: "build constraints exclude all Go files" without it) and
  // -X github.com/aquasecurity/trivy/pkg/version/app.ver={{.Version}}.
  private static final GoToolBuild TRIVY = new GoToolBuild("trivy",
      "github.com/aquasecurity/trivy/cmd/trivy", TRIVY_VERSION, "trivy",
      List.of("github.com/aquasecurity/trivy/pkg/version/app.ver=" + TRIVY_VERSION.substring(1)),
      Map.of("GOEXPERIMENT", "jsonv2"), "7 to 30 minutes");

  /** Checks both paths are given. */
  public ScannerBinaries {
    Objects.requireNonNull(kubeScore, "kubeScore");
    Objects.requireNonNull(trivy, "trivy");
  }

  /** Finds or builds both, with this process's environment, reporting progress through slf4j. */
  public static ScannerBinaries locate() {
    return locate(System.getenv(), line -> LOG.info("{}", line));
  }

  /**
   * Finds or builds both with {@code environment} (PATH, XDG_CACHE_HOME and Go's own variables).
   *
   * @throws LocalClusterException if Go is missing or a build fails; the message says what to do
   */
  public static ScannerBinaries locate(Map<String, String> environment, Consumer<String> progress) {
    Path cache = ControlPlaneBinaries.defaultCacheRoot(environment, System.getProperties()).resolveSibling("scanners");
    return new ScannerBinaries(
        KUBE_SCORE.binary(cache, environment, progress), TRIVY.binary(cache, environment, progress));
  }
}
