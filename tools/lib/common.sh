# Shared shell helpers for tools/eccp, tools/test and the other scripts. Source it, do not run it.

ECCP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ECCP_JAR="$ECCP_ROOT/tools/target/eccp.jar"

# JVM flags that chronicle-bytes needs on JDK 17 and that keep it off the network.
ECCP_JVM_FLAGS=(
  --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  -Dchronicle.analytics.disable=true
  -Dchronicle.announcer.disable=true
)

# Debian packages that the tools and the test suite run.
ECCP_DEBIAN_PACKAGES=(libpcap0.8 iproute2 iperf3 socat spin gcc tcpdump tshark curl python3 nftables iputils-ping wireguard-go wireguard-tools)

eccp_die() {
  echo "eccp: $*" >&2
  exit 2
}

eccp_require_tools() {
  command -v java >/dev/null || eccp_die "java not found: install a JDK 17 (apt-get install openjdk-17-jdk-headless)"
  command -v mvn >/dev/null || eccp_die "mvn not found: install Maven (apt-get install maven)"
}

# Installs the Debian packages that are missing, or prints the command that would when not root.
eccp_install_packages() {
  local missing=()
  local pkg
  for pkg in "${ECCP_DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "eccp: missing Debian packages: ${missing[*]}" >&2
    echo "eccp: install them with: sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "eccp: installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Answer "no" to wireshark-common's question about non-root capture.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
  if ! apt-get install -y -q "${missing[@]}" >/tmp/eccp-apt.log 2>&1; then
    apt-get update -q >>/tmp/eccp-apt.log 2>&1 || true
    apt-get install -y -q "${missing[@]}" >>/tmp/eccp-apt.log 2>&1 \
      || { tail -20 /tmp/eccp-apt.log >&2; eccp_die "apt-get install ${missing[*]} failed (log: /tmp/eccp-apt.log)"; }
  fi
}

# Runs Maven with its ANSI colour codes removed: Debian's Maven prints them even in batch mode.
eccp_mvn() {
  mvn -B -ntp "$@" 2>&1 | sed -u $'s/\x1b\\[[0-9;]*m//g'
  return "${PIPESTATUS[0]}"
}

# Builds the runnable jar when it is missing or older than any source or pom.
eccp_jar_is_fresh() {
  [ -f "$ECCP_JAR" ] && [ -z "$(find "$ECCP_ROOT" -path "$ECCP_ROOT/.git" -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$ECCP_JAR" -print -quit)" ]
}

# Builds the jar when a source is newer. Commands started together (such as listen and ping in
# two terminals) build one at a time: two Maven runs at once fail to replace each other's jar.
eccp_build_jar() {
  eccp_jar_is_fresh && return 0
  mkdir -p "$ECCP_ROOT/tools/target"
  exec 9>"$ECCP_ROOT/tools/target/.eccp-build.lock"
  flock 9
  if ! eccp_jar_is_fresh; then
    echo "eccp: building $ECCP_JAR ..." >&2
    (cd "$ECCP_ROOT" && eccp_mvn -q package -DskipTests) >&2 || eccp_die "build failed; run 'mvn -B package -DskipTests' in $ECCP_ROOT to see why"
  fi
  exec 9>&-
}
