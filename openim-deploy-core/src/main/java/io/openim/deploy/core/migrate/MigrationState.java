/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a migration has done so far, kept beside its spec so a second run goes on where the first
 * stopped instead of copying and restoring again: one {@code done <step>} line per verified step,
 * and {@code backup <id>} for the copy a later restore must use.
 */
record MigrationState(Set<String> done, String backup) {
  static final String FILE = "migration-state";

  MigrationState {
    done = Set.copyOf(done);
  }

  static MigrationState of(java.util.List<String> done, String backup) {
    return new MigrationState(new LinkedHashSet<>(done), backup);
  }

  static MigrationState read(Path directory) {
    Path file = directory.resolve(FILE);
    Set<String> done = new LinkedHashSet<>();
    String backup = "";
    if (!Files.exists(file)) {
      return new MigrationState(done, backup);
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith("done ")) {
          done.add(line.substring(5).strip());
        } else if (line.startsWith("backup ")) {
          backup = line.substring(7).strip();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new MigrationState(done, backup);
  }

  MigrationState with(String step, String backupId) {
    Set<String> more = new LinkedHashSet<>(done);
    more.add(step);
    return new MigrationState(more, backupId);
  }

  /** Writes the file whole, then moves it into place, so a crash never leaves half of it. */
  void write(Path directory) {
    StringBuilder text = new StringBuilder("# written by openim-deploy migrate; delete it to start over\n");
    done.stream().sorted().forEach(step -> text.append("done ").append(step).append('\n'));
    if (!backup.isEmpty()) {
      text.append("backup ").append(backup).append('\n');
    }
    Path file = directory.resolve(FILE);
    Path partial = directory.resolve(FILE + ".partial");
    try {
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the migration's progress in " + file, e);
    }
  }
}
