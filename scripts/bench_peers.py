#!/usr/bin/env python3
"""Benchmark onset's peers (sqlite3 shell + DuckDB) on a generated FAERS quarter and export the shared query list."""

# Run through scripts/bench_peers.sh, which provides a venv with duckdb and /usr/bin/time.
#
#   bench_peers.py run --data DIR --work WORKDIR --out bench-results [--cases N --seed S]
#   bench_peers.py merge peers.json onset.json > merged.json
#
# Output files (JSON, schema names below) are designed to be merged with onset's own side:
# per-engine results live under "engines" keyed by engine name, and per-query timings under
# queries[i]["ms"][engine], so onset adds "engines.onset" and "ms.onset" for the same ids.
#
# Query semantics (what "count" means, so onset can be checked against it):
#   a case is a caseid (one quarter holds one version per case); a drug matches when drugname
#   or prod_ai equals, ASCII case-insensitive and whole value, any name the lexicon
#   (Data/lexicon/drugs.json) gives the same generic as the query: onset resolves brands to
#   generics through that lexicon, so the peers get the same synonyms as an IN list (worked out
#   before the clock starts, as onset's lexicon lookup is in memory). Events likewise through
#   events.json synonyms. Caseids on the quarter's deleted list are excluded; the first page is
#   the 50 smallest matching caseids (file order, which is onset's library order).

import argparse
import glob
import json
import os
import platform
import re
import shlex
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TABLES = ("DEMO", "DRUG", "REAC", "OUTC", "RPSR", "THER", "INDI")
PAGE = 50
# Columns that are numbers in FAERS; declared INTEGER so sqlite stores them as integers and
# orders primaryids numerically, like a loader that knows the layout would.
INT_COLS = {"primaryid", "caseid", "caseversion", "drug_seq", "dsg_drug_seq", "indi_drug_seq"}
TIMED_SAMPLES = 3


# ---------------------------------------------------------------- helpers

def quarter_files(data):
    """Map table -> path for DIR/ASCII/<T>yyQq.txt, plus 'DELETE'."""
    out = {}
    for t in TABLES:
        hits = sorted(glob.glob(os.path.join(data, "ASCII", t + "??Q?.txt")))
        if len(hits) != 1:
            raise SystemExit("expected one %s file under %s/ASCII, found %d" % (t, data, len(hits)))
        out[t] = hits[0]
    hits = sorted(glob.glob(os.path.join(data, "Deleted", "DELETE??Q?.txt")))
    out["DELETE"] = hits[0] if hits else None
    return out


def header_cols(path):
    with open(path, "rb") as f:
        return f.readline().rstrip(b"\r\n").decode("latin-1").split("$")


def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        while True:
            b = f.read(1 << 22)
            if not b:
                return n
            n += b.count(b"\n")


def timed(cmd, stdin_path=None, env=None):
    """Run cmd under /usr/bin/time -v; return (wall seconds, peak RSS KiB, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v", "-o", tf.name] + cmd, stdin=stdin,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        wall = time.perf_counter() - t0
        if stdin_path:
            stdin.close()
        report = open(tf.name).read()
    if p.returncode != 0:
        sys.stderr.write(p.stderr.decode(errors="replace"))
        raise SystemExit("command failed (%d): %s" % (p.returncode, " ".join(cmd[:3])))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    return wall, int(m.group(1)) if m else None, p.stdout.decode("latin-1")


def pct(values, q):
    v = sorted(values)
    if not v:
        return None
    # Nearest-rank percentile: simple, and never invents a value that was not measured.
    k = max(0, min(len(v) - 1, int(round(q * len(v) + 0.5)) - 1))
    return v[k]


def summary_ms(values):
    return {"n": len(values), "p50_ms": round(pct(values, 0.50), 3), "p95_ms": round(pct(values, 0.95), 3),
            "max_ms": round(max(values), 3), "mean_ms": round(statistics.fmean(values), 3)}


def machine_info(duckdb_version):
    cpu = None
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kib = None
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    except OSError:
        pass
    nproc = subprocess.run(["nproc"], stdout=subprocess.PIPE).stdout.decode().strip()
    shell_ver = subprocess.run(["sqlite3", "--version"], stdout=subprocess.PIPE).stdout.decode().split()
    return {"nproc": int(nproc) if nproc.isdigit() else os.cpu_count(), "cpu_model": cpu,
            "mem_total_kib": mem_kib, "kernel": platform.release(),
            "python": platform.python_version(), "sqlite3_shell": shell_ver[0] if shell_ver else None,
            "sqlite3_python_lib": sqlite3.sqlite_version, "duckdb": duckdb_version}


# ---------------------------------------------------------------- lexicon (onset's synonyms)

def fold(s):
    """Onset's TermKey.basic for ASCII: lower case, whitespace collapsed, trailing .,;: dropped."""
    s = " ".join(s.lower().split())
    return s.rstrip(".,;:")


def drug_fold(s):
    return fold(s).replace("sulph", "sulf")


def event_fold(s):
    return fold(s).replace("ae", "e").replace("oe", "e")


class Synonyms:
    """Names that onset's lexicon gives the same generic (drugs) or preferred term (events)."""

    def __init__(self, lexdir):
        self.drug_of, self.drug_names = {}, {}
        self.event_of, self.event_names = {}, {}
        if not lexdir:
            return
        path = os.path.join(lexdir, "drugs.json")
        if os.path.exists(path):
            with open(path) as f:
                drugs = json.load(f)["drugs"]
            for d in drugs:
                g = fold(d["generic"])
                for n in [d["generic"]] + d.get("names", []):
                    self.drug_of[drug_fold(n)] = g
                    self.drug_names.setdefault(g, set()).add(n.lower())
        path = os.path.join(lexdir, "events.json")
        if os.path.exists(path):
            with open(path) as f:
                events = json.load(f)["events"]
            for e in events:
                p = e["preferred"]
                for n in [p] + e.get("synonyms", []):
                    self.event_of[event_fold(n)] = p
                    self.event_names.setdefault(p, set()).add(n.lower())

    def drugs(self, q):
        g = self.drug_of.get(drug_fold(q))
        names = {q.lower()}
        if g is not None:
            names |= self.drug_names[g]
        return sorted(names)

    def events(self, q):
        p = self.event_of.get(event_fold(q))
        names = {q.lower()}
        if p is not None:
            names |= self.event_names[p]
        return sorted(names)


def default_lexicon_dir():
    d = os.path.join(os.path.dirname(HERE), "Data", "lexicon")
    return d if os.path.isdir(d) else None


def expand(q, syn):
    """The drug and event name lists a question is asked with (onset's synonyms)."""
    return syn.drugs(q["drug"]), (syn.events(q["event"]) if q["event"] is not None else None)


# ---------------------------------------------------------------- sqlite3 shell

def sqlite_import_script(files, db_path):
    lines = [
        # Fastest safe-enough settings for a one-shot bulk load; a fair best case for the peer.
        "PRAGMA journal_mode=OFF;",
        "PRAGMA synchronous=OFF;",
    ]
    for t in TABLES:
        cols = header_cols(files[t])
        decl = ", ".join("%s %s" % (c, "INTEGER" if c in INT_COLS else "TEXT") for c in cols)
        lines.append("CREATE TABLE %s(%s);" % (t.lower(), decl))
    lines.append("CREATE TABLE deleted(caseid INTEGER);")
    # ascii mode: no CSV quote handling (FAERS has none); '$' fields, LF rows, and the CR of
    # each CRLF removed by tr in a pipe because .import accepts only one-byte row separators.
    lines += [".mode ascii", '.separator "$" "\\n"']
    for t in TABLES:
        src = "|tr -d '\\r' < %s" % shlex.quote(files[t])
        lines.append(".import --skip 1 %s %s" % (sql_shell_arg(src), t.lower()))
    if files["DELETE"]:
        # The deleted list has no header: a line with one space, then bare caseids.
        src = "|tr -d '\\r ' < %s | grep -v '^$'" % shlex.quote(files["DELETE"])
        lines.append(".import %s deleted" % sql_shell_arg(src))
    return "\n".join(lines) + "\n"


def sql_shell_arg(s):
    # The sqlite3 shell takes a double-quoted argument with C-style backslash escapes.
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


SQLITE_INDEXES = [
    "CREATE INDEX drug_name ON drug(drugname COLLATE NOCASE, caseid, primaryid)",
    "CREATE INDEX drug_ai ON drug(prod_ai COLLATE NOCASE, caseid, primaryid)",
    "CREATE INDEX reac_pt ON reac(pt COLLATE NOCASE, primaryid)",
    "CREATE INDEX demo_pid ON demo(primaryid)",
    "CREATE INDEX deleted_case ON deleted(caseid)",
    "ANALYZE",
]

def sqlite_sql(n_drugs, n_events, deleted=True):
    """Count and first page; parameters :d0.. (drug names) and :e0.. (event names)."""
    ors = " OR ".join("d.drugname = :d%d COLLATE NOCASE OR d.prod_ai = :d%d COLLATE NOCASE" % (i, i)
                      for i in range(n_drugs))
    where = "(" + ors + ")"
    if deleted:
        where += " AND d.caseid NOT IN (SELECT caseid FROM deleted)"
    if n_events:
        where += (" AND d.primaryid IN (SELECT primaryid FROM reac WHERE %s)"
                  % " OR ".join("pt = :e%d COLLATE NOCASE" % i for i in range(n_events)))
    count = "SELECT count(DISTINCT d.caseid) FROM drug d WHERE " + where
    page = "SELECT DISTINCT d.caseid FROM drug d WHERE %s ORDER BY d.caseid LIMIT %d" % (where, PAGE)
    return count, page


def sql_params(drugs, events):
    p = {"d%d" % i: n for i, n in enumerate(drugs)}
    p.update({"e%d" % i: n for i, n in enumerate(events or [])})
    return p


# ---------------------------------------------------------------- DuckDB

DUCK_LOAD = r"""
import duckdb, json, sys
db, files = sys.argv[1], json.loads(sys.argv[2])
con = duckdb.connect(db)
for t, path in files.items():
    if t == "DELETE":
        continue
    # quote/escape off: FAERS has no quoting, and a stray '"' must not swallow delimiters.
    con.execute("CREATE TABLE %s AS SELECT * FROM read_csv(?, delim='$', header=true, "
                "all_varchar=true, quote='', escape='')" % t.lower(), [path])
if files.get("DELETE"):
    con.execute("CREATE TABLE deleted AS SELECT trim(caseid, ' ' || chr(13)) AS caseid FROM read_csv(?, "
                "delim='$', header=false, auto_detect=false, columns={'caseid': 'VARCHAR'}, "
                "quote='', escape='') WHERE trim(coalesce(caseid, ''), ' ' || chr(13)) <> ''", [files["DELETE"]])
else:
    con.execute("CREATE TABLE deleted(caseid VARCHAR)")
con.execute("CHECKPOINT")
counts = {t: con.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
          for t in [k.lower() for k in files if k != "DELETE"] + ["deleted"]}
print(json.dumps(counts))
"""

def duck_sql(n_drugs, n_events):
    names = ", ".join("$d%d" % i for i in range(n_drugs))
    where = ("(lower(d.drugname) IN (%s) OR lower(d.prod_ai) IN (%s))"
             " AND d.caseid NOT IN (SELECT caseid FROM deleted)" % (names, names))
    if n_events:
        where += (" AND d.primaryid IN (SELECT primaryid FROM reac WHERE lower(pt) IN (%s))"
                  % ", ".join("$e%d" % i for i in range(n_events)))
    count = "SELECT count(DISTINCT d.caseid) FROM drug d WHERE " + where
    # all_varchar tables: cast so the page is in numeric caseid order like sqlite's.
    page = ("SELECT DISTINCT CAST(d.caseid AS BIGINT) AS p FROM drug d WHERE %s ORDER BY p LIMIT %d"
            % (where, PAGE))
    return count, page


# ---------------------------------------------------------------- query list

NAMED_DRUGS = ("natalizumab", "adalimumab", "metformin", "Humira", "TYSABRI")
NAMED_PAIRS = (("natalizumab", "Progressive multifocal leukoencephalopathy"),
               ("natalizumab", "Thrombocytopenia"), ("adalimumab", "Death"),
               ("metformin", "Lactic acidosis"), ("metformin", "nausea"))
GLOBAL_EVENTS = ("Nausea", "Death", "Thrombocytopenia")


def build_queries(con, n_drug, n_pair):
    """Deterministic questions spread over drug popularity, chosen from the data itself."""
    # Combinations written FAERS's way (EMTRICITABINE\TENOFOVIR ALAFENAMIDE) are left out: onset
    # folds every spelling of a combination to one key (the brand Descovy, `/` in either order,
    # the backslash), so it finds more rows than the peers' literal prod_ai match (at 40k: 201
    # cases against 173). The questions compare speed over the same answers, not name folding.
    ranked = con.execute(
        "SELECT upper(prod_ai) AS k, count(DISTINCT primaryid) AS n FROM drug WHERE prod_ai <> '' "
        "AND instr(prod_ai, char(92)) = 0 GROUP BY k ORDER BY n DESC, k ASC").fetchall()
    rank_of = {k: i + 1 for i, (k, _) in enumerate(ranked)}
    qs, used = [], set()
    for d in NAMED_DRUGS:
        qs.append({"kind": "drug", "drug": d, "event": None, "rank": rank_of.get(d.upper())})
        used.add(d.upper())
    n_q = max(2, n_drug - len(qs))
    D = len(ranked)
    quantile = []
    for i in range(n_q):
        pos = int(round(i * (D - 1) / (n_q - 1)))
        while pos < D - 1 and ranked[pos][0] in used:
            pos += 1
        k = ranked[pos][0]
        used.add(k)
        quantile.append({"kind": "drug", "drug": k.lower(), "event": None, "rank": pos + 1})
    qs += quantile
    pairs = [{"kind": "drug+event", "drug": d, "event": e, "rank": rank_of.get(d.upper())}
             for d, e in NAMED_PAIRS]
    n_p = max(0, n_pair - len(pairs))
    for i in range(n_p):
        q = quantile[int(i * len(quantile) / max(1, n_p))]
        mode = i % 3
        if mode == 2:
            ev = GLOBAL_EVENTS[i % len(GLOBAL_EVENTS)]  # may co-occur rarely or never: 0 is a valid answer
        else:
            # `+r.primaryid`: one scan of reac against the drug's cases; left to itself the
            # planner skip-scans reac_pt (pt, primaryid) once per drug row, minutes per popular drug.
            co = con.execute(
                "SELECT r.pt, count(DISTINCT r.primaryid) AS n FROM reac r WHERE +r.primaryid IN "
                "(SELECT primaryid FROM drug d WHERE d.drugname = ?1 COLLATE NOCASE OR "
                "d.prod_ai = ?1 COLLATE NOCASE) GROUP BY r.pt ORDER BY n DESC, r.pt ASC",
                (q["drug"],)).fetchall()
            if not co:
                ev = GLOBAL_EVENTS[0]
            else:
                ev = co[0][0] if mode == 0 else co[len(co) // 2][0]
        if i % 5 == 4:
            ev = ev.lower()  # exercise case-insensitive event matching
        pairs.append({"kind": "drug+event", "drug": q["drug"], "event": ev, "rank": q["rank"]})
    out = qs + pairs
    for i, q in enumerate(out):
        q["id"] = "q%03d" % (i + 1)
    return out


# ---------------------------------------------------------------- running

def run_sqlite_queries(db, queries, syn):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    results = {}
    for q in queries:
        drugs, events = expand(q, syn)
        cq, pq = sqlite_sql(len(drugs), len(events or []))
        params = sql_params(drugs, events)
        samples = []
        for _ in range(TIMED_SAMPLES):
            t0 = time.perf_counter()
            n = con.execute(cq, params).fetchone()[0]
            page = [r[0] for r in con.execute(pq, params)]
            samples.append((time.perf_counter() - t0) * 1000)
        raw = con.execute(sqlite_sql(len(drugs), len(events or []), deleted=False)[0], params).fetchone()[0]
        results[q["id"]] = {"count": n, "count_without_deletions": raw, "first_page": page,
                            "first_ms": samples[0], "ms": statistics.median(samples)}
    con.close()
    return results


def run_duck_queries(db, queries, syn, runs=TIMED_SAMPLES):
    import duckdb
    con = duckdb.connect(db, read_only=True)
    results = {}
    for q in queries:
        drugs, events = expand(q, syn)
        cq, pq = duck_sql(len(drugs), len(events or []))
        params = sql_params(drugs, events)
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter()
            n = con.execute(cq, params).fetchone()[0]
            page = [r[0] for r in con.execute(pq, params).fetchall()]
            samples.append((time.perf_counter() - t0) * 1000)
        results[q["id"]] = {"count": n, "first_page": page, "first_ms": samples[0],
                            "ms": statistics.median(samples)}
    con.close()
    return results


def sql_literal(s):
    return "'" + s.replace("'", "''") + "'"


def whole_process(db_sqlite, db_duck, queries, python, syn):
    """Wall time of a fresh process answering one question (count + first page) per engine."""
    out = []
    for q in queries:
        drugs, events = expand(q, syn)
        params = sql_params(drugs, events)
        cq, pq = sqlite_sql(len(drugs), len(events or []))
        # Longest names first, so :d1 is never replaced inside :d10.
        for k in sorted(params, key=len, reverse=True):
            cq = cq.replace(":" + k, sql_literal(params[k]))
            pq = pq.replace(":" + k, sql_literal(params[k]))
        wall_s, rss_s, _ = timed(["sqlite3", "-readonly", db_sqlite, cq + ";", pq + ";"])
        out.append({"id": q["id"], "drug": q["drug"], "event": q["event"],
                    "sqlite3_shell": {"wall_ms": round(wall_s * 1000, 1), "peak_rss_kib": rss_s},
                    "duckdb_python": duck_whole_process(db_duck, q, python, syn)})
    return out


def duck_whole_process(db_duck, q, python, syn):
    """Wall time of a fresh Python process asking DuckDB one question (count + first page)."""
    drugs, events = expand(q, syn)
    params = sql_params(drugs, events)
    dq = duck_sql(len(drugs), len(events or []))
    prog = ("import duckdb,sys,json; p=json.loads(sys.argv[2]); "
            "c=duckdb.connect(sys.argv[1], read_only=True); "
            "print(c.execute(sys.argv[3], p).fetchone()[0]); "
            "print(len(c.execute(sys.argv[4], p).fetchall()))")
    wall_d, rss_d, _ = timed([python, "-c", prog, db_duck, json.dumps(params), dq[0], dq[1]])
    imp, _, _ = timed([python, "-c", "import duckdb"])
    return {"wall_ms": round(wall_d * 1000, 1), "peak_rss_kib": rss_d,
            "of_which_import_duckdb_ms": round(imp * 1000, 1)}


def load_duckdb(files, lines, n_del, ddb):
    """DuckDB's read_csv load of the quarter into a persistent file, timed as one process
    (interpreter start included), with its row counts checked against the files."""
    for suffix in ("", ".wal"):
        if os.path.exists(ddb + suffix):
            os.remove(ddb + suffix)
    print("duckdb: loading", flush=True)
    wall, rss, outp = timed([sys.executable, "-c", DUCK_LOAD, ddb, json.dumps(files)])
    dcounts = json.loads(outp.strip().splitlines()[-1])
    bad = {t: (dcounts[t.lower()], lines[t]) for t in TABLES if dcounts[t.lower()] != lines[t]}
    if bad or dcounts["deleted"] != n_del:
        raise SystemExit("duckdb row counts differ from the files: %r" % bad)
    imp, _, _ = timed([sys.executable, "-c", "import duckdb"])
    return {
        "load": {"wall_s": round(wall, 3), "peak_rss_kib": rss, "rows_checked": True,
                 "of_which_python_and_import_s": round(imp, 3),
                 "method": "CREATE TABLE t AS SELECT * FROM read_csv(path, delim='$', header=true, "
                           "all_varchar=true, quote='', escape='')"},
        "db_bytes": os.path.getsize(ddb), "threads": None}


def duck_threads(ddb):
    import duckdb
    c = duckdb.connect(ddb, read_only=True)
    try:
        return c.execute("SELECT current_setting('threads')").fetchone()[0]
    finally:
        c.close()


def engine_summary(queries, res, runs):
    """p50/p95/max of one engine's timings over the questions, overall and by kind."""
    ms = [res[q["id"]]["ms"] for q in queries]
    first = [res[q["id"]]["first_ms"] for q in queries]
    return {"in_process": dict(summary_ms(ms), timing="median of %d runs of count + first page" % runs),
            "in_process_first_run": summary_ms(first),
            "by_kind": {k: summary_ms([res[q["id"]]["ms"] for q in queries if q["kind"] == k])
                        for k in ("drug", "drug+event")}}


def cmd_duckdb(args):
    """Adds DuckDB to a size whose peers.json was made without it: loads the same files, asks the
    same questions, checks its answers against sqlite3's, and writes the figures into peers.json."""
    path = os.path.join(args.out, "peers.json")
    with open(path) as f:
        report = json.load(f)
    files = quarter_files(report["dataset"]["path"])
    rows = report["dataset"]["rows"]
    ddb = os.path.join(args.work, "peers.duckdb")
    duck = load_duckdb(files, {t: rows[t] for t in TABLES}, rows["DELETE"], ddb)
    syn = Synonyms(args.lexicon)
    queries = [{"id": q["id"], "kind": q["kind"], "drug": q["drug"], "event": q["event"], "rank": q["drug_rank"]}
               for q in report["queries"]]
    print("queries: %d, duckdb in-process, %d run(s) each" % (len(queries), args.runs), flush=True)
    dres = run_duck_queries(ddb, queries, syn, runs=args.runs)
    duck["threads"] = duck_threads(ddb)
    duck["queries"] = engine_summary(queries, dres, args.runs)
    duck["added_utc"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    report["engines"]["duckdb"] = duck
    mismatches = [q["id"] for q in report["queries"] if dres[q["id"]]["count"] != q["count"]]
    for q in report["queries"]:
        q["ms"]["duckdb"] = round(dres[q["id"]]["ms"], 3)
    for w in report["whole_process"]:
        q = next(x for x in queries if x["id"] == w["id"])
        w["duckdb_python"] = duck_whole_process(ddb, q, sys.executable, syn)
    report["mismatches"] = sorted(set(report.get("mismatches", [])) | set(mismatches))
    report["engines_agree"] = not report["mismatches"]
    with open(path, "w") as f:
        json.dump(report, f, indent=1)
    print("duckdb: p95 %.1f ms; counts agree with sqlite3: %s"
          % (duck["queries"]["in_process"]["p95_ms"], not mismatches), flush=True)
    return 0


def cmd_run(args):
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)
    import duckdb
    report = {"schema": "onset-bench/peers/1",
              "created_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "machine": machine_info(duckdb.__version__), "engines": {}}

    # Dataset: generate on demand (timed) so one command covers the whole pipeline.
    gen = None
    if not os.path.isdir(os.path.join(args.data, "ASCII")):
        if args.cases is None:
            raise SystemExit("no dataset at %s and no --cases to generate one" % args.data)
        cmd = [sys.executable, os.path.join(HERE, "faers_gen.py"), "--out", args.data,
               "--cases", str(args.cases), "--seed", str(args.seed), "--quarter", args.quarter,
               "--zipf-offset", str(args.zipf_offset)]
        print("generating:", " ".join(cmd[1:]), flush=True)
        wall, rss, outp = timed(cmd)
        gen = {"wall_s": round(wall, 2), "peak_rss_kib": rss, "summary": outp.strip(),
               "args": cmd[2:]}
        print(outp.strip(), flush=True)
    files = quarter_files(args.data)
    lines = {t: count_lines(files[t]) - 1 for t in TABLES}
    n_del = 0
    if files["DELETE"]:
        with open(files["DELETE"], "rb") as f:
            n_del = sum(1 for l in f if l.strip())
    report["dataset"] = {"path": os.path.abspath(args.data), "generation": gen,
                         "rows": dict(lines, DELETE=n_del),
                         "bytes": sum(os.path.getsize(p) for p in files.values() if p)}

    # sqlite3 shell import, timed as one process (tr children included in the wall clock).
    db = os.path.join(args.work, "peers.sqlite")
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    script = os.path.join(args.work, "import.sql")
    with open(script, "w") as f:
        f.write(sqlite_import_script(files, db))
    print("sqlite3: importing", flush=True)
    wall, rss, _ = timed(["sqlite3", db], stdin_path=script)
    con = sqlite3.connect(db)
    got = {t: con.execute("SELECT count(*) FROM %s" % t.lower()).fetchone()[0] for t in TABLES}
    got_del = con.execute("SELECT count(*) FROM deleted").fetchone()[0]
    # A CR left in the last column would silently break equality on that column.
    with_cr = {t: con.execute("SELECT count(*) FROM %s WHERE %s LIKE '%%' || char(13)"
                              % (t.lower(), header_cols(files[t])[-1])).fetchone()[0] for t in TABLES}
    con.close()
    if any(with_cr.values()):
        raise SystemExit("sqlite3 import kept carriage returns: %r" % with_cr)
    bad = {t: (got[t], lines[t]) for t in TABLES if got[t] != lines[t]}
    if bad or got_del != n_del:
        raise SystemExit("sqlite3 import row counts differ from the files: %r deleted %d/%d"
                         % (bad, got_del, n_del))
    sq = {"import": {"wall_s": round(wall, 3), "peak_rss_kib": rss, "rows_checked": True,
                     "method": ".mode ascii, .separator '$' '\\n', .import --skip 1 from '|tr -d \\r'"}}
    idx_script = os.path.join(args.work, "index.sql")
    with open(idx_script, "w") as f:
        f.write("".join(s + ";\n" for s in SQLITE_INDEXES))
    print("sqlite3: indexing", flush=True)
    wall, rss, _ = timed(["sqlite3", db], stdin_path=idx_script)
    sq["index"] = {"wall_s": round(wall, 3), "peak_rss_kib": rss, "statements": SQLITE_INDEXES}
    sq["db_bytes"] = os.path.getsize(db)
    report["engines"]["sqlite3"] = sq

    ddb = os.path.join(args.work, "peers.duckdb")
    report["engines"]["duckdb"] = load_duckdb(files, lines, n_del, ddb)

    # Queries.
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    queries = build_queries(con, args.drug_queries, args.pair_queries)
    con.close()
    syn = Synonyms(args.lexicon)
    print("queries: %d, sqlite3 in-process" % len(queries), flush=True)
    sres = run_sqlite_queries(db, queries, syn)
    print("queries: duckdb in-process", flush=True)
    dres = run_duck_queries(ddb, queries, syn)
    report["engines"]["duckdb"]["threads"] = duck_threads(ddb)
    mismatches = []
    for q in queries:
        s, d = sres[q["id"]], dres[q["id"]]
        if s["count"] != d["count"] or s["first_page"] != d["first_page"]:
            mismatches.append(q["id"])
    for name, res in (("sqlite3", sres), ("duckdb", dres)):
        report["engines"][name]["queries"] = engine_summary(queries, res, TIMED_SAMPLES)
    # A few fresh-process timings: top, middle, rare drug and one pair.
    drugq = [q for q in queries if q["kind"] == "drug" and q["rank"]]
    drugq.sort(key=lambda q: q["rank"])
    pick = [drugq[0], drugq[len(drugq) // 2], drugq[-1]]
    pick += [q for q in queries if q["kind"] == "drug+event"][:1]
    print("whole-process timings", flush=True)
    report["whole_process"] = whole_process(db, ddb, pick, sys.executable, syn)
    report["engines_agree"] = not mismatches
    report["mismatches"] = mismatches
    report["queries"] = [
        {"id": q["id"], "kind": q["kind"], "drug": q["drug"], "event": q["event"],
         "drug_rank": q["rank"], "count": sres[q["id"]]["count"],
         "ms": {"sqlite3": round(sres[q["id"]]["ms"], 3), "duckdb": round(dres[q["id"]]["ms"], 3)}}
        for q in queries]
    export = {"schema": "onset-bench/queries/1",
              "dataset": {"path": report["dataset"]["path"], "rows": report["dataset"]["rows"]},
              "semantics": {
                  "case": "caseid (one version per case within a quarter)",
                  "drug_match": "drugname or prod_ai equals, ASCII case-insensitive, whole value, any of "
                                "drug_names: the query and every name the lexicon gives the same generic",
                  "event_match": "pt equals any of event_names (the query and its lexicon synonyms), likewise",
                  "deleted": "caseids listed in Deleted/DELETEyyQq.txt are excluded from count and page",
                  "first_page": "the %d smallest matching caseids, numeric order (file order)" % PAGE},
              "queries": [
                  {"id": q["id"], "kind": q["kind"], "drug": q["drug"], "event": q["event"],
                   "drug_names": expand(q, syn)[0], "event_names": expand(q, syn)[1],
                   "drug_rank": q["rank"], "expected_count": sres[q["id"]]["count"],
                   "count_without_deletions": sres[q["id"]]["count_without_deletions"],
                   "expected_first_page": sres[q["id"]]["first_page"]}
                  for q in queries]}
    with open(os.path.join(args.out, "queries.json"), "w") as f:
        json.dump(export, f, indent=1)
        f.write("\n")
    with open(os.path.join(args.out, "peers.json"), "w") as f:
        json.dump(report, f, indent=1)
        f.write("\n")
    print_summary(report)
    if mismatches:
        print("WARNING: sqlite3 and duckdb disagree on %s" % ", ".join(mismatches))
        return 1
    return 0


def print_summary(r):
    ds = r["dataset"]
    print("dataset: %d cases, %d drug rows, %.1f MB" % (ds["rows"]["DEMO"], ds["rows"]["DRUG"],
                                                       ds["bytes"] / 1e6))
    if ds.get("generation"):
        print("generation: %.1f s, peak RSS %.0f MB" % (ds["generation"]["wall_s"],
                                                       ds["generation"]["peak_rss_kib"] / 1024))
    s, d = r["engines"]["sqlite3"], r["engines"]["duckdb"]
    print("sqlite3 import: %.2f s (peak RSS %.0f MB); indexes: %.2f s"
          % (s["import"]["wall_s"], s["import"]["peak_rss_kib"] / 1024, s["index"]["wall_s"]))
    print("duckdb load:    %.2f s (peak RSS %.0f MB)" % (d["load"]["wall_s"], d["load"]["peak_rss_kib"] / 1024))
    for name in ("sqlite3", "duckdb"):
        q = r["engines"][name]["queries"]["in_process"]
        print("%-8s queries: n=%d p50 %.2f ms, p95 %.2f ms, max %.2f ms"
              % (name, q["n"], q["p50_ms"], q["p95_ms"], q["max_ms"]))
    for w in r["whole_process"]:
        print("whole process %-40s sqlite3 %.0f ms, duckdb %.0f ms"
              % ((w["drug"] + (" + " + w["event"] if w["event"] else ""))[:40],
                 w["sqlite3_shell"]["wall_ms"], w["duckdb_python"]["wall_ms"]))
    print("engines agree on all counts and pages: %s" % r["engines_agree"])


def cmd_merge(args):
    """Union engines and per-query timings of several result files (same query ids)."""
    merged = None
    for path in args.files:
        with open(path) as f:
            r = json.load(f)
        if merged is None:
            merged = r
            continue
        merged.setdefault("engines", {}).update(r.get("engines", {}))
        byid = {q["id"]: q for q in merged.get("queries", [])}
        for q in r.get("queries", []):
            if q["id"] in byid:
                mine = byid[q["id"]]
                mine.setdefault("ms", {}).update(q.get("ms", {}))
                if "count" in q and q["count"] != mine.get("count"):
                    mine.setdefault("count_mismatch", {})[path] = q["count"]
            else:
                merged["queries"].append(q)
    json.dump(merged, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="import, index, load and query with sqlite3 and duckdb")
    r.add_argument("--data", required=True, help="FAERS folder (ASCII/, Deleted/); generated if absent")
    r.add_argument("--work", required=True, help="scratch folder for the databases (outside git)")
    r.add_argument("--out", default="bench-results")
    r.add_argument("--cases", type=int, help="generate this many cases when --data is absent")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--quarter", default="25Q1")
    r.add_argument("--zipf-offset", type=float, default=10.0,
                   help="passed to faers_gen.py; 10 keeps the top drug near 7%% of cases")
    r.add_argument("--lexicon", default=default_lexicon_dir(),
                   help="onset's lexicon folder, for the synonyms the peers are asked with")
    r.add_argument("--drug-queries", type=int, default=100)
    r.add_argument("--pair-queries", type=int, default=50)
    d = sub.add_parser("duckdb", help="add DuckDB to a size's peers.json made without it")
    d.add_argument("--work", required=True, help="scratch folder for the DuckDB file (outside git)")
    d.add_argument("--out", required=True, help="the size's results folder holding peers.json")
    d.add_argument("--runs", type=int, default=TIMED_SAMPLES, help="timed runs per question (median)")
    d.add_argument("--lexicon", default=default_lexicon_dir())
    m = sub.add_parser("merge", help="merge peers.json with onset's results file(s)")
    m.add_argument("files", nargs="+")
    args = ap.parse_args(argv)
    return {"run": cmd_run, "duckdb": cmd_duckdb, "merge": cmd_merge}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
