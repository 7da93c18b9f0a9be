#!/usr/bin/env python3
"""Writes BENCHMARKS.md from bench-results/ (scripts/bench.sh runs this last)."""

# Usage: bench_report.py RESULTS_DIR SIZE... > BENCHMARKS.md
# Reads, per size: peers.json (sqlite3 + DuckDB, scripts/bench_peers.py), imports.json,
# onset-queries.json, onset-whole.json, browse.json, onset-db-bytes; and run.json/run-end.json.
# The analysis of missed targets is kept in scripts/bench_notes.md and copied in verbatim.

import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MOVE_KEYS = {"j", "k", "pageDown", "pageUp", "G", "g", "enter", "q"}


def load(d, name, default=None):
    p = os.path.join(d, name)
    if not os.path.exists(p):
        return default
    with open(p) as f:
        return json.load(f)


def pct(values, q):
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(round(q * len(v) + 0.5)) - 1))
    return v[k]


def ms(x):
    return "%.1f ms" % x if x < 100 else "%.0f ms" % x


def mb(kib):
    return "%.0f MB" % (kib / 1024)


def n_label(n):
    n = int(n)
    return "%dk" % (n // 1000) if n < 1_000_000 else "%gM" % (n / 1e6)


def size_result(results, n):
    d = os.path.join(results, str(n))
    peers = load(d, "peers.json")
    if peers is None:
        return None
    r = {"n": int(n), "peers": peers, "imports": load(d, "imports.json", []),
         "onset_q": load(d, "onset-queries.json"), "whole": load(d, "onset-whole.json", []),
         "browse": load(d, "browse.json")}
    try:
        r["db_bytes"] = int(open(os.path.join(d, "onset-db-bytes")).read().strip())
    except (OSError, ValueError):
        r["db_bytes"] = None
    imp = r["imports"]
    r["onset_import_s"] = min(i["onset"]["wall_s"] for i in imp) if imp else None
    r["sqlite_import_s"] = min(i["sqlite3"]["wall_s"] for i in imp) if imp else None
    r["onset_import_rss"] = max(i["onset"]["peak_rss_kib"] for i in imp) if imp else None
    # Imports kept from an earlier build (BENCH_SKIP_IMPORT) say which build made them.
    r["import_build"] = next((i["onset_build"] for i in imp if i.get("onset_build")), None)
    oq = {q["id"]: q for q in r["onset_q"]["queries"]} if r["onset_q"] else {}
    r["oq"] = oq
    r["q_onset"] = [oq[q["id"]]["ms"] for q in peers["queries"] if q["id"] in oq]
    r["q_sqlite"] = [q["ms"]["sqlite3"] for q in peers["queries"]]
    # DuckDB can be left out of a size (BENCH_SKIP_DUCKDB: at millions of cases its questions take an hour).
    r["has_duck"] = all("duckdb" in q["ms"] for q in peers["queries"])
    r["q_duck"] = [q["ms"]["duckdb"] for q in peers["queries"]] if r["has_duck"] else []
    r["mismatch"] = [q["id"] for q in peers["queries"] if q["id"] in oq and oq[q["id"]]["count"] != q["count"]]
    b = r["browse"]
    if b:
        mk = [k["ms"] for k in b["keys"] if k["key"] in MOVE_KEYS]
        tk = [k["ms"] for k in b["keys"] if k["key"] not in MOVE_KEYS]
        r["key_max"] = max(mk) if mk else None
        r["key_p95"] = pct(mk, 0.95) if mk else None
        r["type_max"] = max(tk) if tk else None
    return r


def secs(x):
    return "%.1f s" % x if x is not None else "not measured"


def verdict(ok):
    return "met" if ok else "**missed**"


def main(argv):
    results, sizes = argv[1], argv[2:]
    runs = [r for r in (size_result(results, n) for n in sizes) if r]
    if not runs:
        raise SystemExit("no results under %s" % results)
    run = load(results, "run.json", {})
    end = load(results, "run-end.json", {})
    m = runs[0]["peers"]["machine"]
    main_r = next((r for r in runs if r["n"] == 400000), runs[-1])
    out = []
    w = out.append

    w("# Benchmarks")
    w("")
    w("onset against the sqlite3 shell and DuckDB on generated FAERS quarters (`scripts/faers_gen.py`, "
      "seed 1, Zipf 1.05 with offset %s so the most reported drug is in ~7%% of cases, as in real "
      "quarters). Every figure below comes from `make bench` on the machine described; for each size, "
      "the imports of onset and sqlite3 alternate in one run, and the questions are asked of onset "
      "and the peers in one run unless the notes at the end say otherwise. The machine is shared (2 cores), so "
      "absolute times are noisy; the ratios within a run are the figures to read."
      % os.environ.get("BENCH_ZIPF_OFFSET", "10"))
    w("")
    w("**In short (for the README):** at %s cases onset imports a quarter in %.0f s (sqlite3's bare "
      "`.import` of the same files: %.0f s, %.2f×), answers a drug or drug + event filter "
      "(first page of 50 and total count) in %s at p95 (DuckDB: %s, sqlite3 over bare indexed "
      "tables: %s), shows its first screen %s after launch, and handles keys in at most %s."
      % (n_label(main_r["n"]), main_r["onset_import_s"], main_r["sqlite_import_s"],
         main_r["onset_import_s"] / main_r["sqlite_import_s"], ms(pct(main_r["q_onset"], 0.95)),
         ms(pct(main_r["q_duck"], 0.95)) if main_r["has_duck"] else "not measured", ms(pct(main_r["q_sqlite"], 0.95)),
         ms(main_r["browse"]["first_screen_from_exec_ms"]) if main_r["browse"] else "?",
         ms(main_r["key_max"]) if main_r["browse"] else "?"))
    w("")
    w("Rerun: `make bench` (all sizes; the 4M quarter takes long), or e.g. "
      "`BENCH_SIZES=\"40000 400000\" bash scripts/bench.sh`. Generated data is cached in "
      "`~/.cache/onset-bench` (never in git); raw results are in `bench-results/`.")
    w("")
    w("## Machine")
    w("")
    w("- %s CPUs: %s" % (m.get("nproc"), m.get("cpu_model")))
    w("- memory: %.1f GiB; kernel %s" % ((m.get("mem_total_kib") or 0) / 1048576, m.get("kernel")))
    w("- load average at start: %s; at end: %s (other builds shared the machine)"
      % (run.get("start_loadavg", "?"), end.get("end_loadavg", "?")))
    w("- sqlite3 shell %s, DuckDB %s (Python package), Python %s; onset release build"
      % (m.get("sqlite3_shell"), m.get("duckdb"), m.get("python")))
    w("")

    # Targets at the main size.
    r = main_r
    w("## Targets at %s cases" % n_label(r["n"]))
    w("")
    w("| target | measured | verdict |")
    w("| --- | --- | --- |")
    ratio = r["onset_import_s"] / r["sqlite_import_s"]
    w("| import ≤ 1.5× sqlite3 `.import` (same files, same run) | %.1f s vs %.1f s = %.2f× | %s |"
      % (r["onset_import_s"], r["sqlite_import_s"], ratio, verdict(ratio <= 1.5)))
    rss_max = max(x["onset_import_rss"] for x in runs if x["onset_import_rss"])
    w("| import memory < 1 GB at every size | peak RSS %s (largest over %s) | %s |"
      % (mb(rss_max), ", ".join(n_label(x["n"]) for x in runs), verdict(rss_max < 1024 * 1024)))
    p95 = pct(r["q_onset"], 0.95)
    dp95 = pct(r["q_duck"], 0.95) if r["has_duck"] else float("nan")
    w("| filter: first page + count ≤ 50 ms at p95 (%d queries) | p95 %s | %s |"
      % (len(r["q_onset"]), ms(p95), verdict(p95 <= 50)))
    if r["has_duck"]:
        w("| filter: faster than DuckDB, same questions, same run | onset p95 %s, DuckDB p95 %s; "
          "onset faster on %d of %d questions | %s |"
          % (ms(p95), ms(dp95), sum(1 for a, b in zip(r["q_onset"], r["q_duck"]) if a < b), len(r["q_onset"]),
             verdict(p95 < dp95)))
    if r["browse"]:
        b = r["browse"]
        w("| first complete screen ≤ 300 ms from launch | %s from exec (%s inside the program) | %s |"
          % (ms(b["first_screen_from_exec_ms"]), ms(b["first_screen_in_process_ms"]),
             verdict(b["first_screen_from_exec_ms"] <= 300)))
        w("| move, page or open: < 16 ms of work per key | max %s, p95 %s over %d keys | %s |"
          % (ms(r["key_max"]), ms(r["key_p95"]), len([k for k in b["keys"] if k["key"] in MOVE_KEYS]),
             verdict(r["key_max"] < 16)))
        w("| typing in the filter prompt never waits for a query | max %s per typed key (counts run in "
          "the background) | %s |" % (ms(r["type_max"] or 0), verdict((r["type_max"] or 0) < 16)))
        w("| resident memory while browsing < 200 MB | peak %s | %s |"
          % (mb(b["peak_rss_kib"]), verdict(b["peak_rss_kib"] < 200 * 1024)))
    big = [x for x in runs if x["n"] > r["n"]]
    if big:
        x = big[-1]
        g = pct(x["q_onset"], 0.95) / p95
        w("| filter latency grows far slower than the data (%s → %s) | data ×%.0f, p95 ×%.1f | %s |"
          % (n_label(r["n"]), n_label(x["n"]), x["n"] / r["n"], g, verdict(g < (x["n"] / r["n"]) / 3)))
    w("")
    w("Counts: onset returned the same count as sqlite3 and DuckDB for %s."
      % ("; ".join("%s: %s" % (n_label(x["n"]), "all %d questions" % len(x["q_onset"]) if not x["mismatch"]
                              else "all but %s" % ", ".join(x["mismatch"])) for x in runs)))
    w("")

    # Per-size tables.
    w("## Import")
    w("")
    w("| cases | onset import | sqlite3 `.import` | ratio | DuckDB `read_csv` | onset peak RSS | "
      "onset library | sqlite3 (bare + indexes) |")
    w("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for x in runs:
        p = x["peers"]["engines"]
        w("| %s%s | %.1f s | %.1f s | %.2f× | %s | %s | %.0f MB | %.1f s + %.1f s |"
          % (n_label(x["n"]), " †" if x["import_build"] else "", x["onset_import_s"], x["sqlite_import_s"], x["onset_import_s"] / x["sqlite_import_s"],
             secs(p.get("duckdb", {}).get("load", {}).get("wall_s")), mb(x["onset_import_rss"]), (x["db_bytes"] or 0) / 1e6,
             p["sqlite3"]["import"]["wall_s"], p["sqlite3"]["index"]["wall_s"]))
    w("")
    for x in runs:
        if x["import_build"]:
            w("† %s: the import (onset and sqlite3, alternating in one run) was measured with an earlier "
              "build, %s; the other %s figures are from this build." % (n_label(x["n"]), x["import_build"], n_label(x["n"])))
            w("")
    counts = ", ".join("%s: %d" % (n_label(x["n"]), len(x["imports"])) for x in runs)
    w("Each import is the best of the alternating runs of each engine (`BENCH_REPEAT`; %s); all runs are in "
      "`bench-results/N/imports.json`. onset's import parses, joins the seven tables, builds each case "
      "(dates, ages, dose-to-onset intervals), stores it as JSON for `show`, and fills the key, "
      "interval and full-text tables, in one transaction; sqlite3 stores bare text rows." % counts)
    w("")
    # Run by run shows how far the shared machine moves the ratio within one run.
    by_run = []
    for x in runs:
        pairs = [(i["onset"]["wall_s"] / i["sqlite3"]["wall_s"]) for i in x["imports"]
                 if i.get("onset", {}).get("wall_s") and i.get("sqlite3", {}).get("wall_s")]
        if pairs:
            by_run.append("%s %s" % (n_label(x["n"]), ", ".join("%.2f×" % q for q in pairs)))
    if by_run:
        w("Run by run (each onset import against the sqlite3 import just before it): %s." % "; ".join(by_run))
        w("")
    w("## Filters: first page of 50 and total count")
    w("")
    w("Questions: 100 drugs (5 named, 95 spread evenly over the popularity ranks, most to least "
      "reported) and 50 drug + event pairs. Time in process, median of 3 runs per question (the "
      "peers at 4M: one run each, see the notes).")
    w("")
    w("| cases | onset p50 / p95 / max | sqlite3 p50 / p95 / max | DuckDB p50 / p95 / max |")
    w("| --- | --- | --- | --- |")
    for x in runs:
        def trio(v):
            return "%s / %s / %s" % (ms(pct(v, 0.5)), ms(pct(v, 0.95)), ms(max(v)))
        w("| %s | %s | %s | %s |" % (n_label(x["n"]), trio(x["q_onset"]), trio(x["q_sqlite"]),
                                     trio(x["q_duck"]) if x["has_duck"] else "not measured"))
    w("")
    w("Whole process (a fresh process answering one question):")
    w("")
    w("| cases | question | onset `list` | sqlite3 shell | DuckDB (Python) |")
    w("| --- | --- | --- | --- | --- |")
    for x in runs:
        ow = {o["id"]: o for o in x["whole"]}
        for pw in x["peers"]["whole_process"]:
            o = ow.get(pw["id"])
            w("| %s | %s | %s | %s | %s |" % (
                n_label(x["n"]), pw["drug"] + (" + " + pw["event"] if pw["event"] else ""),
                ms(o["wall_ms"]) if o else "?", ms(pw["sqlite3_shell"]["wall_ms"]),
                ms(pw["duckdb_python"]["wall_ms"]) if "duckdb_python" in pw else "not measured"))
    w("")
    w("Fairness: onset resolves a drug name through its lexicon (brand → generic) and FAERS's "
      "`prod_ai`; the peers are asked with the same synonyms (every name the lexicon gives the "
      "query's generic, as an `IN` list over `drugname` and `prod_ai`, case-insensitive), exclude "
      "the quarter's deleted cases, and page by caseid, which is onset's library order. sqlite3 has "
      "`COLLATE NOCASE` indexes on drugname, prod_ai and pt; DuckDB uses its own zone maps. "
      "`Tests/python/test_bench_queries.py` checks on 2,000 generated cases that onset and sqlite3 "
      "return the same counts and first pages for all 150 questions.")
    w("")
    w("## Browser")
    w("")
    w("80×24 tmux session, `onset --trace`: launch to the first complete list screen (count known, "
      "no row loading), then j×5, k×3, PgDn×3, G, g, Enter, j, q, typing `/drug:metformin` Enter, "
      "j×3, PgDn, Enter, q. Key times are the program's own: from reading the key to presenting the "
      "next screen.")
    w("")
    w("| cases | first screen (from exec) | in program | keys max / p95 | typing max | peak RSS |")
    w("| --- | --- | --- | --- | --- | --- |")
    for x in runs:
        b = x["browse"]
        if not b:
            continue
        w("| %s | %s | %s | %s / %s | %s | %s |" % (
            n_label(x["n"]), ms(b["first_screen_from_exec_ms"]), ms(b["first_screen_in_process_ms"]),
            ms(x["key_max"]), ms(x["key_p95"]), ms(x["type_max"] or 0), mb(b["peak_rss_kib"])))
    w("")
    if len(runs) > 1:
        w("## Growth")
        w("")
        w("| from → to | data | import | import RSS | filter p95 | first screen | browse RSS |")
        w("| --- | --- | --- | --- | --- | --- | --- |")
        for a, c in zip(runs, runs[1:]):
            def f(k):
                # Imports by different builds (one marked †) are not a growth.
                if k.startswith("onset_import") and a["import_build"] != c["import_build"]:
                    return "not comparable †"
                return "×%.1f" % (c[k] / a[k]) if a.get(k) and c.get(k) else "?"
            fs = ("×%.1f" % (c["browse"]["first_screen_from_exec_ms"] / a["browse"]["first_screen_from_exec_ms"])
                  if a["browse"] and c["browse"] else "?")
            br = ("×%.1f" % (c["browse"]["peak_rss_kib"] / a["browse"]["peak_rss_kib"])
                  if a["browse"] and c["browse"] else "?")
            w("| %s → %s | ×%.0f | %s | %s | ×%.1f | %s | %s |" % (
                n_label(a["n"]), n_label(c["n"]), c["n"] / a["n"], f("onset_import_s"), f("onset_import_rss"),
                pct(c["q_onset"], 0.95) / pct(a["q_onset"], 0.95), fs, br))
        w("")
    notes = os.path.join(HERE, "bench_notes.md")
    if os.path.exists(notes):
        with open(notes) as f:
            w(f.read().rstrip())
        w("")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv)
