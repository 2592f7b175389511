/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.Manifest;
import io.openim.deploy.core.render.DeployerRole;
import io.openim.deploy.core.render.PlanYaml;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openim-deploy rbac}: prints the deployer's role for a namespace, for a cluster admin to apply. */
@Command(name = "rbac", mixinStandardHelpOptions = true,
    description = {"Prints, as YAML for a cluster admin to apply ('| kubectl apply -f -'), the least rights an"
        + " identity needs to run up, diff, status, history, rollback, down, backup and restore of releases in"
        + " one namespace: the Namespace, a Role and RoleBinding in it, and a ClusterRole and ClusterRoleBinding"
        + " that only read that namespace (get, by name) and list the nodes (for the image check).",
        "The namespace is made by the admin: the role never creates, labels or deletes namespaces. Changes"
            + " nothing; needs no cluster."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "2:a name is not valid"})
final class RbacCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", defaultValue = "openim",
      description = "The releases' namespace. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @ArgGroup(exclusive = true, multiplicity = "1")
  @Nullable Who who; // picocli sets it: multiplicity 1

  /** Exactly one subject. */
  static final class Who {
    @Option(names = "--user", paramLabel = "NAME", description = "Bind the role to this user.")
    @Nullable String user;

    @Option(names = "--group", paramLabel = "NAME", description = "Bind the role to this group.")
    @Nullable String group;

    @Option(names = "--service-account", paramLabel = "NAMESPACE/NAME",
        description = "Bind the role to this ServiceAccount.")
    @Nullable String serviceAccount;

    DeployerRole.Subject subject() {
      if (user != null) {
        return DeployerRole.Subject.user(user);
      }
      if (group != null) {
        return DeployerRole.Subject.group(group);
      }
      String[] parts = String.valueOf(serviceAccount).split("/", -1);
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw new IllegalArgumentException("--service-account must be NAMESPACE/NAME, but was '" + serviceAccount + "'");
      }
      return DeployerRole.Subject.serviceAccount(parts[0], parts[1]);
    }
  }

  @Override
  public Integer call() {
    return Failures.guard(command.commandLine().getErr(), () -> {
      DeployerRole role = DeployerRole.of(namespace);
      if (who == null) {
        throw new IllegalArgumentException("give one of --user, --group or --service-account");
      }
      DeployerRole.Subject subject = who.subject();
      PrintWriter out = command.commandLine().getOut();
      out.println("# The deployer's role for namespace " + namespace + ", bound to " + subject.tag() + ".");
      out.println("# A cluster admin applies it: openim-deploy rbac ... | kubectl apply -f -");
      for (Manifest manifest : role.manifests(subject)) {
        out.println("---");
        out.print(PlanYaml.render(manifest));
      }
      out.flush();
      return 0;
    });
  }
}
