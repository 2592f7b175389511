/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.Violation;
import io.openim.deploy.core.SpecFuzzer;
import io.openim.deploy.core.SpecYamlFuzzer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random specs, valid and invalid, through the builder and the spec file reader, then rendered:
 * each either gives a spec and a plan, or the project's own error listing its problems, never
 * another exception. Seeded: {@code -Dfuzz.seed=<n>} replays a run, and every failure names the
 * seed of its case and the calls that made it.
 */
@DisplayName("Spec fuzzing: random specs give a plan or a clear error, never another exception")
class SpecFuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 20_261_201L);
  private static final int BUILDER_CASES = Integer.getInteger("fuzz.cases", 400);
  private static final int FILE_CASES = Integer.getInteger("fuzz.cases", 300);

  @TempDir Path base;

  @Test
  @DisplayName("random builder calls: a spec, or an InvalidSpecException listing every problem")
  void builder() {
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < BUILDER_CASES; i++) {
      long seed = SEED + i;
      SpecFuzzer.Attempt attempt;
      try {
        attempt = new SpecFuzzer(seed).attempt(8);
      } catch (RuntimeException e) {
        throw new AssertionError("fuzz case with seed " + seed + " threw from a setter: " + e, e);
      }
      String where = "fuzz case with seed " + seed + " (-Dfuzz.seed=" + seed + "), calls " + attempt.calls();
      for (RuntimeException e : attempt.setterErrors()) {
        assertThat(e.getMessage()).as(where + ": the refused argument is named, but was " + e + " at "
            + Arrays.stream(e.getStackTrace()).limit(8).toList()).isNotBlank();
        outcomes.merge("setter calls refused at once (a null or empty argument)", 1, Integer::sum);
      }
      if (attempt.buildError() != null) {
        clear(where, attempt.buildError());
        outcomes.merge("invalid (InvalidSpecException from build)", 1, Integer::sum);
        continue;
      }
      outcomes.merge(render(where, attempt.spec()) ? "valid, rendered" : "invalid at render (InvalidSpecException)",
          1, Integer::sum);
    }
    System.out.printf("spec fuzzing, builder: %d cases from seed %d: %s%n", BUILDER_CASES, SEED, outcomes);
    assertThat(outcomes).as("the fuzzer makes valid and invalid specs alike").containsKeys("valid, rendered",
        "invalid (InvalidSpecException from build)");
  }

  @Test
  @DisplayName("random spec files: a spec, or an InvalidSpecException naming every unknown key and bad value")
  void specFile() {
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, String> environment = Map.of("FUZZ_SET", "a-value-from-the-environment");
    for (int i = 0; i < FILE_CASES; i++) {
      long seed = SEED + i;
      SpecYamlFuzzer.File file = new SpecYamlFuzzer(seed).file();
      String where = "spec file fuzz case with seed " + seed + " (-Dfuzz.seed=" + seed + "):\n"
          + (file.text().length() > 2000 ? file.text().substring(0, 2000) + "..." : file.text());
      DeploymentSpec spec;
      try {
        spec = SpecFile.parse(file.text(), environment::get, base);
      } catch (InvalidSpecException e) {
        clear(where, e);
        List<String> paths = e.violations().stream().map(Violation::path).toList();
        assertThat(paths).as(where + "\nevery unknown key is reported").containsAll(file.unknownKeys());
        outcomes.merge("invalid (InvalidSpecException)", 1, Integer::sum);
        continue;
      } catch (RuntimeException e) {
        throw new AssertionError(where + "\nthrew " + e, e);
      }
      assertThat(file.unknownKeys()).as(where + "\nunknown keys are never accepted").isEmpty();
      outcomes.merge(render(where, spec) ? "valid, rendered" : "invalid at render (InvalidSpecException)", 1,
          Integer::sum);
    }
    System.out.printf("spec fuzzing, spec files: %d cases from seed %d: %s%n", FILE_CASES, SEED, outcomes);
    assertThat(outcomes).containsKeys("valid, rendered", "invalid (InvalidSpecException)");
  }

  /** Renders a spec that built: true for a plan, false for an InvalidSpecException; fails on anything else. */
  private static boolean render(String where, DeploymentSpec spec) {
    try {
      DeploymentPlan plan = Topology.create().render(spec);
      assertThat(plan.manifests()).as(where).isNotEmpty();
      PlanYaml.render(plan);
      return true;
    } catch (InvalidSpecException e) {
      clear(where, e);
      return false;
    } catch (RuntimeException e) {
      fail(where + "\nrendering a spec that built threw " + e, e);
      return false;
    }
  }

  /** The project's error for a spec: every problem with its path and what is wrong, all in the message. */
  private static void clear(String where, RuntimeException e) {
    assertThat(e).as(where).isInstanceOf(InvalidSpecException.class);
    InvalidSpecException invalid = (InvalidSpecException) e;
    assertThat(invalid.violations()).as(where).isNotEmpty().allSatisfy(v -> {
      assertThat(v.path()).as(where).isNotBlank();
      assertThat(v.message()).as(where).isNotBlank();
      assertThat(e.getMessage()).as(where + ": the message lists every problem").contains(v.path());
    });
  }
}
