/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.moduletests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ModulePathMain} in a JVM of its own with everything on the module path: this
 * module's jar, core, the api and their run-time dependencies (the jar's manifest lists them),
 * and no test library.
 */
@DisplayName("openim-deploy-core on the module path")
class ModulePathIT {
  /** client-java-api's ApiClient uses okhttp's OkHostnameVerifier, which module okhttp3 does not export. */
  private static final List<String> ADD_EXPORTS =
      List.of("--add-exports", "okhttp3/okhttp3.internal.tls=io.kubernetes.client.java.api");
  /** client-java is an automatic module, so nothing requires the named modules it needs (commons-lang3, ...). */
  private static final List<String> ADD_MODULES = List.of("--add-modules", "ALL-MODULE-PATH");

  @Test
  @DisplayName("a named module renders a plan and opens core's Kubernetes deployer, found by ServiceLoader")
  void runsWithTheFlags() throws Exception {
    Run run = run(ADD_MODULES, ADD_EXPORTS);

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).as(run.output())
        .contains("core: io.openim.deploy.core@", " (named)", "caller: io.openim.deploy.moduletests")
        .containsPattern("plan: \\d+ manifests")
        .contains("job: openim-chat-admin-password-")
        .contains("deployer: kubernetes (io.openim.deploy.core.KubernetesDeployer)");
  }

  @Test
  @DisplayName("without the add-exports, client-java cannot build its ApiClient: the flag is needed")
  void theAddExportsIsNeeded() throws Exception {
    Run run = run(ADD_MODULES, List.of());

    assertThat(run.exit()).as(run.output()).isNotZero();
    assertThat(run.output()).as(run.output())
        .contains("java.lang.IllegalAccessError", "okhttp3.internal.tls.OkHostnameVerifier",
            "module okhttp3 does not export okhttp3.internal.tls to module io.kubernetes.client.java.api");
  }

  /** The output (standard output and error together) and exit code of a run of the main. */
  private record Run(int exit, String output) {}

  private static Run run(List<String> first, List<String> second) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(first);
    command.addAll(second);
    command.addAll(List.of("--module-path", modulePath(),
        "--module", "io.openim.deploy.moduletests/" + ModulePathMain.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the JVM ended within two minutes").isTrue();
    System.out.println(String.join(" ", command.subList(1, command.size() - 4)) + " -> exit " + process.exitValue()
        + "\n" + output);
    return new Run(process.exitValue(), output);
  }

  /** This module's jar and the files its manifest's Class-Path names, as found on this test's class path. */
  private static String modulePath() throws Exception {
    Path jar = Path.of(ModulePathMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(Files.isRegularFile(jar)).as("the main runs from this module's jar, not %s", jar).isTrue();
    List<String> names;
    try (JarFile file = new JarFile(jar.toFile())) {
      names = List.of(file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH).split(" "));
    }
    Map<String, Path> onClassPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of).collect(Collectors.toMap(p -> p.getFileName().toString(), Function.identity(), (a, b) -> a));
    List<String> path = new ArrayList<>(List.of(jar.toString()));
    for (String name : names) {
      assertThat(onClassPath).as("%s, from the jar's Class-Path, on the test's class path", name).containsKey(name);
      path.add(onClassPath.get(name).toString());
    }
    return String.join(File.pathSeparator, path);
  }
}
