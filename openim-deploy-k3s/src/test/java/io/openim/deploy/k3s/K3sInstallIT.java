/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.openim.deploy.ProvisioningException;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.Host;
import io.openim.deploy.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Setting k3s up over SSH, against a real OpenSSH server on 127.0.0.1")
class K3sInstallIT {
  @TempDir Path temp;
  private LocalSshd sshd;
  private Path root;
  private Path binary;
  private Path script;
  private Path image;
  private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    sshd = LocalSshd.start(Files.createDirectories(temp.resolve("sshd")));
    root = Files.createDirectories(temp.resolve("host"));
    // what an air-gapped user supplies: the k3s binary and install script (stand-ins here)
    binary = Files.writeString(temp.resolve("k3s"), "#!/bin/sh\necho 'k3s version v1.36.2+k3s1 (stand-in)'\n");
    script = Files.writeString(temp.resolve("install.sh"), String.join("\n",
        "#!/bin/sh",
        "# stand-in for get.k3s.io: records how it was called and writes what k3s would",
        "set -e",
        "ROOT=$(dirname $(dirname $(dirname $(dirname \"$K3S_CONFIG_FILE\"))))",
        "echo \"$INSTALL_K3S_EXEC skip=$INSTALL_K3S_SKIP_DOWNLOAD version=$INSTALL_K3S_VERSION bin=$INSTALL_K3S_BIN_DIR\" >> \"$ROOT/install.log\"",
        "if grep -q fail-please \"$K3S_CONFIG_FILE\"; then echo 'k3s refused the config: fail-please is not a flag' >&2; exit 3; fi",
        "printf 'apiVersion: v1\\nclusters:\\n- cluster:\\n    server: https://127.0.0.1:6443\\n  name: default\\n' > \"$ROOT/etc/rancher/k3s/k3s.yaml\"",
        ""));
    image = Files.write(temp.resolve("openim-images.tar"), new byte[] {1, 2, 3});
  }

  @AfterEach
  void stop() {
    sshd.close();
  }

  private K3sInstall.Builder install(Path knownHosts) {
    return K3sInstall.builder(sshd.clientKey, knownHosts)
        .server(new Host("127.0.0.1", sshd.port, "root"))
        .version("v1.36.2+k3s1")
        .token(Secret.of("test-token-0123456789"))
        .flag("disable", List.of("traefik"))
        .airGap(binary, script)
        .image(image)
        .root(root + "/")
        .listener(events::add)
        .timeout(Duration.ofSeconds(20));
  }

  @Test
  @DisplayName("places the files, writes the config, runs the install without downloads, fetches the kubeconfig; a re-run changes nothing")
  void provisionsIdempotently() throws Exception {
    String kubeconfig = install(sshd.knownHosts).build().run();

    assertThat(kubeconfig).contains("server: https://127.0.0.1:6443");
    Path config = root.resolve("etc/rancher/k3s/config.yaml");
    assertThat(Files.readString(config)).contains("token: test-token-0123456789").contains("- traefik")
        .contains("write-kubeconfig-mode: '0600'").doesNotContain("cluster-init");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
    assertThat(root.resolve("usr/local/bin/k3s")).hasSameBinaryContentAs(binary).isExecutable();
    assertThat(root.resolve("var/lib/rancher/k3s/agent/images/openim-images.tar")).hasSameBinaryContentAs(image);
    assertThat(Files.readAllLines(root.resolve("install.log"))).containsExactly(
        "server skip=true version=v1.36.2+k3s1 bin=" + root + "/usr/local/bin");
    List<String> commands = events.stream().filter(e -> e instanceof DeploymentEvent.RemoteCommand)
        .map(e -> ((DeploymentEvent.RemoteCommand) e).command()).toList();
    assertThat(commands.get(0)).startsWith("mkdir -p ");
    assertThat(commands).anyMatch(c -> c.contains("INSTALL_K3S_SKIP_DOWNLOAD=true") && c.endsWith("install.sh"));
    assertThat(commands).noneMatch(c -> c.contains("test-token"));

    events.clear();
    install(sshd.knownHosts).build().run();
    assertThat(Files.readAllLines(root.resolve("install.log"))).hasSize(1);
    assertThat(events).filteredOn(e -> e instanceof DeploymentEvent.RemoteCommand)
        .noneMatch(e -> ((DeploymentEvent.RemoteCommand) e).command().contains("install.sh"));
  }

  @Test
  @DisplayName("refuses a host whose key does not match the known hosts, before running anything")
  void hostKeyMismatch() throws Exception {
    ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
        () -> install(sshd.wrongKnownHosts()).build().run());
    assertThat(e.host()).isEqualTo("root@127.0.0.1:" + sshd.port);
    assertThat(e.getMessage()).contains("cannot open an SSH session").contains("known hosts");
    assertThat(events).isEmpty();
    assertThat(root.resolve("etc")).doesNotExist();
  }

  @Test
  @DisplayName("reports a failing remote command with its exit code and output")
  void failingCommand() {
    ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
        () -> install(sshd.knownHosts).flag("fail-please", true).build().run());
    assertThat(e.getMessage()).contains("install.sh' exited with 3")
        .contains("k3s refused the config: fail-please is not a flag");
  }
}
