#!/usr/bin/env python3
"""Fill an onset library with synthetic cases for timing `onset stats` at scale.

Usage:
    onset import Data --db /tmp/big.sqlite              # creates the schema (and 14 real cases)
    scripts/stats_synth_library.py /tmp/big.sqlite 400000

Rows go straight into cases, case_drugs, case_events and case_intervals the way the library
writer lays them out (one own-key row per drug and event with its place in the case, and an
interval row only for a suspect drug x event pair that has a figure),
with drug and event names from Data/lexicon and a skewed popularity (the first name of a shuffled
list is drawn ~8% of the time). The narrative index and the case JSON are left empty: statistics
do not read them, but `onset show` on a synthetic case will not work. Deterministic (seeded).
"""
import json
import os
import random
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LEXICON = os.path.join(HERE, "..", "Data", "lexicon")


def event_key(term):
    # TermKey.event: lower case, then the British digraphs folded the American way.
    return term.lower().replace("ae", "e").replace("oe", "e")


def main(path, n):
    drugs = [d["generic"] for d in json.load(open(os.path.join(LEXICON, "drugs.json")))["drugs"]]
    events = [e["preferred"] for e in json.load(open(os.path.join(LEXICON, "events.json")))["events"]]
    shuffle = random.Random(7)
    shuffle.shuffle(drugs)
    shuffle.shuffle(events)
    rng = random.Random(1)

    def popular(pool):
        return pool[int(len(pool) * rng.random() ** 3)]

    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    source = db.execute("INSERT INTO sources (key, kind, format, imported_at) "
                        "VALUES ('synthetic', 'faers', 'synthetic', '2026-01-01')").lastrowid
    sexes = ["female", "male", None, "unknown"]
    outcomes = [None, "recovered", "fatal", "recovering", "not-recovered", "unknown"]
    cur = db.cursor()
    for i in range(n):
        age = None if rng.random() < 0.3 else round(rng.random() * 90, 1)
        cur.execute("INSERT INTO cases (id, source_id, kind, status, age_years, sex, outcome, serious, suspects, events, json) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (f"syn-{i}", source, "faers", "final", age, rng.choice(sexes), rng.choice(outcomes),
                     rng.choice([0, 1, None]), "", "", "{}"))
        case = cur.lastrowid
        ds = list(dict.fromkeys(popular(drugs) for _ in range(1 + int(rng.random() * 6))))
        es = list(dict.fromkeys(popular(events) for _ in range(1 + int(rng.random() * 5))))
        roles = ["suspect"] + [rng.choice(["suspect", "concomitant", "concomitant"]) for _ in ds[1:]]
        for pos, (d, role) in enumerate(zip(ds, roles)):
            cur.execute("INSERT INTO case_drugs (case_n, key, name, role, pos) VALUES (?,?,?,?,?)", (case, d.lower(), d, role, pos))
        for pos, e in enumerate(es):
            cur.execute("INSERT INTO case_events (case_n, key, term, pos) VALUES (?,?,?,?)", (case, event_key(e), e, pos))
        for drug_pos, role in enumerate(roles):
            if role != "suspect":
                continue
            for event_pos in range(len(es)):
                u = rng.random()
                if u < 0.4:
                    first = (None, None)                      # no dates
                elif u < 0.8:
                    t = int(rng.expovariate(1 / 30))
                    first = (t, t)                            # exact day
                else:
                    t = int(rng.expovariate(1 / 30))
                    first = (t, t + rng.choice([1, 30, 60, 400]))  # a range, sometimes too wide
                if first[0] is None:
                    continue                                  # a pair without figures has no row
                cur.execute("INSERT INTO case_intervals (case_n, drug_pos, event_pos, first_min, first_max, basis) "
                            "VALUES (?,?,?,?,?,?)", (case, drug_pos, event_pos, first[0], first[1], "dates"))
        if i % 50000 == 0:
            db.commit()
    db.commit()
    db.execute("ANALYZE")
    db.commit()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
