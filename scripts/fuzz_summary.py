#!/usr/bin/env python3
"""Summarises the fuzz log that scripts/fuzz.sh appends to, one Markdown row per target.

Usage: fuzz_summary.py [LOG]   (default .build-fuzz/fuzz-log.tsv)
Runs shorter than 30 s (the 5-second smoke runs of `make test`) are left out of the totals:
they show the harness works, not that a target has been explored.
"""

import csv
import sys
from collections import OrderedDict

SMOKE_SECONDS = 30


def main(argv):
    path = argv[1] if len(argv) > 1 else ".build-fuzz/fuzz-log.tsv"
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    targets = OrderedDict()
    for r in rows:
        if int(r["seconds"]) < SMOKE_SECONDS:
            continue
        t = targets.setdefault(r["target"], {"runs": 0, "clean_s": 0, "execs": 0, "crashes": 0,
                                             "corpus": 0, "first": r["date"], "last": r["date"]})
        t["runs"] += 1
        t["execs"] += int(r["execs"] or 0)
        t["corpus"] = int(r["corpus"] or 0)
        t["last"] = r["date"]
        if r["result"] == "clean":
            t["clean_s"] += int(r["seconds"])
        else:
            t["crashes"] += 1
    print("| target | runs | time run clean | executions | corpus | crashes found |")
    print("| --- | --- | --- | --- | --- | --- |")
    total = 0
    for name, t in sorted(targets.items()):
        total += t["clean_s"]
        print("| %s | %d | %d min %02d s | %s | %d | %d |" % (
            name, t["runs"], t["clean_s"] // 60, t["clean_s"] % 60, format(t["execs"], ","), t["corpus"], t["crashes"]))
    print("")
    print("%d targets, %.1f hours of clean fuzzing in all; runs from %s to %s."
          % (len(targets), total / 3600, min(t["first"] for t in targets.values()),
             max(t["last"] for t in targets.values())))


if __name__ == "__main__":
    main(sys.argv)
