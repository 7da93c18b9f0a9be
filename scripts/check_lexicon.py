#!/usr/bin/env python3
"""Check onset's drug and reaction lexicons (Data/lexicon/*.json).

Usage: scripts/check_lexicon.py [DRUGS_JSON EVENTS_JSON]

Without arguments the files are looked up relative to the repository root
(the parent of this script's directory).  Python 3 standard library only.

Checks:
  * top-level keys and format strings;
  * every entry has exactly the expected keys with the expected types;
  * at least MIN_ENTRIES generics and MIN_ENTRIES reaction terms;
  * no empty strings, no leading/trailing/doubled blanks, no control
    characters anywhere;
  * generics are lower case; preferred terms start with a capital letter
    or a digit (sentence case);
  * entries are sorted by generic / preferred term (case-insensitive);
  * every generic and every name is unique, case-insensitively, across the
    whole drug file (so no name can map to two generics), and likewise every
    preferred term and synonym across the event file;
  * no string is both a drug name and a reaction term.

Exits 1 after printing every problem found, naming the entry concerned.
On success prints one summary line:
  drugs: N generics, M names; events: N terms, M synonyms
"""

import json
import os
import sys
import unicodedata

MIN_ENTRIES = 500
DRUGS_FORMAT = "onset.lexicon.drugs/1"
EVENTS_FORMAT = "onset.lexicon.events/1"


class Checker:
    def __init__(self):
        self.errors = []

    def fail(self, where, message):
        self.errors.append(f"{where}: {message}")

    def check_text(self, where, what, value):
        """A non-empty, clean, single-line string. Returns True if usable."""
        if not isinstance(value, str):
            self.fail(where, f"{what} is not a string: {value!r}")
            return False
        if value == "" or value.strip() == "":
            self.fail(where, f"{what} is empty")
            return False
        for ch in value:
            if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
                self.fail(where, f"{what} {value!r} contains control character U+{ord(ch):04X}")
                return False
        if value != value.strip():
            self.fail(where, f"{what} {value!r} has leading or trailing blanks")
        if "  " in value:
            self.fail(where, f"{what} {value!r} has doubled blanks")
        return True

    def load(self, path, fmt, key):
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except OSError as e:
            self.fail(path, f"cannot read: {e}")
            return []
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            self.fail(path, f"not valid UTF-8 JSON: {e}")
            return []
        if not isinstance(doc, dict):
            self.fail(path, "top level is not an object")
            return []
        if set(doc) != {"format", key}:
            self.fail(path, f"top-level keys must be exactly 'format' and '{key}', found {sorted(doc)}")
        if doc.get("format") != fmt:
            self.fail(path, f"format must be {fmt!r}, found {doc.get('format')!r}")
        entries = doc.get(key)
        if not isinstance(entries, list):
            self.fail(path, f"'{key}' is not a list")
            return []
        return entries

    def check_entries(self, path, entries, kind):
        """Validate one lexicon; return (valid entry count, alias count, {lowered: owner})."""
        if kind == "drugs":
            head_key, list_key, extra = "generic", "names", {"class"}
            head_what, item_what = "generic", "name"
        else:
            head_key, list_key, extra = "preferred", "synonyms", set()
            head_what, item_what = "preferred term", "synonym"
        expected = {head_key, list_key} | extra
        owner = {}  # lower-cased string -> head of the entry that holds it
        heads = []
        aliases = 0
        for i, e in enumerate(entries):
            where = f"{os.path.basename(path)} entry #{i + 1}"
            if not isinstance(e, dict):
                self.fail(where, "entry is not an object")
                continue
            head = e.get(head_key)
            if isinstance(head, str) and head:
                where = f"{os.path.basename(path)} entry #{i + 1} ({head_key} {head!r})"
            if set(e) != expected:
                self.fail(where, f"keys must be exactly {sorted(expected)}, found {sorted(e)}")
            if not self.check_text(where, head_what, head):
                continue
            heads.append(head)
            if kind == "drugs":
                if head != head.lower():
                    self.fail(where, "generic must be lower case")
                self.check_text(where, "class", e.get("class"))
            else:
                if not (head[0].isupper() or head[0].isdigit()):
                    self.fail(where, "preferred term must be in sentence case (start with a capital)")
            items = e.get(list_key)
            if not isinstance(items, list):
                self.fail(where, f"'{list_key}' is not a list")
                items = []
            for s in [head] + items:
                what = head_what if s is head else item_what
                if not self.check_text(where, what, s):
                    continue
                if s is not head:
                    aliases += 1
                low = s.lower()
                prev = owner.get(low)
                if prev is None:
                    owner[low] = head
                elif prev == head:
                    self.fail(where, f"{what} {s!r} is repeated within the entry")
                else:
                    self.fail(where, f"{what} {s!r} also belongs to {prev!r}")
        for a, b in zip(heads, heads[1:]):
            if a.lower() > b.lower():
                self.fail(os.path.basename(path), f"entries not sorted: {a!r} comes before {b!r}")
        return len(heads), aliases, owner


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if len(argv) == 3:
        drugs_path, events_path = argv[1], argv[2]
    elif len(argv) == 1:
        drugs_path = os.path.join(root, "Data", "lexicon", "drugs.json")
        events_path = os.path.join(root, "Data", "lexicon", "events.json")
    else:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2

    c = Checker()
    drugs = c.load(drugs_path, DRUGS_FORMAT, "drugs")
    events = c.load(events_path, EVENTS_FORMAT, "events")
    n_drugs, n_names, drug_owner = c.check_entries(drugs_path, drugs, "drugs")
    n_events, n_syns, event_owner = c.check_entries(events_path, events, "events")

    if n_drugs < MIN_ENTRIES:
        c.fail(os.path.basename(drugs_path), f"only {n_drugs} generics, need at least {MIN_ENTRIES}")
    if n_events < MIN_ENTRIES:
        c.fail(os.path.basename(events_path), f"only {n_events} reaction terms, need at least {MIN_ENTRIES}")
    for low in sorted(set(drug_owner) & set(event_owner)):
        c.fail("drugs.json/events.json",
               f"{low!r} is both a name of drug {drug_owner[low]!r} and a term of event {event_owner[low]!r}")

    if c.errors:
        for msg in c.errors:
            print(msg, file=sys.stderr)
        print(f"check_lexicon: {len(c.errors)} problem(s)", file=sys.stderr)
        return 1
    print(f"drugs: {n_drugs} generics, {n_names} names; events: {n_events} terms, {n_syns} synonyms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
