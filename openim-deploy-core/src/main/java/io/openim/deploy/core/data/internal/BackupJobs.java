/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.data.internal;

import io.openim.deploy.core.render.internal.BackupScripts;
import io.openim.deploy.core.render.internal.Credentials;
import io.openim.deploy.core.render.internal.PodParts;
import io.openim.deploy.core.render.internal.RenderContext;
import io.openim.deploy.core.render.internal.Tree;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.BackupTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Jobs that back up and restore a release's data: MongoDB's {@code openim_v3} database
 * (mongodump's gzipped archive) and MinIO's {@code openim} bucket (mirrored with the MinIO
 * client), with a {@link io.openim.deploy.core.data.BackupManifest} checked before a backup gets its
 * final name and before a restore touches anything. Redis and Kafka are not backed up: Redis holds
 * caches and tokens, Kafka messages in flight (OpenIM's own recovery guide restores MongoDB only).
 *
 * <p>Each step is an init container, so the first failing step fails the pod and none after it
 * runs; the Jobs never retry (a half-made backup is never mistaken for a finished one).
 */
public final class BackupJobs {
  /**
   * The MinIO client, release 2024-01-31 (tag RELEASE.2024-01-31T08-59-40Z of minio/mc, whose
   * Dockerfile.release builds this image with ENTRYPOINT ["mc"]), weeks after the MinIO server
   * OpenIM's compose setup pins. The server image ships an {@code mc} too (minio/minio at
   * RELEASE.2024-01-11T07-46-16Z, Dockerfile.release copies /usr/bin/mc), but the Jobs also reach
   * external MinIO and S3 endpoints, so they use one client release whatever the server image.
   */
  public static final String MC_IMAGE = "docker.io/minio/mc:RELEASE.2024-01-31T08-59-40Z";

  /** OpenIM's database (config/mongodb.yml) and bucket (config/minio.yml). */
  static final String DATABASE = "openim_v3";
  static final String BUCKET = "openim";

  /**
   * Before the manifest is written: every object the bucket listed was copied (the mirror step
   * writes the listing to the scratch volume; its image has no find to count with).
   */
  static final String COUNT_OBJECTS = """
      listed=$(wc -l < "$SCRATCH/minio-objects")
      copied=$(find "$2/minio/openim" -type f | wc -l)
      # more is fine: OpenIM may have stored objects between the listing and the copy
      if [ "$((copied))" -lt "$((listed))" ]; then
        echo "MinIO listed $((listed)) objects in bucket openim but only $((copied)) were copied"; exit 1
      fi
      """;

  /** The password in a tools config file rather than on the command line, where ps shows it. */
  static final String MONGO_CONFIG = """
      umask 077
      printf "password: '%s'\\n" "$(printf '%s' "$MONGO_PASSWORD" | sed "s/'/''/g")" > "$SCRATCH/mongo.yaml"
      """;

  private static final String MOUNT = "/backup";
  private static final String SCRATCH = "/scratch";
  private static final long KEEP_FINISHED_JOBS_SECONDS = 7 * 24 * 3600;

  private final RenderContext ctx;
  private final @Nullable Duration deadline;

  public BackupJobs(RenderContext ctx) {
    this(ctx, null);
  }

  /**
   * Jobs that the cluster stops after {@code deadline}, so that a Job never outlives the wait
   * for it (a restore still running after openim-deploy gave up would race what the user does next).
   */
  public BackupJobs(RenderContext ctx, @Nullable Duration deadline) {
    this.ctx = ctx;
    this.deadline = deadline;
  }

  /**
   * Where data is read from or written back to: environment variables MONGO_HOST, MONGO_USER,
   * MONGO_PASSWORD, MONGO_AUTH_SOURCE, MINIO_URL, MINIO_ACCESS_KEY and MINIO_SECRET_KEY.
   *
   * @param description how it reads in messages
   */
  public record Endpoints(String description, List<Map<String, Object>> env) {
    public Endpoints {
      env = List.copyOf(env);
    }
  }

  /** The release's own MongoDB and MinIO, in the cluster or external. */
  public Endpoints release() {
    String secret = ctx.names().credentials();
    List<Map<String, Object>> env = new ArrayList<>();
    Dependency.External mongo = ctx.external(DependencyKind.MONGODB);
    env.add(plain("MONGO_HOST", ctx.address(DependencyKind.MONGODB)));
    env.add(plain("MONGO_USER", mongo != null && mongo.username() != null ? mongo.username() : "openIM"));
    env.add(PodParts.secretEnv("MONGO_PASSWORD", secret, mongo == null
        ? SecretKey.MONGODB_PASSWORD.secretKey() : Credentials.externalPasswordKey(DependencyKind.MONGODB)));
    Dependency.External minio = ctx.external(DependencyKind.MINIO);
    env.add(plain("MONGO_AUTH_SOURCE", ctx.mongoAuthSource()));
    // the scheme OpenIM uses, so mc talks TLS to an https:// MinIO as OpenIM does
    env.add(plain("MINIO_URL", ctx.minioEndpoint()));
    if (minio == null) {
      env.add(PodParts.secretEnv("MINIO_ACCESS_KEY", secret, SecretKey.MINIO_ACCESS_KEY.secretKey()));
      env.add(PodParts.secretEnv("MINIO_SECRET_KEY", secret, SecretKey.MINIO_SECRET_KEY.secretKey()));
    } else {
      env.add(plain("MINIO_ACCESS_KEY", minio.username() == null ? "" : minio.username()));
      env.add(PodParts.secretEnv("MINIO_SECRET_KEY", secret, Credentials.externalPasswordKey(DependencyKind.MINIO)));
    }
    return new Endpoints("release " + ctx.spec().namespace() + "/" + ctx.spec().release(), env);
  }

  /**
   * MongoDB and MinIO outside the release, such as a docker-compose host's, for backup {@code id},
   * with their passwords in the Secret {@link #sourceSecret} renders for it.
   */
  public Endpoints external(String id, String description, String mongoHost, String mongoUser, String minioUrl) {
    String secret = sourceSecretName(id);
    return new Endpoints(description, List.of(plain("MONGO_HOST", mongoHost), plain("MONGO_USER", mongoUser),
        PodParts.secretEnv("MONGO_PASSWORD", secret, "mongodb-password"),
        plain("MONGO_AUTH_SOURCE", DATABASE), plain("MINIO_URL", minioUrl),
        PodParts.secretEnv("MINIO_ACCESS_KEY", secret, "minio-access-key"),
        PodParts.secretEnv("MINIO_SECRET_KEY", secret, "minio-secret-key")));
  }

  /** The Secret with the credentials of {@link #external} endpoints for backup {@code id}. */
  public Manifest sourceSecret(String id, Secret mongoPassword, Secret minioAccessKey, Secret minioSecretKey) {
    String name = sourceSecretName(id);
    return new Manifest(Phase.CONFIGURATION, "v1", "Secret", ctx.spec().namespace(), name,
        Tree.object("v1", "Secret", ctx.names().metadata(name, ctx.names().labels()), "type", "Opaque",
            "stringData", Tree.map("mongodb-password", mongoPassword, "minio-access-key", minioAccessKey,
                "minio-secret-key", minioSecretKey)));
  }

  /** The Secret holding a bucket target's keys for the Job {@code job}; empty for a volume. */
  public Optional<Manifest> targetSecret(String job, BackupTarget target) {
    if (!(target instanceof BackupTarget.Bucket bucket)) {
      return Optional.empty();
    }
    String name = targetSecretName(job);
    return Optional.of(new Manifest(Phase.CONFIGURATION, "v1", "Secret", ctx.spec().namespace(), name,
        Tree.object("v1", "Secret", ctx.names().metadata(name, ctx.names().labels()), "type", "Opaque",
            "stringData", Tree.map("access-key", bucket.accessKey(), "secret-key", bucket.secretKey()))));
  }

  /**
   * With NetworkPolicies on, the egress {@code job}'s pods need beyond the plan's own policies; see
   * {@link JobEgress}. Applied and deleted with the Job.
   */
  public Optional<Manifest> egressPolicy(Manifest job, BackupTarget target, Endpoints from) {
    return JobEgress.policy(ctx, job, target, from.equals(release()) ? List.of() : from.env());
  }

  /** A claim to create for a volume target with a size. */
  public Optional<Manifest> targetClaim(BackupTarget target) {
    if (!(target instanceof BackupTarget.Volume volume) || volume.size() == null) {
      return Optional.empty();
    }
    Map<String, Object> spec = Tree.map("accessModes", Tree.list("ReadWriteOnce"),
        "resources", Tree.map("requests", Tree.map("storage", volume.size())));
    if (ctx.spec().storageClass() != null) {
      spec.put("storageClassName", ctx.spec().storageClass());
    }
    return Optional.of(new Manifest(Phase.DEPENDENCIES, "v1", "PersistentVolumeClaim", ctx.spec().namespace(),
        volume.claim(), Tree.object("v1", "PersistentVolumeClaim",
            ctx.names().metadata(volume.claim(), ctx.names().labels()), "spec", spec)));
  }

  /** The Job that backs up {@code from} into {@code target} as backup {@code id}. */
  public Manifest backup(String id, BackupTarget target, Endpoints from) {
    String dir = MOUNT + "/" + id;
    String staged = dir + ".partial";
    List<Object> steps = new ArrayList<>();
    steps.add(container("dump-mongodb", mongoImage(), from.env(), dir, """
        set -eu
        if [ -e "$DIR" ]; then echo "$DIR exists: there is a backup with this id already"; exit 1; fi
        rm -rf "$DIR.partial"
        mkdir -p "$DIR.partial/mongodb" "$DIR.partial/minio/openim"
        """ + MONGO_CONFIG + """
        mongodump --config "$SCRATCH/mongo.yaml" --host "$MONGO_HOST" --username "$MONGO_USER" \\
          --authenticationDatabase "$MONGO_AUTH_SOURCE" --db openim_v3 --gzip \\
          --archive="$DIR.partial/mongodb/openim_v3.archive.gz"
        """));
    steps.add(container("mirror-minio", ctx.image(MC_IMAGE), from.env(), dir, """
        set -eu
        mc alias set src "$MINIO_URL" "$MINIO_ACCESS_KEY" "$MINIO_SECRET_KEY" > /dev/null
        buckets=$(mc ls src)
        # a shell pattern finds the bucket: the client image (ubi-micro) ships no text-search tool
        case "$buckets" in
        *" openim/"*)
          mc ls --recursive src/openim > "$SCRATCH/minio-objects"
          mc mirror --quiet src/openim "$DIR.partial/minio/openim"
          ;;
        *)
          echo "MinIO has no bucket openim yet: no objects to copy"
          : > "$SCRATCH/minio-objects"
          ;;
        esac
        """));
    steps.add(manifestStep("write-manifest", COUNT_OBJECTS, List.of("write", staged, id,
        ctx.spec().namespace() + "/" + ctx.spec().release(), ctx.spec().version())));
    if (target instanceof BackupTarget.Bucket bucket) {
      steps.add(manifestStep("verify-staged", List.of("verify", staged, dir)));
      steps.add(container("upload", ctx.image(MC_IMAGE), targetEnv(jobName("backup", id), bucket), dir, """
          set -eu
          mc alias set dst "$TARGET_URL" "$TARGET_ACCESS_KEY" "$TARGET_SECRET_KEY" > /dev/null
          dest="dst/$TARGET_BUCKET/$TARGET_PREFIX$ID"
          if mc stat "$dest/MANIFEST" > /dev/null 2>&1; then echo "$dest holds a backup already"; exit 1; fi
          mc mirror --quiet --exclude MANIFEST "$DIR" "$dest"
          mc cp --quiet "$DIR/MANIFEST" "$dest/MANIFEST"
          mkdir -p "$SCRATCH/check"
          mc mirror --quiet "$dest" "$SCRATCH/check/$ID"
          """));
      return job("backup", id, id, target, steps, manifestStep("verify", List.of("verify", SCRATCH + "/check/" + id)));
    }
    return job("backup", id, id, target, steps, manifestStep("verify", List.of("verify", staged, dir)));
  }

  /** The Job that only reads backup {@code id} from {@code target} and verifies it; changes nothing. */
  @SuppressWarnings("unchecked")
  public Manifest check(String id, String run, BackupTarget target) {
    List<Object> steps = readSteps(id, jobName("check", run), target);
    Map<String, Object> verify = (Map<String, Object>) steps.remove(steps.size() - 1);
    return job("check", run, id, target, steps, verify);
  }

  /**
   * The Job that restores backup {@code id} from {@code target} into the release: verify the
   * manifest, copy the objects back, empty the release's Redis (its caches would not match the
   * restored database), and restore the database, dropping each collection before restoring it.
   */
  public Manifest restore(String id, String run, BackupTarget target) {
    String dir = MOUNT + "/" + id;
    Endpoints into = release();
    List<Object> steps = readSteps(id, jobName("restore", run), target);
    steps.add(container("restore-minio", ctx.image(MC_IMAGE), into.env(), dir, """
        set -eu
        mc alias set im "$MINIO_URL" "$MINIO_ACCESS_KEY" "$MINIO_SECRET_KEY" > /dev/null
        mc mb --ignore-existing im/openim
        if [ -d "$DIR/minio/openim" ]; then mc mirror --quiet --overwrite "$DIR/minio/openim" im/openim; fi
        """));
    if (ctx.inCluster(DependencyKind.REDIS)) {
      Dependency.InCluster redis = (Dependency.InCluster) ctx.spec().dependency(DependencyKind.REDIS);
      steps.add(container("empty-redis", ctx.dependencyImage(DependencyKind.REDIS, redis),
          List.of(plain("REDIS_HOST", ctx.names().of(DependencyKind.REDIS)),
              PodParts.secretEnv("REDISCLI_AUTH", ctx.names().credentials(), SecretKey.REDIS_PASSWORD.secretKey())),
          // -e: exit non-zero on an error reply (NOAUTH, NOPERM), which redis-cli otherwise prints and ignores
          dir, "set -eu\nredis-cli -e -h \"$REDIS_HOST\" -p 6379 FLUSHALL\n"));
    }
    Map<String, Object> last = container("restore-mongodb", mongoImage(), into.env(), dir, """
        set -eu
        """ + MONGO_CONFIG + """
        mongorestore --config "$SCRATCH/mongo.yaml" --host "$MONGO_HOST" --username "$MONGO_USER" \\
          --authenticationDatabase "$MONGO_AUTH_SOURCE" --nsInclude 'openim_v3.*' --drop --gzip \\
          --archive="$DIR/mongodb/openim_v3.archive.gz"
        echo "restored backup $ID" | tee /dev/termination-log
        """);
    return job("restore", run, id, target, steps, last);
  }

  /** Fetch (from a bucket) and verify backup {@code id} in Job {@code job}; the last step verifies. */
  private List<Object> readSteps(String id, String job, BackupTarget target) {
    String dir = MOUNT + "/" + id;
    List<Object> steps = new ArrayList<>();
    if (target instanceof BackupTarget.Bucket bucket) {
      steps.add(container("fetch", ctx.image(MC_IMAGE), targetEnv(job, bucket), dir, """
          set -eu
          mc alias set dst "$TARGET_URL" "$TARGET_ACCESS_KEY" "$TARGET_SECRET_KEY" > /dev/null
          mc mirror --quiet "dst/$TARGET_BUCKET/$TARGET_PREFIX$ID" "$DIR"
          """));
    }
    steps.add(manifestStep("verify", List.of("verify", dir)));
    return steps;
  }

  private String mongoImage() {
    return ctx.image(ctx.line().image(DependencyKind.MONGODB));
  }

  private Map<String, Object> manifestStep(String name, List<String> args) {
    return manifestStep(name, "", args);
  }

  /** The manifest script, after {@code preamble} (which sees the script's arguments too). */
  private Map<String, Object> manifestStep(String name, String preamble, List<String> args) {
    List<Object> command = new ArrayList<>(List.of("sh", "-c", preamble + BackupScripts.manifest(), "manifest"));
    command.addAll(args);
    return Tree.map("name", name, "image", mongoImage(), "command", command,
        "env", Tree.list(plain("SCRATCH", SCRATCH)), "volumeMounts", mounts(), "resources", requests(),
        "securityContext", PodParts.containerSecurity());
  }

  private Map<String, Object> container(
      String name, String image, List<Map<String, Object>> endpoints, String dir, String script) {
    List<Object> env = new ArrayList<>();
    env.add(plain("DIR", dir));
    env.add(plain("ID", dir.substring(MOUNT.length() + 1)));
    env.add(plain("SCRATCH", SCRATCH));
    env.add(plain("MC_CONFIG_DIR", SCRATCH + "/mc"));
    env.add(plain("HOME", SCRATCH));
    env.addAll(endpoints);
    return Tree.map("name", name, "image", image, "command", Tree.list("sh", "-c", script),
        "env", env, "volumeMounts", mounts(), "resources", requests(), "securityContext", PodParts.containerSecurity());
  }

  private Manifest job(String purpose, String run, String id, BackupTarget target, List<Object> steps,
      Map<String, Object> last) {
    String name = jobName(purpose, run);
    Map<String, Object> labels = ctx.names().labels();
    labels.put("app.kubernetes.io/component", purpose);
    labels.put("openim-deploy.io/backup-id", id);
    Map<String, Object> volume = target instanceof BackupTarget.Volume v
        ? Tree.map("name", "backup", "persistentVolumeClaim", Tree.map("claimName", v.claim()))
        : PodParts.emptyDir("backup");
    return new Manifest(Phase.INITIALIZATION, "batch/v1", "Job", ctx.spec().namespace(), name,
        Tree.object("batch/v1", "Job", ctx.names().metadata(name, labels), "spec", Tree.map(
            "backoffLimit", 0,
            "activeDeadlineSeconds", deadline == null ? null : deadline.toSeconds(),
            "ttlSecondsAfterFinished", KEEP_FINISHED_JOBS_SECONDS,
            "template", Tree.map(
                "metadata", Tree.map("labels", labels),
                // every step as MongoDB's user, so each can write what the one before made; the
                // MinIO client and Redis images run as that user too (versions.yaml imageFacts)
                "spec", PodParts.jobPod(ctx, "Never", PodParts.facts(ctx.line().image(DependencyKind.MONGODB)),
                    "initContainers", steps,
                    "containers", Tree.list(last),
                    "volumes", Tree.list(volume, PodParts.emptyDir("scratch")))))));
  }

  /** The bucket's address and, from the Job's own Secret, its keys: only for the steps that talk to it. */
  private static List<Map<String, Object>> targetEnv(String job, BackupTarget.Bucket bucket) {
    String secret = targetSecretName(job);
    return List.of(plain("TARGET_URL", bucket.endpoint()), plain("TARGET_BUCKET", bucket.bucket()),
        plain("TARGET_PREFIX", bucket.prefix()),
        PodParts.secretEnv("TARGET_ACCESS_KEY", secret, "access-key"),
        PodParts.secretEnv("TARGET_SECRET_KEY", secret, "secret-key"));
  }

  private static String targetSecretName(String job) {
    return job + "-target";
  }

  private String sourceSecretName(String id) {
    return jobName("backup", id) + "-source";
  }

  /** The name of the Job for {@code purpose} (backup, check, restore) and {@code id}. */
  public String jobName(String purpose, String id) {
    return ctx.spec().release() + "-" + purpose + "-" + id;
  }

  private static List<Object> mounts() {
    return Tree.list(Tree.map("name", "backup", "mountPath", MOUNT), Tree.map("name", "scratch", "mountPath", SCRATCH));
  }

  private static Map<String, Object> requests() {
    return Tree.map("requests", Tree.map("cpu", "100m", "memory", "128Mi"));
  }

  private static Map<String, Object> plain(String name, String value) {
    return Tree.map("name", name, "value", value);
  }
}
