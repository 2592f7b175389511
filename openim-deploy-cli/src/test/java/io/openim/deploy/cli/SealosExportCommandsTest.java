/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.sealos.template.TemplateRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("sealos-template and sealos-image export a spec for Sealos Cloud and for an offline cluster image")
class SealosExportCommandsTest {
  @TempDir Path temp;

  @Test
  @DisplayName("sealos-template prints a Template first, with in-cluster MongoDB when asked, that our renderer of the language accepts")
  void template() throws Exception {
    Path spec = Files.writeString(temp.resolve("spec.yaml"), "namespace: im\n");
    Console.Run run = Console.once("sealos-template", "-f", spec.toString(), "--in-cluster-mongo", "--title", "OpenIM");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("apiVersion: app.sealos.io/v1\nkind: Template\n").contains("title: OpenIM")
        .contains("kind: StatefulSet").doesNotContain("mongodb-account-root");
    TemplateRenderer.check(run.out());
  }

  @Test
  @DisplayName("sealos-template -o writes the file and says where")
  void templateToFile() {
    Path out = temp.resolve("openim.yaml");
    Console.Run run = Console.once("sealos-template", "-o", out.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("wrote the Sealos template of openim/openim to " + out);
    assertThat(out).content().startsWith("apiVersion: app.sealos.io/v1\nkind: Template\n");
  }

  @Test
  @DisplayName("sealos-image writes the build folder and prints the exact sealos build and sealos run commands")
  void image() {
    Path out = temp.resolve("openim-image");
    Console.Run run = Console.once("sealos-image", "-o", out.toString(), "--image", "registry.example.com/openim:v3.8.3",
        "--platform", "arm64");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(out.resolve("Kubefile")).exists();
    assertThat(run.out()).contains("sealos build -t registry.example.com/openim:v3.8.3")
        .contains("--platform linux/arm64").contains("sealos run registry.example.com/openim:v3.8.3");
  }

  @Test
  @DisplayName("sealos-image refuses a bad image reference with exit 2 and writes nothing")
  void badImage() {
    Path out = temp.resolve("openim-image");
    Console.Run run = Console.once("sealos-image", "-o", out.toString(), "--image", "Not A Reference");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("nothing was written: bad cluster image options: image must be an image reference");
    assertThat(out).doesNotExist();
  }
}
