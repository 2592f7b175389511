/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.openim.deploy.local.internal.OciArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ContainerImage")
class ContainerImageTest {
  @TempDir Path temp;

  private ContainerImage scratch(String content) throws IOException {
    Path program = Files.writeString(temp.resolve("program"), "#!/bin/sh\necho hi\n");
    return ContainerImage.builder("registry.example.test/team/app:1.2.3")
        .file(program, "/usr/bin/app", 0755)
        .text(content, "/etc/app/app.conf", 0640)
        .directory("/data", 0770, 1001, 0)
        .symlink("/app", "/usr/bin/app")
        .entrypoint("/usr/bin/app", "--serve")
        .cmd("default-arg")
        .user("1001")
        .workdir("/data")
        .env("APP_MODE", "test")
        .build();
  }

  @Nested
  @DisplayName("archive()")
  class Archive {
    @Test
    @DisplayName("writes an OCI layout: index naming the full reference, manifest, config and layer blobs that match their digests")
    void layout() throws Exception {
      ImageArchive archive = scratch("mode=test\n").archive(temp.resolve("cache"), line -> {});
      Map<String, byte[]> files = untar(Files.readAllBytes(archive.file()));

      assertThat(archive.reference()).isEqualTo("registry.example.test/team/app:1.2.3");
      assertThat(new String(files.get("oci-layout"), StandardCharsets.UTF_8)).contains("\"imageLayoutVersion\":\"1.0.0\"");
      JsonObject index = json(files.get("index.json"));
      JsonObject entry = index.getAsJsonArray("manifests").get(0).getAsJsonObject();
      assertThat(entry.get("digest").getAsString()).isEqualTo(archive.digest());
      assertThat(entry.getAsJsonObject("annotations").get("io.containerd.image.name").getAsString())
          .isEqualTo("registry.example.test/team/app:1.2.3");
      assertThat(entry.getAsJsonObject("annotations").get("org.opencontainers.image.ref.name").getAsString())
          .isEqualTo("1.2.3");
      assertThat(entry.getAsJsonObject("platform").get("os").getAsString()).isEqualTo("linux");

      byte[] manifestBytes = blob(files, archive.digest());
      JsonObject manifest = json(manifestBytes);
      byte[] configBytes = blob(files, manifest.getAsJsonObject("config").get("digest").getAsString());
      JsonObject layerDescriptor = manifest.getAsJsonArray("layers").get(0).getAsJsonObject();
      byte[] layer = blob(files, layerDescriptor.get("digest").getAsString());
      assertThat(layerDescriptor.get("size").getAsLong()).isEqualTo(layer.length);
      assertThat(layerDescriptor.get("mediaType").getAsString()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");

      JsonObject config = json(configBytes);
      assertThat(config.get("os").getAsString()).isEqualTo("linux");
      assertThat(config.get("architecture").getAsString()).isIn("amd64", "arm64");
      JsonObject c = config.getAsJsonObject("config");
      assertThat(c.get("Entrypoint").toString()).isEqualTo("[\"/usr/bin/app\",\"--serve\"]");
      assertThat(c.get("Cmd").toString()).isEqualTo("[\"default-arg\"]");
      assertThat(c.get("User").getAsString()).isEqualTo("1001");
      assertThat(c.get("WorkingDir").getAsString()).isEqualTo("/data");
      assertThat(c.get("Env").toString()).startsWith("[\"PATH=/usr/local/sbin:").endsWith(",\"APP_MODE=test\"]");
      byte[] tar = gunzip(layer);
      assertThat(config.getAsJsonObject("rootfs").get("diff_ids").getAsJsonArray().get(0).getAsString())
          .isEqualTo("sha256:" + sha256(tar));

      Map<String, TarArchiveEntry> entries = entries(tar);
      assertThat(entries.keySet()).containsExactly("app", "data/", "etc/", "etc/app/", "etc/app/app.conf", "usr/",
          "usr/bin/", "usr/bin/app");
      assertThat(entries.get("usr/bin/app").getMode() & 07777).isEqualTo(0755);
      assertThat(entries.get("etc/app/app.conf").getMode() & 07777).isEqualTo(0640);
      assertThat(entries.get("data/").getLongUserId()).isEqualTo(1001);
      assertThat(entries.get("app").getLinkName()).isEqualTo("/usr/bin/app");
    }

    @Test
    @DisplayName("is built once per recipe: the second call reads the cache, another content makes another key")
    void cached() throws Exception {
      List<String> progress = new ArrayList<>();
      ImageArchive first = scratch("a").archive(temp.resolve("cache"), progress::add);
      assertThat(progress).anyMatch(line -> line.startsWith("Built registry.example.test/team/app:1.2.3"));
      long written = Files.getLastModifiedTime(first.file()).toMillis();
      progress.clear();

      ImageArchive again = scratch("a").archive(temp.resolve("cache"), progress::add);
      assertThat(again).isEqualTo(first);
      assertThat(progress).isEmpty();
      assertThat(Files.getLastModifiedTime(again.file()).toMillis()).isEqualTo(written);

      assertThat(scratch("b").cacheKey()).isNotEqualTo(scratch("a").cacheKey());
      assertThat(first.file().getParent().getFileName().toString())
          .startsWith("registry.example.test_team_app_1.2.3-" + scratch("a").cacheKey().substring(0, 12));
    }
  }

  @Nested
  @DisplayName("builder")
  class Builder {
    @Test
    @DisplayName("wants a full reference with a tag")
    void reference() {
      assertThatThrownBy(() -> ContainerImage.builder("redis"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host/path:tag").hasMessageEndingWith("redis");
      assertThatThrownBy(() -> ContainerImage.builder("docker.io/library/redis"))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("rejects relative paths, bad modes and two entries at one path, naming them")
    void paths() {
      ContainerImage.Builder builder = ContainerImage.builder("docker.io/library/x:1");
      assertThatThrownBy(() -> builder.text("", "etc/x", 0644)).hasMessageEndingWith("but was etc/x");
      assertThatThrownBy(() -> builder.text("", "/etc/../x", 0644)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> builder.text("", "/etc/x", 010000)).hasMessageContaining("010000");
      assertThatThrownBy(() -> builder.account("redis", 0, 999)).hasMessageContaining("0:999");
      builder.text("a", "/etc/x", 0644).text("b", "/etc/x", 0644);
      assertThatThrownBy(builder::build).hasMessageContaining("two entries for /etc/x");
    }

    @Test
    @DisplayName("the plan's images carry the entrypoint, command, user and working folder of versions.yaml imageFacts")
    void facts() throws IOException {
      assertThat(config(TestImages.redisRecipe())).contains("\"Entrypoint\":[\"docker-entrypoint.sh\"]",
          "\"Cmd\":[\"redis-server\"]", "\"WorkingDir\":\"/data\"").doesNotContain("\"User\"");
      assertThat(config(TestImages.etcdRecipe())).contains(
          "\"User\":\"1001\"", "\"Entrypoint\":[\"/opt/bitnami/scripts/etcd/entrypoint.sh\"]",
          "\"Cmd\":[\"/opt/bitnami/scripts/etcd/run.sh\"]", "\"WorkingDir\":\"/opt/bitnami/etcd\"");
      assertThat(config(TestImages.minioRecipe())).contains(
          "\"Entrypoint\":[\"/usr/bin/docker-entrypoint.sh\"]", "\"Cmd\":[\"minio\"]").doesNotContain("\"User\"");
      assertThat(config(TestImages.mcRecipe())).contains("\"Entrypoint\":[\"mc\"]").doesNotContain("\"Cmd\"", "\"User\"");
      assertThat(config(TestImages.kafkaRecipe())).contains("\"User\":\"1001\"",
          "\"Entrypoint\":[\"/opt/bitnami/scripts/kafka/entrypoint.sh\"]",
          "\"Cmd\":[\"/opt/bitnami/scripts/kafka/run.sh\"]", "\"WorkingDir\":\"/\"");
      Path pause = Files.writeString(temp.resolve("pause"), "binary");
      assertThat(config(TestImages.pauseRecipe(pause))).contains("\"Entrypoint\":[\"/pause\"]", "\"User\":\"65535:65535\"");
    }
  }

  private static String config(ContainerImage image) {
    return new String(OciArchive.config(image.recipe(), "sha256:0"), StandardCharsets.UTF_8);
  }

  private static byte[] blob(Map<String, byte[]> files, String digest) {
    byte[] blob = files.get("blobs/sha256/" + digest.substring("sha256:".length()));
    assertThat(blob).as("blob " + digest).isNotNull();
    assertThat("sha256:" + sha256(blob)).isEqualTo(digest);
    return blob;
  }

  private static JsonObject json(byte[] bytes) {
    return JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
  }

  private static Map<String, byte[]> untar(byte[] tar) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (entry.isFile()) {
          files.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return files;
  }

  private static Map<String, TarArchiveEntry> entries(byte[] tar) throws IOException {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        entries.put(entry.getName(), entry);
      }
    }
    return entries;
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
