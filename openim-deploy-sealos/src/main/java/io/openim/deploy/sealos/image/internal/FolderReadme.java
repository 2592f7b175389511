/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.image.internal;

import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.sealos.image.ClusterImageOptions;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The export folder's README.md: the exact commands, the variables, and the credentials. */
public final class FolderReadme {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  // sealos v5.1.1's own cluster images (docs/sealos.md, "The command-line tool", install-v2.sh)
  private static final String KUBERNETES = "ghcr.io/labring/sealos/kubernetes:v1.28.15";
  private static final String HELM = "ghcr.io/labring/sealos/helm:v3.16.2";
  private static final String CILIUM = "ghcr.io/labring/sealos/cilium:v1.17.1";

  private FolderReadme() {}

  /**
   * Where the run command expects the values file with the credentials the spec gives: on the
   * first master, in root's home, since sealos usually logs in as root.
   */
  public static String credentialsFile(ClusterImageOptions options) {
    return "/root/" + options.releaseName() + "-credentials.yaml";
  }

  /** The README's text. */
  public static String render(DeploymentSpec spec, ClusterImageOptions options, List<String> images,
      List<String> build, List<String> run, List<String> given) {
    StringBuilder out = new StringBuilder();
    out.append("# OpenIM ").append(spec.version()).append(" as a sealos cluster image\n\n")
        .append("Exported by openim-deploy from release `").append(spec.release()).append("` in namespace `")
        .append(spec.namespace()).append("`: a sealos application image that installs OpenIM with Helm, its ")
        .append(images.size()).append(" images inside, so the cluster needs no network.\n\n");
    out.append("## Build\n\n")
        .append("In this folder, as root (or rootless with newuidmap and fuse-overlayfs), with network access:\n\n")
        .append("    ").append(shell(build)).append("\n\n")
        .append("sealos build pulls every image named in `charts/` (the chart rendered), `manifests/` and `images/shim/`\n")
        .append("for ").append(options.platform().platform()).append(" into `registry/` and bakes them into the image `")
        .append(options.image()).append("`.\n\n");
    out.append("## Run\n\n")
        .append("On the first master of a cluster sealos made, with helm installed from its cluster image (the image's\n")
        .append("command runs helm there), e.g. `").append(HELM).append("`:\n\n")
        .append("    ").append(shell(run)).append("\n\n")
        .append(given.isEmpty() ? "" : "It reads the spec's own credentials from `" + credentialsFile(options)
            + "`: write that file first (see Credentials).\n\n")
        .append("A new cluster in one go: `sealos run ").append(KUBERNETES).append(' ').append(HELM).append(' ')
        .append(CILIUM).append(' ').append(options.image())
        .append(" --masters IP`. Offline, those cluster images must be on the machine too.\n\n")
        .append("sealos asks before running an installed image again; `sealos run -f` runs its command again without\n")
        .append("asking, and `helm upgrade -i` then upgrades the release, keeping its credentials.\n\n");
    out.append("## What the image runs\n\n")
        .append("    ").append(Kubefile.COMMAND).append("\n\n")
        .append("| variable | default | what |\n| --- | --- | --- |\n")
        .append("| `NAME` | `").append(options.releaseName()).append("` | the Helm release name |\n")
        .append("| `NAMESPACE` | `").append(options.namespace()).append("` | must stay: the chart names it in every service")
        .append(" address and refuses another |\n")
        .append("| `HELM_OPTS` | `").append(options.helmOptions()).append("` | more `helm upgrade` flags; a value")
        .append(" replaces the default, so keep `--wait --timeout 20m` in it to have sealos run wait for OpenIM |\n\n")
        .append("`sealos run --env NAME=VALUE` sets a variable. sealos splits `--env` values at commas and pastes them\n")
        .append("into a shell command: no commas, quotes, `$` or backslashes (values files take everything else).\n\n");
    out.append("## Credentials\n\n")
        .append("No credential is in this folder, nor in the image. On the first install the chart generates each\n")
        .append("(32 random letters and digits) into the Secret `").append(spec.release()).append("-credentials`;")
        .append(" upgrades keep them, and\n`helm uninstall` leaves that Secret with the data volumes.")
        .append(" A value under `credentials.<key>` in a values file\nreplaces a generated one.\n\n");
    if (!given.isEmpty()) {
      out.append("**The spec gives credentials of its own, which this image does not carry**: ")
          .append(given.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", "))).append(".\n")
          .append("Without them the chart generates other values, and OpenIM cannot use what the spec set up. Write them\n")
          .append("into `").append(credentialsFile(options)).append("` on the first master (`chmod 600`):\n\n")
          .append("    credentials:\n");
      given.forEach(key -> out.append("      ").append(key).append(": \"<value>\"\n"));
      out.append("\nThe run command above passes it to Helm with `--values`.\n\n");
    }
    out.append("Never pass a password with `--env` (or `--set` in `HELM_OPTS`): sealos keeps every `--env` value in\n")
        .append("its saved Clusterfile (`~/.sealos/<cluster>/Clusterfile`, `status.mounts[].env`).\n\n");
    out.append("## Files\n\n")
        .append("- `Kubefile`: `FROM scratch`, the variables' defaults, `COPY . .`, the command above.\n")
        .append("- `charts/openim/`: the chart; its default values are the exported spec's.\n")
        .append("- `manifests/openim.yaml`: the workloads, for sealos build's image scan only; nothing applies it.\n")
        .append("- `images/shim/openim-images.txt`: every image, one per line.\n")
        .append("- `").append(ExportFolder.MARKER).append("`: marks this folder as an openim-deploy export and lists")
        .append(" its files; the next\n  export into this folder replaces them, and refuses if the folder holds other")
        .append(" files (`registry/` aside,\n  which it keeps).\n");
    return out.toString();
  }

  /** {@code command} as one shell line, quoting the arguments that need it. */
  static String shell(List<String> command) {
    return command.stream()
        .map(arg -> PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\"'\"'") + "'")
        .collect(Collectors.joining(" "));
  }
}
