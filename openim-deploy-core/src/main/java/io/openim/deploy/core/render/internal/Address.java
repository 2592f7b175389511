/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One network address a pod connects to, as a NetworkPolicy can name it: a host and a TCP port.
 * Parsed without any lookup, so a host name stays a name.
 *
 * @param host the host name or IP literal (IPv6 without brackets)
 * @param port the TCP port
 */
public record Address(String host, int port) {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern URL = Pattern.compile("(?i)(https?)://([^/?#]+).*");

  /**
   * Parses {@code host:port}, {@code [v6]:port}, or a URL {@code http(s)://host[:port][/path]}
   * (port 80 or 443 by scheme when absent); empty when it is none of those.
   */
  public static Optional<Address> parse(String address) {
    String text = address.trim();
    Matcher url = URL.matcher(text);
    String authority = text;
    int defaultPort = -1;
    if (url.matches()) {
      authority = url.group(2);
      defaultPort = url.group(1).toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
    }
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    String host;
    String port;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = authority.substring(1, close);
      port = authority.length() > close + 1 && authority.charAt(close + 1) == ':' ? authority.substring(close + 2) : "";
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon >= 0 && authority.indexOf(':') != colon) {
        return Optional.empty(); // a bare IPv6 address cannot carry a port without brackets
      }
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? "" : authority.substring(colon + 1);
    }
    if (host.isEmpty()) {
      return Optional.empty();
    }
    int number = defaultPort;
    if (!port.isEmpty()) {
      if (!port.chars().allMatch(Character::isDigit) || port.length() > 5) {
        return Optional.empty();
      }
      number = Integer.parseInt(port);
    }
    if (number < 1 || number > 65535) {
      return Optional.empty();
    }
    return Optional.of(new Address(host, number));
  }

  /** The {@code ipBlock} CIDR of this one address ({@code /32} or {@code /128}), or empty for a host name. */
  public Optional<String> cidr() {
    Matcher v4 = IPV4.matcher(host);
    if (v4.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(v4.group(i)) > 255) {
          return Optional.empty();
        }
      }
      return Optional.of(host + "/32");
    }
    if (host.contains(":") && host.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
      return Optional.of(host.toLowerCase(Locale.ROOT) + "/128");
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
