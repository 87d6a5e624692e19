# Sourced by bin/linden: the JDK's ahead-of-time cache (JEP 483, 514 and 515: JDK 25 and later) for
# `serve` and `demo`. The classes a server loads and links, and the profiles of its hot methods, are
# read from the cache instead of being found again on every start: measured in bench/pinned on one
# core, the server answers its first request in about half the time (see bench/README.md).
#
#   linden_aot_opts JAR COMMAND JVM-OPTIONS...   sets LINDEN_AOT_OPTS (an array)
#
# The cache belongs to one build of the jar, one JDK, one collector and LINDEN_JAVA_OPTS; it lives
# beside the jar (cli/target/aot). When it is missing, the first start makes it: a training run
# (`linden aot-training`: a throw-away server driven for a few seconds) writes it, then the server
# starts with it. `bin/linden aot-training` makes it and stops there (bench/pinned does, so that no
# measured start trains). Nothing happens when the folder is not writable, when two starts race (one
# trains, the other starts without it), or with LINDEN_AOT=off or AOT options in LINDEN_JAVA_OPTS.
#
# Measured (bench/README.md): the first answer comes in about half the time; the throughput of the
# first 30 s, which the JIT compiler decides, is the same within the noise of a shared machine.

linden_aot_opts() {
    LINDEN_AOT_OPTS=()
    local jar="$1" command="$2"
    shift 2
    case "$command" in serve|demo|aot-training) ;; *) return 0 ;; esac
    [ "${LINDEN_AOT:-on}" = off ] && return 0
    [ "${LINDEN_JAVA_MAJOR:-0}" -ge 25 ] || return 0
    [[ " ${LINDEN_JAVA_OPTS:-} " == *"AOTCache"* || " ${LINDEN_JAVA_OPTS:-} " == *"AOTMode"* ]] && return 0

    local dir build options cache
    dir="$(dirname "$jar")/aot"
    mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || return 0
    # what the cache must match: this JDK and this build of the jar, then the collector and the user's
    # options (not the heap's size: the JVM checks what matters of it, the compressed references, itself)
    build=$( { cat "$JAVA_HOME/release" 2>/dev/null; stat -c '%s %Y' "$jar"; } | cksum | cut -d' ' -f1)
    options=$( { printf '%s\n' "$@" | grep -v '^-Xm[xns]'; echo "${LINDEN_JAVA_OPTS:-}"; } | cksum | cut -d' ' -f1)
    cache="$dir/linden-$build-$options.aot"
    # -Xlog: the JDK reports classes it cannot cache (signed jars, ...) as warnings: not the user's concern
    local quiet=(-Xlog:aot=error -Xlog:aot+codecache=error -Xlog:cds=error)
    if [ ! -f "$cache" ]; then
        find "$dir" -maxdepth 1 -name '*.training' -mmin +60 -exec rmdir {} + 2>/dev/null # left by a killed training
        if mkdir "$cache.training" 2>/dev/null; then
            # said to a person at a terminal only: scripts read a command's output and its one-line errors
            [ -t 2 ] && echo "preparing the JVM's start-up cache for this build (once, about half a minute)..." >&2
            find "$dir" -maxdepth 1 -name 'linden-*.aot' ! -name "linden-$build-*" -delete 2>/dev/null # older builds
            if ! timeout 300 "$JAVA_HOME/bin/java" "$@" ${LINDEN_JAVA_OPTS:-} "${quiet[@]}" -XX:AOTCacheOutput="$cache" \
                    -jar "$jar" aot-training > "$dir/training.log" 2>&1; then
                rm -f "$cache" # starting without it; the log says why
            fi
            rmdir "$cache.training" 2>/dev/null
        fi
    fi
    if [ -f "$cache" ]; then
        LINDEN_AOT_OPTS=(-XX:AOTCache="$cache" "${quiet[@]}")
    fi
}
