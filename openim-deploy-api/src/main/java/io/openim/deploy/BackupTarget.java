/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where backups go and where restores read them from: a PersistentVolumeClaim in the release's
 * namespace, or a bucket of any S3-compatible store. A backup is a folder named by its id: {@code
 * mongodb/openim_v3.archive.gz}, {@code minio/openim/...} (the bucket's objects) and the manifest
 * ({@code MANIFEST}, the files' sizes and SHA-256 sums).
 *
 * @since 0.2
 */
public sealed interface BackupTarget {
  /** How the target reads in messages, without credentials. */
  String describe();

  /** An existing claim. */
  static Volume volume(String claim) {
    return new Volume(claim, null);
  }

  /** A claim, created with {@code size} (such as {@code 20Gi}) if it does not exist. */
  static Volume volume(String claim, String size) {
    return new Volume(claim, Objects.requireNonNull(size, "size"));
  }

  /** A bucket at an S3 endpoint such as {@code https://s3.example.com}; backups go under {@code prefix}. */
  static Bucket bucket(String endpoint, String bucket, String prefix, Secret accessKey, Secret secretKey) {
    return new Bucket(endpoint, bucket, prefix, accessKey, secretKey);
  }

  /**
   * A PersistentVolumeClaim in the release's namespace; backups are folders at its root.
   *
   * @param claim the claim's name
   * @param size the size to create it with when it is missing, or null to require it
   * @since 0.2
   */
  record Volume(String claim, @Nullable String size) implements BackupTarget {
    /** Checks the name and size. */
    public Volume {
      List<String> problems = new ArrayList<>();
      if (claim == null || !claim.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
        problems.add("claim '" + claim + "' is not a valid name (lower-case letters, digits and '-', at most 63)");
      }
      if (size != null && !size.matches("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?")) {
        problems.add("size '" + size + "' is not a Kubernetes quantity such as 20Gi");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("backup volume: " + String.join("; ", problems));
      }
    }

    @Override
    public String describe() {
      return "volume " + claim;
    }
  }

  /**
   * A bucket of an S3-compatible store.
   *
   * @param endpoint the endpoint URL, {@code http://} or {@code https://}
   * @param bucket the bucket, which must exist
   * @param prefix the key prefix under which backup folders go; empty or ending with {@code /}
   * @param accessKey the access key id
   * @param secretKey the secret access key
   * @since 0.2
   */
  record Bucket(String endpoint, String bucket, String prefix, Secret accessKey, Secret secretKey)
      implements BackupTarget {
    /** Checks the parts and puts a {@code /} at the end of a non-empty prefix. */
    public Bucket {
      List<String> problems = new ArrayList<>();
      if (endpoint == null || !endpoint.matches("https?://[^/\\s]+/?")) {
        problems.add("endpoint '" + endpoint + "' is not an http:// or https:// URL without a path");
      }
      if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        problems.add("bucket '" + bucket + "' is not a valid bucket name");
      }
      prefix = prefix == null ? "" : prefix;
      if (prefix.startsWith("/") || prefix.contains("..") || prefix.contains(" ")) {
        problems.add("prefix '" + prefix + "' must not start with '/' or hold '..' or spaces");
      }
      if (accessKey == null || secretKey == null) {
        problems.add("the access key and the secret key are required");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("backup bucket: " + String.join("; ", problems));
      }
      prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    @Override
    public String describe() {
      return "bucket " + bucket + "/" + prefix + " at " + endpoint;
    }
  }
}
