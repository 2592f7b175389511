/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.openim.deploy.Host;
import io.openim.deploy.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The SSH password and key passphrase")
class ClusterfileSecretsTest {
  private static final String PASSWORD = "Pw-7f3a9c-k3ep-Out";
  private static final String PASSPHRASE = "Phrase-0b1d-k3ep-Out";

  @TempDir Path dir;

  private Clusterfile.Builder withPassword(String password) throws IOException {
    Path file = Files.writeString(dir.resolve("password"), password + "\n");
    return Clusterfile.builder("default").images(SealosImages.standard())
        .ssh(Ssh.passwordFromFile("root", 22, file))
        .hosts(List.of(Host.ssh("10.0.0.1", "root")), 1, Arch.AMD64);
  }

  @Test
  @DisplayName("appear in toYaml() only, never in toPrintableYaml() or toString()")
  void onlyInTheFileForSealos() throws IOException {
    Clusterfile byPassword = withPassword(PASSWORD).build();
    Path phrase = Files.writeString(dir.resolve("phrase"), PASSPHRASE);
    Clusterfile byKey = byPassword.toBuilder().ssh(Ssh.key("root", 22, Path.of("/root/.ssh/id_rsa"), phrase)).build();

    assertThat(byPassword.toYaml()).contains("    passwd: " + PASSWORD + "\n");
    assertThat(byKey.toYaml()).contains("    pkPasswd: " + PASSPHRASE + "\n");
    for (Clusterfile file : List.of(byPassword, byKey)) {
      assertThat(file.toPrintableYaml()).doesNotContain(PASSWORD, PASSPHRASE).contains("<redacted>");
      assertThat(file.toString()).doesNotContain(PASSWORD, PASSPHRASE).contains("Secret[****]");
      assertThat(file.ssh().toString()).doesNotContain(PASSWORD, PASSPHRASE);
    }
  }

  @ParameterizedTest(name = "password {0}")
  @ValueSource(strings = {"has{{braces", "has\u0007bell", "has\rreturn"})
  @DisplayName("a password sealos could not read unchanged is refused without being shown")
  void refusedWithoutShowingIt(String password) throws IOException {
    ClusterfileException e = catchThrowableOfType(ClusterfileException.class, () -> withPassword(password).build());
    assertThat(e.problems()).singleElement().asString().startsWith("spec.ssh.passwd: ");
    assertThat(e.getMessage()).doesNotContain(password).doesNotContain(password.substring(3));
  }

  @Test
  @DisplayName("parse() problems on a file holding them never show them")
  void parseProblems() {
    String file = ClusterfileParseTest.CLUSTER.replace("    passwd: Sup3r-secret\n",
        "    passwd: 4242424242\n    pkPasswd: " + PASSPHRASE + " {{\n");
    ClusterfileException e = catchThrowableOfType(ClusterfileException.class, () -> Clusterfile.parse(file));
    assertThat(e.problems()).contains("spec.ssh.passwd: must be text, but is a number (to mean the text, put it in"
        + " quotes)");
    assertThat(e.getMessage()).doesNotContain("4242424242").doesNotContain(PASSPHRASE).contains("line 14");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"    passwd: \"" + PASSWORD + "\n", "    passwd: '" + PASSWORD + "\n",
      "    passwd: " + PASSWORD + ": x\n", "    passwd: [" + PASSWORD + "\n", "    passwd: {" + PASSWORD + "\n",
      "    passwd: |\n  " + PASSWORD + "\n", "    passwd: " + PASSWORD + "\n\t\n"})
  @DisplayName("a YAML syntax error on the password's line never quotes it")
  void syntaxErrors(String line) {
    String file = ClusterfileParseTest.CLUSTER.replace("    passwd: Sup3r-secret\n", line);
    ClusterfileException e = catchThrowableOfType(ClusterfileException.class, () -> Clusterfile.parse(file));
    assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(PASSWORD.substring(0, 6));
  }

  @Test
  @DisplayName("a password that another YAML reader would take for a boolean or number is quoted")
  void quotedForGo() throws IOException {
    for (String password : List.of("y", "N", "0o17", "1e3", "yes", "12:30", "~")) {
      Clusterfile file = withPassword(password).command(List.of(password)).build();
      String quoted = file.toYaml().lines().filter(l -> l.startsWith("    passwd: ")).findFirst().orElseThrow();
      assertThat(quoted).as(password).isIn("    passwd: \"" + password + "\"", "    passwd: '" + password + "'");
      assertThat(file.toYaml()).containsAnyOf("  - \"" + password + "\"\n", "  - '" + password + "'\n");
      assertThat(Clusterfile.parse(file.toYaml()).ssh().password()).isEqualTo(Secret.of(password));
    }
  }
}
