"""The benchmark's questions get the same answers from onset as from sqlite3 over the same files.

Generates 2,000 cases, loads them into bare sqlite3 tables the way scripts/bench_peers.py does,
picks the benchmark's drug and drug + event questions, imports the folder into a new onset
library and asks onset the same questions through `onset bench-queries`: counts and first pages
must agree. Needs a built onset (`make unit` builds one; ONSET_BIN overrides where to find it).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import bench_peers  # noqa: E402

N = 2000


def onset_binary():
    cands = [os.environ.get("ONSET_BIN", "")] + [os.path.join(ROOT, ".build", c, "onset")
                                                  for c in ("debug", "release")]
    for c in cands:
        if c and os.access(c, os.X_OK):
            return c
    return None


class BenchQueriesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.onset = onset_binary()
        if cls.onset is None:
            raise unittest.SkipTest("no onset binary (run `swift build` first or set ONSET_BIN)")
        if shutil.which("sqlite3") is None:
            raise unittest.SkipTest("no sqlite3 shell (make deps installs it)")
        cls.tmp = tempfile.mkdtemp(prefix="bench-queries-test-")
        cls.data = os.path.join(cls.tmp, "q")
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "faers_gen.py"), "--out", cls.data,
                        "--cases", str(N), "--seed", "3", "--zipf-offset", "10"],
                       check=True, stdout=subprocess.DEVNULL)
        files = bench_peers.quarter_files(cls.data)
        cls.peer_db = os.path.join(cls.tmp, "peers.sqlite")
        script = bench_peers.sqlite_import_script(files, cls.peer_db)
        subprocess.run(["sqlite3", cls.peer_db], input=script.encode(), check=True, stdout=subprocess.DEVNULL)
        con = sqlite3.connect(cls.peer_db)
        for stmt in bench_peers.SQLITE_INDEXES:
            con.execute(stmt)
        con.commit()
        cls.queries = bench_peers.build_queries(con, 100, 50)
        con.close()
        cls.syn = bench_peers.Synonyms(bench_peers.default_lexicon_dir())
        cls.expected = bench_peers.run_sqlite_queries(cls.peer_db, cls.queries, cls.syn)
        qfile = os.path.join(cls.tmp, "queries.json")
        with open(qfile, "w") as f:
            json.dump({"queries": cls.queries}, f)
        lib = os.path.join(cls.tmp, "library.sqlite")
        env = dict(os.environ, ONSET_LEXICON=os.path.join(ROOT, "Data", "lexicon"))
        subprocess.run([cls.onset, "import", "--db", lib, cls.data], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        out = subprocess.run([cls.onset, "bench-queries", "--db", lib, "--runs", "1", qfile],
                             check=True, env=env, stdout=subprocess.PIPE).stdout
        cls.got = {q["id"]: q for q in json.loads(out)["queries"]}
        # The same questions through stored key sets: 2,000 cases earn none, so build them for every
        # key with 5+ rows (in a large library only the common keys have one).
        built = subprocess.run([cls.onset, "bench-key-sets", "--db", lib, "--min-rows", "5"], check=True, env=env,
                               stdout=subprocess.PIPE).stdout.decode()
        cls.sets_built = int(built.split()[0])
        out = subprocess.run([cls.onset, "bench-queries", "--db", lib, "--runs", "1", qfile],
                             check=True, env=env, stdout=subprocess.PIPE).stdout
        cls.got_sets = {q["id"]: q for q in json.loads(out)["queries"]}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_questions_span_popularity_and_pairs(self):
        kinds = [q["kind"] for q in self.queries]
        self.assertEqual(kinds.count("drug"), 100)
        self.assertEqual(kinds.count("drug+event"), 50)
        counts = [self.expected[q["id"]]["count"] for q in self.queries if q["kind"] == "drug"]
        self.assertGreater(max(counts), 50 * max(1, min(counts)))

    def test_same_counts_as_sqlite(self):
        diffs = [(q["id"], q["drug"], q["event"], self.expected[q["id"]]["count"], self.got[q["id"]]["count"])
                 for q in self.queries if self.expected[q["id"]]["count"] != self.got[q["id"]]["count"]]
        self.assertEqual(diffs, [])

    def test_same_first_pages_as_sqlite(self):
        diffs = []
        for q in self.queries:
            want = [int(x) for x in self.expected[q["id"]]["first_page"]]
            have = [int(x.split("-", 1)[1]) for x in self.got[q["id"]]["first_page"]]
            if want != have:
                diffs.append(q["id"])
        self.assertEqual(diffs, [])

    def test_key_sets_give_the_same_answers(self):
        self.assertGreater(self.sets_built, 100)
        diffs = []
        for q in self.queries:
            want = (self.expected[q["id"]]["count"], [int(x) for x in self.expected[q["id"]]["first_page"]])
            have = (self.got_sets[q["id"]]["count"], [int(x.split("-", 1)[1]) for x in self.got_sets[q["id"]]["first_page"]])
            if want != have:
                diffs.append(q["id"])
        self.assertEqual(diffs, [])

    def test_brand_names_count_the_generic(self):
        byname = {q["drug"]: self.got[q["id"]]["count"] for q in self.queries if q["kind"] == "drug"}
        self.assertEqual(byname["Humira"], byname["adalimumab"])
        self.assertEqual(byname["TYSABRI"], byname["natalizumab"])


if __name__ == "__main__":
    unittest.main()
