# Sourced by bin/linden: the JVM's heap and garbage collector for a Linden command, from its
# configuration and the machine, instead of the JVM's defaults (a quarter of the RAM as heap: 6 GiB
# on a 24 GiB machine, which a busy server then fills with garbage before collecting it).
#
#   linden_memory_opts ARGS...   sets LINDEN_MEMORY_OPTS (an array) for `linden ARGS...`
#
# The heap of a server (serve, demo) or a bulk load (import) is
#   64 MiB (requests, sessions, buffers, an import's batches)
#   + 2 x the entry cache (entryCacheMb in the configuration file, default 32: the cache, and room
#     for the collector to replace its entries)
#   + 16 KiB for each connection the open-file limit lets the server hold, up to 4,096 (the heap the
#     server reserves per connection: it holds max-heap / 16 KiB connections at most, see
#     ConnectionCapacity; more through LINDEN_JAVA_OPTS=-Xmx...)
# at most half of the memory (RAM, or the cgroup's limit). The collector uses all of it under a
# steady load (Serial fills the old generation before it collects it): this is the footprint. With `storage: memory` (or --memory) the
# data lives in the heap: the JVM's default applies. Other commands get 256 MiB.
#
# An import gets at least 512 MiB and the Parallel collector (a batch job: measured 12 s against
# 15 s with Serial for bench/pinned's 100,000 entries on two cores).
#
# The collector of a server: Serial on one or two cores (measured in bench/pinned: the least CPU per
# operation and the smallest footprint there), the JVM's choice (G1) on more. Anything set in LINDEN_JAVA_OPTS
# (-Xmx, -XX:MaxRAMPercentage, -XX:+Use...GC) wins over these choices. A server on JDK 22 or later also
# gives the C library's idle memory back every 10 s (-XX:TrimNativeHeapInterval, below).

# The default of entryCacheMb; must match BackendConfig.DEFAULT_ENTRY_CACHE_BYTES.
LINDEN_DEFAULT_CACHE_MB=32

linden_memory_opts() {
    LINDEN_MEMORY_OPTS=()
    local user_opts=" ${LINDEN_JAVA_OPTS:-} " command="" config="" memory=0 prev="" arg
    for arg in "$@"; do
        case "$arg" in
            --config=*) config="${arg#--config=}" ;;
            --memory) memory=1 ;;
            -*) ;;
            *) if [ "$prev" = --config ]; then config="$arg"; elif [ -z "$command" ]; then command="$arg"; fi ;;
        esac
        prev="$arg"
    done
    LINDEN_COMMAND="$command" # for the other choices of the launcher

    local serial=0
    if [[ "$user_opts" == *" -XX:+Use"*"GC "* ]]; then
        [[ "$user_opts" == *" -XX:+UseSerialGC "* ]] && serial=1
    elif [ "$command" = import ]; then
        # a batch job on every core: the throughput collector, whose pauses use every core too (with
        # Serial, the workers and the writer all stood still for single-threaded copying)
        LINDEN_MEMORY_OPTS+=(-XX:+UseParallelGC)
    elif [ "$(nproc 2>/dev/null || echo 1)" -le 2 ]; then
        LINDEN_MEMORY_OPTS+=(-XX:+UseSerialGC)
        serial=1
    fi
    if [[ "$command" =~ ^(serve|demo)$ && "${LINDEN_JAVA_MAJOR:-0}" -ge 22 && "$user_opts" != *TrimNativeHeap* ]]; then
        # glibc keeps what the JIT compilers freed (their arenas) in its own heap: about 40 MiB of a
        # server's resident memory after its first minutes, measured with jcmd System.trim_native_heap.
        # Given back every 10 s (a malloc_trim in a JVM thread of its own; product option since JDK 22).
        LINDEN_MEMORY_OPTS+=(-XX:TrimNativeHeapInterval=10000)
    fi
    if [[ "$user_opts" == *" -Xmx"* || "$user_opts" == *"MaxHeapSize="* || "$user_opts" == *"MaxRAMPercentage="* ]]; then
        return 0
    fi
    case "$command" in
        serve|demo|import) ;;
        *) LINDEN_MEMORY_OPTS+=(-Xmx256m); return 0 ;;
    esac
    local cache_mb="$LINDEN_DEFAULT_CACHE_MB"
    if [ -n "$config" ] && [ -r "$config" ]; then
        local v
        v=$(sed -n 's/^entryCacheMb:[[:space:]]*\([0-9][0-9]*\)[[:space:]]*\(#.*\)\{0,1\}$/\1/p' "$config" | tail -n1)
        [ -n "$v" ] && cache_mb="$v"
        grep -Eq '^storage:[[:space:]]*"?memory' "$config" && memory=1
    fi
    [ "$memory" = 1 ] && return 0 # the directory itself is in the heap

    local files connections heap ram_mb limit young
    files=$(ulimit -Hn 2>/dev/null || echo 1024)
    [ "$files" = unlimited ] && files=1048576
    connections=$(( files - (files / 32 > 256 ? files / 32 : 256) )) # the server's default capacity
    [ "$connections" -lt 64 ] && connections=64
    [ "$connections" -gt 4096 ] && connections=4096
    heap=$(( 64 + 2 * cache_mb + connections * 16 / 1024 ))
    ram_mb=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo 2>/dev/null || echo 0)
    limit=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || echo max)
    if [[ "$limit" =~ ^[0-9]+$ ]] && { [ "$ram_mb" = 0 ] || [ $(( limit / 1048576 )) -lt "$ram_mb" ]; }; then
        ram_mb=$(( limit / 1048576 ))
    fi
    if [ "$ram_mb" -gt 0 ] && [ "$heap" -gt $(( ram_mb / 2 )) ]; then
        heap=$(( ram_mb / 2 ))
    fi
    [ "$heap" -lt 96 ] && heap=96
    [ "$command" = import ] && [ "$heap" -lt 512 ] && heap=512 # entries in flight on every core, and nothing else to share with
    LINDEN_MEMORY_OPTS+=("-Xmx${heap}m")
    if [ "$serial" = 1 ]; then
        # Serial sizes the young generation as a share of the committed heap: from a small start it
        # stays a few MiB (a collection every few milliseconds under load), and it grows with the old
        # generation. Fixed: large enough that a request's garbage dies young, small in the footprint.
        young=$(( heap / 4 < 32 ? heap / 4 : 32 ))
        LINDEN_MEMORY_OPTS+=("-Xmn${young}m")
    fi
}
