# Sourced by the scripts: finds a JDK 21 or newer (JAVA_HOME first, then /usr/lib/jvm/*) and
# exports JAVA_HOME and PATH for it (LINDEN_JAVA_MAJOR: its version), or explains what is missing and fails.
java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

linden_find_java() {
    local candidate major
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(java_major "$candidate")
        major=${major%%.*}
        if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
            export JAVA_HOME="$candidate"
            LINDEN_JAVA_MAJOR="$major" # for options that only newer JVMs know
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
    done
    echo "Linden needs a JDK 21 or newer (java and javac). None found in JAVA_HOME (${JAVA_HOME:-unset}) or /usr/lib/jvm/*." >&2
    echo "Install one, e.g. 'apt-get install -y openjdk-21-jdk-headless' or Temurin 21+, or set JAVA_HOME to it." >&2
    return 1
}

linden_find_maven() {
    if ! command -v mvn >/dev/null 2>&1; then
        echo "Linden builds with Apache Maven 3.8+, which is not on PATH: 'apt-get install -y maven'." >&2
        return 1
    fi
}

# Quiet the warnings newer JDKs print for Maven's own use of sun.misc.Unsafe.
linden_maven_opts() {
    local major
    major=$(java_major "$JAVA_HOME")
    major=${major%%.*}
    if [ "$major" -ge 24 ] 2>/dev/null; then
        export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    fi
}
