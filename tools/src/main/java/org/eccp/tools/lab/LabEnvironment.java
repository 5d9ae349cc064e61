package org.eccp.tools.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The tools and rights a lab needs: root, {@code ip} and {@code tc}, and {@code nft} when present. */
record LabEnvironment(String ip, String tc, Optional<String> nft) {

  static final String NOT_ROOT = "eccp lab needs root (network namespaces): run it with sudo";

  /** Returns the environment, or throws an exception naming what is missing and how to install it. */
  static LabEnvironment check() throws LabException {
    if (!isRoot()) {
      throw new LabException(NOT_ROOT);
    }
    String ip = CommandRunner.find("ip").orElseThrow(() -> new LabException(
        "the 'ip' command was not found: install the Debian package iproute2 (sudo apt-get install iproute2)"));
    String tc = CommandRunner.find("tc").orElseThrow(() -> new LabException(
        "the 'tc' command was not found: install the Debian package iproute2 (sudo apt-get install iproute2)"));
    return new LabEnvironment(ip, tc, CommandRunner.find("nft"));
  }

  /** Returns whether this process runs as root, read from the owner of /proc/self. */
  static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
