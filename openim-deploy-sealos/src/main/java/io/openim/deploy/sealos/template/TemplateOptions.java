/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How {@link SealosTemplate} writes OpenIM's App Store template: what the store shows, and which of
 * Sealos Cloud's own services replace the in-cluster MongoDB, Redis and MinIO.
 *
 * @param title the title the store shows
 * @param icon the icon's URL, also the App link's icon
 * @param readme the URL of the readme the store shows
 * @param categories the store's categories ({@code backend}, {@code tool}, …)
 * @param managedMongo a KubeBlocks MongoDB in place of the in-cluster one
 * @param managedRedis a KubeBlocks Redis in place of the in-cluster one
 * @param objectStorage a Sealos ObjectStorageBucket in place of the in-cluster MinIO
 * @param name the Template's {@code metadata.name}, a DNS label
 * @param description the store's description
 * @param url the project's home page
 * @param gitRepo the project's source repository
 * @param author the template's author
 * @param databaseStorageClass the StorageClass of the KubeBlocks databases' volumes
 * @since 0.3
 */
public record TemplateOptions(String title, URI icon, URI readme, List<String> categories, boolean managedMongo,
    boolean managedRedis, boolean objectStorage, String name, String description, URI url, URI gitRepo,
    String author, String databaseStorageClass) {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** Checks every part. */
  public TemplateOptions {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(icon, "icon");
    Objects.requireNonNull(readme, "readme");
    categories = List.copyOf(categories);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(gitRepo, "gitRepo");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(databaseStorageClass, "databaseStorageClass");
    List<String> problems = new ArrayList<>();
    if (title.isBlank()) {
      problems.add("title is blank: the store shows it");
    }
    if (!DNS_LABEL.matcher(name).matches()) {
      problems.add("name must be a DNS label (lower-case letters, digits, '-'), but was '" + name + "'");
    }
    if (categories.isEmpty()) {
      problems.add("categories is empty: the store lists a template under at least one");
    }
    if (databaseStorageClass.isBlank()) {
      problems.add("databaseStorageClass is blank");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("template options: " + String.join("; ", problems));
    }
  }

  /**
   * OpenIM's template with Sealos Cloud's services: KubeBlocks MongoDB and Redis, an
   * ObjectStorageBucket, databases on {@code openebs-backup} (the class templates usually give
   * them, docs/sealos.md).
   */
  public static TemplateOptions defaults() {
    return new TemplateOptions("OpenIM", URI.create("https://github.com/openimsdk.png"),
        URI.create("https://raw.githubusercontent.com/openimsdk/open-im-server/main/README.md"),
        List.of("backend"), true, true, true, "openim",
        "OpenIM Server and Chat: an open-source instant messaging server (users, friends, groups, messages,"
            + " push) with its chat and admin apps",
        URI.create("https://www.openim.io"), URI.create("https://github.com/openimsdk/open-im-server"),
        "openim-deploy", "openebs-backup");
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds options from {@link #defaults()}. Not thread-safe; the options it builds are immutable.
   *
   * @since 0.3
   */
  public static final class Builder {
    private String title;
    private URI icon;
    private URI readme;
    private List<String> categories;
    private boolean managedMongo;
    private boolean managedRedis;
    private boolean objectStorage;
    private String name;
    private String description;
    private URI url;
    private URI gitRepo;
    private String author;
    private String databaseStorageClass;

    private Builder(TemplateOptions from) {
      title = from.title;
      icon = from.icon;
      readme = from.readme;
      categories = from.categories;
      managedMongo = from.managedMongo;
      managedRedis = from.managedRedis;
      objectStorage = from.objectStorage;
      name = from.name;
      description = from.description;
      url = from.url;
      gitRepo = from.gitRepo;
      author = from.author;
      databaseStorageClass = from.databaseStorageClass;
    }

    /** The title. */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /** The icon's URL. */
    public Builder icon(URI icon) {
      this.icon = Objects.requireNonNull(icon, "icon");
      return this;
    }

    /** The readme's URL. */
    public Builder readme(URI readme) {
      this.readme = Objects.requireNonNull(readme, "readme");
      return this;
    }

    /** The categories. */
    public Builder categories(List<String> categories) {
      this.categories = List.copyOf(categories);
      return this;
    }

    /** Whether a KubeBlocks MongoDB replaces the in-cluster one. */
    public Builder managedMongo(boolean managedMongo) {
      this.managedMongo = managedMongo;
      return this;
    }

    /** Whether a KubeBlocks Redis replaces the in-cluster one. */
    public Builder managedRedis(boolean managedRedis) {
      this.managedRedis = managedRedis;
      return this;
    }

    /** Whether an ObjectStorageBucket replaces the in-cluster MinIO. */
    public Builder objectStorage(boolean objectStorage) {
      this.objectStorage = objectStorage;
      return this;
    }

    /** The Template's name. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The description. */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** The project's home page. */
    public Builder url(URI url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The source repository. */
    public Builder gitRepo(URI gitRepo) {
      this.gitRepo = Objects.requireNonNull(gitRepo, "gitRepo");
      return this;
    }

    /** The author. */
    public Builder author(String author) {
      this.author = Objects.requireNonNull(author, "author");
      return this;
    }

    /** The StorageClass of the KubeBlocks databases' volumes. */
    public Builder databaseStorageClass(String databaseStorageClass) {
      this.databaseStorageClass = Objects.requireNonNull(databaseStorageClass, "databaseStorageClass");
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException listing every part that is wrong
     */
    public TemplateOptions build() {
      return new TemplateOptions(title, icon, readme, categories, managedMongo, managedRedis, objectStorage, name,
          description, url, gitRepo, author, databaseStorageClass);
    }
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return defaults().toBuilder();
  }
}
