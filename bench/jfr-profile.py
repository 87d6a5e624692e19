#!/usr/bin/env python3
"""Summarises the execution samples of a JFR recording: the share of samples in which each method
appears anywhere on the stack (inclusive), for the methods whose class name contains a filter.

    jfr print --json --events jdk.ExecutionSample --stack-depth 96 rec.jfr | jfr-profile.py [FILTER] [TOP]
"""
import collections
import json
import sys


def main() -> None:
    wanted = sys.argv[1] if len(sys.argv) > 1 else "dev.linden."
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    events = json.load(sys.stdin)["recording"]["events"]
    inclusive = collections.Counter()
    threads = collections.Counter()
    samples = 0
    for event in events:
        stack = event["values"].get("stackTrace")
        if not stack:
            continue
        samples += 1
        thread = event["values"].get("sampledThread") or {}
        threads[(thread.get("javaName") or "?").rstrip("0123456789-")] += 1
        seen = set()
        for frame in stack["frames"]:
            method = frame["method"]
            name = (method["type"]["name"] + "." + method["name"]).replace("/", ".")
            if "$$Lambda" in name or name in seen:
                continue
            seen.add(name)
            inclusive[name] += 1
    if not samples:
        print("  no execution samples")
        return
    print(f"  {samples} samples; threads: " + ", ".join(f"{t} {100 * c / samples:.0f}%" for t, c in threads.most_common(4)))
    shown = 0
    for name, count in inclusive.most_common():
        if wanted in name:
            print(f"  {100 * count / samples:5.1f}%  {name}")
            shown += 1
            if shown == top:
                break


if __name__ == "__main__":
    main()
