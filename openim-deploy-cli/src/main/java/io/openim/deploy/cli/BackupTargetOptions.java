/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.Secret;
import io.openim.deploy.BackupTarget;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where backups are: a volume (the default, {@code openim-backups}) or an S3 bucket. */
final class BackupTargetOptions {
  static final String ACCESS_KEY_ENV = "OPENIM_BACKUP_S3_ACCESS_KEY";
  static final String SECRET_KEY_ENV = "OPENIM_BACKUP_S3_SECRET_KEY";

  @Option(names = "--volume", paramLabel = "CLAIM", defaultValue = "openim-backups",
      description = "The PersistentVolumeClaim in the release's namespace. Default: ${DEFAULT-VALUE}.")
  String volume;

  @Option(names = "--size", paramLabel = "QUANTITY",
      description = "Create the claim with this size (such as 20Gi) if it does not exist.")
  @Nullable String size;

  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "Use a bucket of an S3-compatible store instead of a volume; the keys come from $"
          + ACCESS_KEY_ENV + " and $" + SECRET_KEY_ENV + ".")
  @Nullable String s3Endpoint;

  @Option(names = "--s3-bucket", paramLabel = "BUCKET", description = "The bucket, with --s3-endpoint.")
  @Nullable String s3Bucket;

  @Option(names = "--s3-prefix", paramLabel = "PREFIX", defaultValue = "",
      description = "The key prefix for backup folders, with --s3-endpoint.")
  String s3Prefix;

  @Option(names = "--timeout", paramLabel = "MINUTES", defaultValue = "60",
      description = "How long each Job may run before it is stopped (large data needs more). Default: ${DEFAULT-VALUE}.")
  int timeoutMinutes;

  /** How long each Job may run. */
  java.time.Duration timeout() {
    if (timeoutMinutes < 1) {
      throw new IllegalArgumentException("--timeout must be at least 1 minute, but was " + timeoutMinutes);
    }
    return java.time.Duration.ofMinutes(timeoutMinutes);
  }

  /** The options that name this target again, for a command to print; never the keys. */
  String asOptions() {
    if (s3Endpoint == null) {
      return " --volume " + volume;
    }
    return " --s3-endpoint " + s3Endpoint + " --s3-bucket " + s3Bucket + (s3Prefix.isEmpty() ? "" : " --s3-prefix " + s3Prefix);
  }

  /** The target; every problem with the options in one message. */
  BackupTarget target(Function<String, String> environment) {
    return target(environment, null);
  }

  /**
   * The target, a missing volume being created with {@code --size}, else with {@code defaultSize}
   * when that is not null; every problem with the options in one message.
   */
  BackupTarget target(Function<String, String> environment, @Nullable String defaultSize) {
    if (s3Endpoint == null) {
      if (s3Bucket != null) {
        throw new IllegalArgumentException("--s3-bucket needs --s3-endpoint");
      }
      String created = size != null ? size : defaultSize;
      return created == null ? BackupTarget.volume(volume) : BackupTarget.volume(volume, created);
    }
    StringBuilder problems = new StringBuilder();
    String bucket = s3Bucket;
    if (bucket == null) {
      problems.append("--s3-endpoint needs --s3-bucket; ");
    }
    String accessKey = key(environment, ACCESS_KEY_ENV, problems);
    String secretKey = key(environment, SECRET_KEY_ENV, problems);
    if (bucket == null || accessKey == null || secretKey == null) {
      throw new IllegalArgumentException(problems.substring(0, problems.length() - 2));
    }
    return BackupTarget.bucket(s3Endpoint, bucket, s3Prefix, Secret.of(accessKey), Secret.of(secretKey));
  }

  /** The bucket key in {@code name}, or null with the problem added. */
  private static @Nullable String key(Function<String, String> environment, String name, StringBuilder problems) {
    String value = environment.apply(name);
    if (value == null || value.isEmpty()) {
      problems.append("set $").append(name).append(" for the bucket; ");
      return null;
    }
    return value;
  }
}
