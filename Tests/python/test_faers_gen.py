"""Checks scripts/faers_gen.py: determinism, FAERS 2014Q3+ layout, referential integrity and shape."""

import collections
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GEN = os.path.join(ROOT, "scripts", "faers_gen.py")
N = 2000

# Column lists copied from the research notes (data-formats.md §1.2), not from the generator,
# so a drift in the generator's headers is caught.
EXPECTED_HEADERS = {
    "DEMO": "primaryid$caseid$caseversion$i_f_code$event_dt$mfr_dt$init_fda_dt$fda_dt$rept_cod$auth_num$mfr_num$mfr_sndr$lit_ref$age$age_cod$age_grp$sex$e_sub$wt$wt_cod$rept_dt$to_mfr$occp_cod$reporter_country$occr_country",
    "DRUG": "primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq",
    "REAC": "primaryid$caseid$pt$drug_rec_act",
    "OUTC": "primaryid$caseid$outc_cod",
    "RPSR": "primaryid$caseid$rpsr_cod",
    "THER": "primaryid$caseid$dsg_drug_seq$start_dt$end_dt$dur$dur_cod",
    "INDI": "primaryid$caseid$indi_drug_seq$indi_pt",
}


def generate(out, *extra):
    subprocess.run([sys.executable, GEN, "--cases", str(N), "--out", out, *extra],
                   check=True, stdout=subprocess.DEVNULL)


def file_hashes(folder):
    out = {}
    for sub in ("ASCII", "Deleted"):
        d = os.path.join(folder, sub)
        for name in sorted(os.listdir(d)):
            with open(os.path.join(d, name), "rb") as f:
                out[sub + "/" + name] = hashlib.sha256(f.read()).hexdigest()
    return out


def read_table(folder, table, quarter="25Q1"):
    """(header, rows) with each row split on '$'; asserts CRLF on every line."""
    path = os.path.join(folder, "ASCII", "%s%s.txt" % (table, quarter))
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\r\n")
    assert lines[-1] == b"", "file must end with CRLF"
    lines = lines[:-1]
    assert not any(b"\n" in l or b"\r" in l for l in lines), "bare CR/LF inside a line"
    text = [l.decode("latin-1") for l in lines]
    return text[0], [l.split("$") for l in text[1:]]


class FaersGenTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="faers-gen-test-")
        cls.a = os.path.join(cls.tmp, "a")
        cls.b = os.path.join(cls.tmp, "b")
        cls.c = os.path.join(cls.tmp, "c")
        cls.a2 = os.path.join(cls.tmp, "a2")
        generate(cls.a, "--followups", cls.a2)
        generate(cls.b)
        generate(cls.c, "--seed", "2")
        cls.tables = {t: read_table(cls.a, t) for t in EXPECTED_HEADERS}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_same_seed_is_byte_identical(self):
        ha, hb = file_hashes(self.a), file_hashes(self.b)
        self.assertEqual(sorted(ha), sorted(hb))
        self.assertEqual(len(ha), 8)
        for name in ha:
            self.assertEqual(ha[name], hb[name], name)

    def test_different_seed_differs(self):
        ha, hc = file_hashes(self.a), file_hashes(self.c)
        self.assertNotEqual(ha["ASCII/DEMO25Q1.txt"], hc["ASCII/DEMO25Q1.txt"])
        self.assertNotEqual(ha["ASCII/DRUG25Q1.txt"], hc["ASCII/DRUG25Q1.txt"])

    def test_headers_and_field_counts(self):
        for t, expected in EXPECTED_HEADERS.items():
            header, rows = self.tables[t]
            self.assertEqual(header, expected, t)
            n = len(expected.split("$"))
            for r in rows:
                self.assertEqual(len(r), n, "%s row %r" % (t, r[:3]))

    def test_ids_link_to_demo(self):
        _, demo = self.tables["DEMO"]
        self.assertEqual(len(demo), N)
        pids = {r[0]: r for r in demo}
        self.assertEqual(len(pids), N, "primaryid must be unique in DEMO")
        self.assertEqual(len({r[1] for r in demo}), N, "one version per caseid in a quarter")
        for r in demo:
            self.assertEqual(r[0], r[1] + r[2], "primaryid = caseid + caseversion")
            self.assertEqual(r[3], "I" if r[2] == "1" else "F")
        for t in ("DRUG", "REAC", "THER", "INDI", "OUTC", "RPSR"):
            for r in self.tables[t][1]:
                self.assertIn(r[0], pids, t)
                self.assertEqual(pids[r[0]][1], r[1], "%s caseid matches DEMO" % t)

    def test_tables_sorted_by_primaryid(self):
        # Old caseids (follow-ups from earlier quarters) stay below the new band, so every table
        # is sorted by caseid and so by primaryid as text: a merge join can stream them.
        for t in EXPECTED_HEADERS:
            keys = [r[0] for r in self.tables[t][1]]
            self.assertEqual(keys, sorted(keys), t)
        ids = [int(r[1]) for r in self.tables["DEMO"][1]]
        self.assertEqual(ids, sorted(set(ids)))

    def test_ther_and_indi_point_at_existing_drugs(self):
        seqs = {(r[0], r[2]) for r in self.tables["DRUG"][1]}
        for t in ("THER", "INDI"):
            for r in self.tables[t][1]:
                self.assertIn((r[0], r[2]), seqs, t)

    def test_one_primary_suspect_per_case(self):
        ps = collections.Counter(r[0] for r in self.tables["DRUG"][1] if r[3] == "PS")
        self.assertEqual(len(ps), N)
        self.assertEqual(set(ps.values()), {1})
        roles = collections.Counter(r[3] for r in self.tables["DRUG"][1])
        self.assertEqual(set(roles), {"PS", "SS", "C", "I"})

    def test_rows_per_case(self):
        drugs = len(self.tables["DRUG"][1]) / N
        reacs = len(self.tables["REAC"][1]) / N
        self.assertTrue(3.5 <= drugs <= 4.5, drugs)
        self.assertTrue(2.5 <= reacs <= 3.5, reacs)
        for t in ("DRUG", "REAC"):
            self.assertEqual(len({r[0] for r in self.tables[t][1]}), N, "at least one %s row" % t)
        outc = collections.Counter(r[0] for r in self.tables["OUTC"][1])
        self.assertLessEqual(max(outc.values()), 3)
        self.assertTrue(0.5 * N < len(outc) < 0.8 * N, len(outc))

    def test_drug_popularity_is_skewed(self):
        counts = collections.Counter((r[5] or r[4]).upper() for r in self.tables["DRUG"][1])
        top = counts.most_common(1)[0][1]
        med = statistics.median(counts.values())
        self.assertGreater(top, 10 * med)
        names = [n for n, _ in counts.most_common(10)]
        for real in ("ADALIMUMAB", "METFORMIN", "NATALIZUMAB"):
            self.assertIn(real, names)
        pts = collections.Counter(r[2] for r in self.tables["REAC"][1])
        top_pts = [n for n, _ in pts.most_common(15)]
        for real in ("Nausea", "Death", "Thrombocytopenia"):
            self.assertIn(real, top_pts)

    def test_dates_are_faers_shaped(self):
        _, demo = self.tables["DEMO"]
        _, ther = self.tables["THER"]
        for r in demo:
            for i in (6, 7):  # init_fda_dt, fda_dt: full dates
                self.assertEqual(len(r[i]), 8)
                self.assertTrue(r[i].isdigit())
            self.assertIn(len(r[4]), (0, 4, 6, 8))
        lengths = collections.Counter(len(r[3]) for r in ther) + collections.Counter(len(r[4]) for r in ther)
        filled = sum(v for k, v in lengths.items() if k)
        partial = lengths[4] + lengths[6]
        self.assertTrue(0.05 < partial / filled < 0.16, partial / filled)
        with_event = sum(1 for r in demo if r[4]) / N
        self.assertTrue(0.5 < with_event < 0.7, with_event)

    def test_deleted_list(self):
        path = os.path.join(self.a, "Deleted", "DELETE25Q1.txt")
        with open(path, "rb") as f:
            lines = f.read().split(b"\r\n")
        self.assertEqual(lines[0], b" ")
        self.assertEqual(lines[-1], b"")
        ids = lines[1:-1]
        self.assertTrue(ids)
        self.assertTrue(all(x.isdigit() for x in ids))

    def test_followups_supersede_first_quarter(self):
        _, demo1 = self.tables["DEMO"]
        _, demo2 = read_table(self.a2, "DEMO", "25Q2")
        v1 = {r[1]: int(r[2]) for r in demo1}
        again = [(r[1], int(r[2])) for r in demo2 if r[1] in v1]
        self.assertTrue(0.05 * N < len(again) < 0.15 * N, len(again))
        for cid, v in again:
            self.assertGreater(v, v1[cid])
        for r in demo2:
            self.assertTrue("20250401" <= r[7] <= "20250630", r[7])
        for t in ("DRUG", "REAC"):
            header, rows = read_table(self.a2, t, "25Q2")
            self.assertEqual(header, EXPECTED_HEADERS[t])
            pids = {r[0] for r in demo2}
            self.assertTrue(all(r[0] in pids for r in rows))


if __name__ == "__main__":
    unittest.main()
