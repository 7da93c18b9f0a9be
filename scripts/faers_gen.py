#!/usr/bin/env python3
"""Generate a deterministic, realistically shaped FAERS quarterly ASCII folder (2014Q3+ layout) for scale tests."""

# Usage:
#   scripts/faers_gen.py --out DIR [--cases 400000] [--seed 1] [--quarter 25Q1]
#                        [--followups DIR2 [--followup-rate 0.10] [--followup-new 0.15]]
# Writes DIR/ASCII/{DEMO,DRUG,REAC,OUTC,RPSR,THER,INDI}yyQq.txt and DIR/Deleted/DELETEyyQq.txt.
# With --followups, also writes the next quarter to DIR2: higher versions of a deterministic
# subset of DIR's cases (so loaders must supersede), new cases, and a deleted list that names
# some of DIR's cases.
#
# Determinism: every case draws from its own Random seeded by (seed, caseid), and the caseid
# sequence from a Random seeded by (seed, quarter). No sets/dicts are iterated into output and
# no clock is read, so the same arguments give byte-identical files. Case sampling uses only
# random.random() and our own transforms of it: its sequence is stable across Python versions,
# while helpers such as gauss/choices have changed algorithms or keep hidden state.

import argparse
import bisect
import datetime
import math
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faers_lexicon as lex  # noqa: E402

HEADERS = {
    "DEMO": "primaryid$caseid$caseversion$i_f_code$event_dt$mfr_dt$init_fda_dt$fda_dt$rept_cod$"
            "auth_num$mfr_num$mfr_sndr$lit_ref$age$age_cod$age_grp$sex$e_sub$wt$wt_cod$rept_dt$"
            "to_mfr$occp_cod$reporter_country$occr_country",
    "DRUG": "primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$"
            "cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$"
            "dose_form$dose_freq",
    "REAC": "primaryid$caseid$pt$drug_rec_act",
    "OUTC": "primaryid$caseid$outc_cod",
    "RPSR": "primaryid$caseid$rpsr_cod",
    "THER": "primaryid$caseid$dsg_drug_seq$start_dt$end_dt$dur$dur_cod",
    "INDI": "primaryid$caseid$indi_drug_seq$indi_pt",
}
TABLES = ("DEMO", "DRUG", "REAC", "OUTC", "RPSR", "THER", "INDI")
EOL = "\r\n"  # FAERS tables are CRLF

COUNTRIES = (("US", 55), ("GB", 5), ("JP", 5), ("FR", 4), ("DE", 4), ("CA", 4), ("IT", 3),
             ("ES", 2), ("BR", 2), ("CN", 2), ("AU", 2), ("NL", 1.5), ("IN", 1.5), ("KR", 1),
             ("SE", 1), ("CH", 1), ("BE", 1), ("PL", 1), ("MX", 1), ("AR", 1), ("TR", 0.5),
             ("DK", 0.5), ("AT", 0.5), ("IL", 0.5), ("ZA", 0.5), ("CO", 0.5), ("", 1))
COMPANIES = (("PFIZER", "PFIZER INC", 9), ("NOVARTIS", "NOVARTIS", 7), ("JANSSEN", "JNJFOC", 6),
             ("ABBVIE", "ABBVIE", 8), ("AMGEN", "AMGEN", 5), ("ROCHE", "ROCHE", 5),
             ("MERCK", "MSD", 4), ("BRISTOL MYERS SQUIBB", "BRISTOL-MYERS SQUIBB COMPANY", 4),
             ("CELGENE", "CELGENEUS", 3), ("BIOGEN", "BIOGEN", 3), ("SANOFI", "SA", 4),
             ("GLAXOSMITHKLINE", "GSK", 4), ("ASTRAZENECA", "ASTRAZENECA", 4),
             ("ELI LILLY AND CO", "LILLY", 4), ("TEVA", "TEVA", 3), ("BAYER", "BAYER", 3),
             ("TAKEDA", "TAKEDA", 3), ("NOVO NORDISK", "NOVOPROD", 3), ("GILEAD", "GILEAD", 2),
             ("BOEHRINGER INGELHEIM", "BI", 2), ("MYLAN", "MYLANLABS", 2), ("SANDOZ", "SANDOZ", 2),
             ("ACCORD", "ACCORD-", 1), ("SUN PHARMA", "SUN PHARMACEUTICAL INDUSTRIES LTD", 1),
             ("APOTEX", "APOTEX", 1))
ROLE_OTHER = (("SS", 35), ("C", 62), ("I", 3))
REPT = (("EXP", 55), ("PER", 33), ("DIR", 12))
OCCP = (("CN", 42), ("MD", 22), ("HP", 14), ("OT", 8), ("PH", 6), ("LW", 2), ("", 6))
SEX = (("F", 57), ("M", 38), ("", 4), ("UNK", 1))
AGE_COD = (("YR", 90), ("MON", 4), ("DEC", 3), ("DY", 2), ("WK", 0.5), ("HR", 0.5))
OUTC_N = ((0, 35), (1, 40), (2, 20), (3, 5))
OUTC_COD = (("OT", 40), ("HO", 35), ("DE", 10), ("LT", 5), ("DS", 5), ("RI", 3), ("CA", 1))
RPSR_COD = (("HP", 35), ("CSM", 30), ("LIT", 10), ("SDY", 10), ("FGN", 5), ("CR", 4),
            ("UF", 3), ("DT", 2), ("OTH", 1))
DECHAL = (("", 35), ("U", 30), ("Y", 15), ("N", 10), ("D", 10))
RECHAL = (("", 50), ("U", 30), ("D", 12), ("N", 5), ("Y", 3))
FREQS = (("QD", 40), ("BID", 15), ("QW", 8), ("TID", 5), ("QOW", 5), ("/wk", 4), ("Q3W", 3),
         ("/month", 3), ("PRN", 3), ("QM", 3), ("1X", 3), ("Q12H", 2), ("BIW", 1),
         ("Q8H", 1), ("UNK", 4))
CUM_UNITS = ("MG", "MG", "MG", "UG", "IU", "DF", "G")
UNIT_WORD = {"MG": "MILLIGRAM", "UG": "MICROGRAM", "IU": "INTERNATIONAL UNIT", "ML": "MILLILITRE",
             "MEQ": "MILLIEQUIVALENT", "G": "GRAM"}
ROUTE_DEFAULTS = ("Oral", "Unknown", "")
DUR_COD = (("DAY", 50), ("MON", 25), ("WK", 15), ("YR", 10))
SURNAMES = ("SMITH JOHNSON GARCIA MUELLER ROSSI TANAKA SATO DUBOIS MARTIN SILVA KIM NGUYEN "
            "KOWALSKI JANSEN OLSEN PATEL SINGH WANG LI CHEN").split()
JOURNALS = ("BR J HAEMATOL", "N ENGL J MED", "LANCET", "J CLIN ONCOL", "AM J CASE REP",
            "BMJ CASE REP", "J ADDICT MED", "CUREUS", "DRUG SAF", "ANN PHARMACOTHER")

DATE_MIN = datetime.date(1985, 1, 1).toordinal()
DATE_MAX = datetime.date(2035, 12, 31).toordinal()


class Dist:
    """Categorical distribution sampled with one random() and a bisect (fast, version-stable)."""

    def __init__(self, pairs):
        self.values = [v for v, _ in pairs]
        self.cum = []
        t = 0.0
        for _, w in pairs:
            t += w
            self.cum.append(t)
        self.total = t

    def __call__(self, r):
        i = bisect.bisect_right(self.cum, r() * self.total)
        return self.values[i if i < len(self.values) else -1]


class Zipf:
    """Rank sampler with weight 1/(rank+offset)^s over n items; returns a 0-based rank."""

    def __init__(self, n, s, offset=0.0):
        self.cum = []
        t = 0.0
        for k in range(1, n + 1):
            t += (k + offset) ** -s
            self.cum.append(t)
        self.total = t
        self.n = n

    def __call__(self, r):
        i = bisect.bisect_right(self.cum, r() * self.total)
        return i if i < self.n else self.n - 1


def geometric(r, p):
    """Number of failures before a success (mean (1-p)/p), from one uniform draw."""
    u = r()
    if u <= 0.0:
        return 0
    return int(math.log(u) / math.log(1.0 - p))


def weibull(r, shape, scale):
    # Inverse CDF; 1-u keeps log() away from zero.
    return scale * (-math.log(1.0 - r())) ** (1.0 / shape)


def normal(r, mu, sd):
    # Box-Muller from two uniforms (random.gauss keeps hidden state and has changed before).
    u1 = r() or 1e-12
    return mu + sd * math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * r())


def parse_quarter(q):
    q = q.upper()
    if len(q) != 4 or q[2] != "Q" or not q[:2].isdigit() or q[3] not in "1234":
        raise SystemExit("--quarter must look like 25Q1")
    return 2000 + int(q[:2]), int(q[3])


def next_quarter(q):
    y, n = parse_quarter(q)
    y, n = (y, n + 1) if n < 4 else (y + 1, 1)
    return "%02dQ%d" % (y % 100, n)


class Quarter:
    def __init__(self, q):
        self.label = q.upper()
        self.year, self.num = parse_quarter(q)
        start = datetime.date(self.year, 3 * self.num - 2, 1)
        end = datetime.date(self.year + (self.num == 4), (3 * self.num) % 12 + 1, 1)
        self.start = start.toordinal()
        self.days = end.toordinal() - self.start
        # Quarters since 2014Q3 place each quarter's new caseids in their own 1M-wide band.
        self.index = (self.year - 2014) * 4 + (self.num - 3)
        self.new_base = 10_000_000 + self.index * 1_000_000


class World:
    """Everything shared by all cases: vocabularies, samplers, formatted-date table."""

    def __init__(self, n_drugs, n_events, zipf_s, lexicon_dir, zipf_offset=0.0):
        self.drugs = lex.build_drugs(n_drugs, lexicon_dir)
        self.events = lex.build_events(n_events, lexicon_dir)
        self.indications = lex.build_indications(self.events)
        ev_index = {e.lower(): i for i, e in enumerate(self.events)}
        frng = random.Random(0x51C0)
        n_ev = len(self.events)
        for d in self.drugs:
            if not d.indication:
                d.indication = self.indications[int(frng.random() * len(self.indications))]
            if d.signature:
                d.sig_idx = tuple(ev_index[s.lower()] for s in d.signature if s.lower() in ev_index)
            else:
                d.sig_idx = tuple(50 + int(frng.random() * min(2000, n_ev - 50)) for _ in range(3))
        self.drug_zipf = Zipf(len(self.drugs), zipf_s, zipf_offset)
        self.event_zipf = Zipf(n_ev, zipf_s, zipf_offset)
        self.dates = [datetime.date.fromordinal(o).strftime("%Y%m%d")
                      for o in range(DATE_MIN, DATE_MAX + 1)]
        self.role = Dist(ROLE_OTHER)
        self.rept = Dist(REPT)
        self.occp = Dist(OCCP)
        self.sex = Dist(SEX)
        self.age_cod = Dist(AGE_COD)
        self.outc_n = Dist(OUTC_N)
        self.outc_cod = Dist(OUTC_COD)
        self.rpsr = Dist(RPSR_COD)
        self.dechal = Dist(DECHAL)
        self.rechal = Dist(RECHAL)
        self.freq = Dist(FREQS)
        self.country = Dist(COUNTRIES)
        self.company = Dist([((a, b), w) for a, b, w in COMPANIES])
        self.dur_cod = Dist(DUR_COD)
        self.death_idx = ev_index.get("death", -1)

    def date(self, o):
        if o < DATE_MIN:
            o = DATE_MIN
        elif o > DATE_MAX:
            o = DATE_MAX
        return self.dates[o - DATE_MIN]

    def maybe_partial(self, r, o):
        """YYYYMMDD mostly; about 10% truncated to YYYYMM or YYYY as FAERS allows."""
        s = self.date(o)
        u = r()
        if u < 0.06:
            return s[:6]
        if u < 0.10:
            return s[:4]
        return s


def pick(r, seq):
    return seq[int(r() * len(seq))]


class Case:
    # drugs holds (DRUG fields, THER rows, INDI terms) per drug; reacs holds event indexes.
    __slots__ = ("caseid", "version", "demo", "drugs", "reacs", "outcs", "rpsr",
                 "init_fda", "fda", "rept_cod", "start")


def build_case(w, rng, caseid, version, q):
    """One case's content; `rng` is seeded per case so follow-ups can rebuild the base."""
    r = rng.random
    c = Case()
    c.caseid, c.version = caseid, version
    fda = q.start + int(r() * q.days)
    if version == 1:
        init = fda
    else:
        init = fda - 20 - int(weibull(r, 0.9, 400))
    c.fda, c.init_fda = fda, init
    # Event before the first FDA receipt by a skewed reporting lag; PS drug start before the
    # event by a Weibull time-to-onset (shape < 1: most reactions come early).
    event = init - int(weibull(r, 0.7, 90))
    if r() < 0.07:
        start = event + 1 + int(r() * 30)  # event reported before therapy start: real noise
    else:
        start = event - int(weibull(r, 0.8, 40))
    c.start = start
    event_dt = w.maybe_partial(r, event) if r() < 0.60 else ""

    rept = w.rept(r)
    c.rept_cod = rept
    occr = w.country(r)
    rep_country = occr if (r() < 0.95 or not occr) else w.country(r)
    if rept == "DIR":
        mfr_dt = mfr_num = mfr_sndr = ""
        to_mfr = "Y" if r() < 0.3 else "N"
        e_sub = "Y" if r() < 0.5 else "N"
    else:
        mfr_dt = w.date(fda - int(r() * 15))
        sndr, tag = w.company(r)
        mfr_sndr = sndr
        mfr_num = "%s-%s-%s%06d" % (occr or "US", tag, w.date(init)[:4], int(r() * 1_000_000))
        to_mfr = ""
        e_sub = "Y"
    auth_num = ""
    if occr and occr != "US" and r() < 0.10:
        auth_num = "%s-%s%d%06d" % (occr, pick(r, ("MHRA-", "PMDA-", "ANSM-", "BFARM-", "AIFA-")),
                                    int(w.date(init)[:4]), int(r() * 1_000_000))
    lit_ref = ""
    if r() < 0.03:
        lit_ref = "%s %s, %s %s. CASE REPORT OF %s. %s. %d;%d:%d-%d" % (
            pick(r, SURNAMES), "AB", pick(r, SURNAMES), "CD",
            "ADVERSE EVENT", pick(r, JOURNALS), 2000 + int(r() * 25),
            1 + int(r() * 80), 1 + int(r() * 900), 901 + int(r() * 90))

    age = age_cod = age_grp = ""
    if r() < 0.72:
        age_cod = w.age_cod(r)
        years = max(0.0, min(101.0, normal(r, 56, 19)))
        if age_cod == "YR":
            age = str(int(years))
        elif age_cod == "DEC":
            age = str(max(1, int(years / 10)))
        elif age_cod == "MON":
            years = r() * 3
            age = str(1 + int(years * 12))
        elif age_cod == "WK":
            years = r() / 2
            age = str(1 + int(years * 52))
        elif age_cod == "DY":
            years = r() / 4
            age = str(1 + int(years * 365))
        else:
            years = 0.0
            age = str(1 + int(r() * 72))
        if r() < 0.25:
            age_grp = ("N" if years < 0.08 else "I" if years < 2 else "C" if years < 12 else
                       "T" if years < 18 else "A" if years < 65 else "E")
    elif r() < 0.15:
        age_grp = pick(r, ("A", "A", "E", "C"))
    sex = w.sex(r)
    wt = wt_cod = ""
    if r() < 0.28:
        u = r()
        kg = max(2.0, min(250.0, normal(r, 76, 21)))
        if u < 0.88:
            wt, wt_cod = ("%d" % kg if r() < 0.6 else "%.2f" % kg), "KG"
        elif u < 0.98:
            wt, wt_cod = "%d" % (kg * 2.2046), "LBS"
        else:
            wt, wt_cod = "%d" % (2500 + int(r() * 2000)), "GMS"
    rept_dt = w.date(fda - (int(r() * 4) if r() < 0.2 else 0))
    occp = w.occp(r)
    c.demo = [event_dt, mfr_dt, w.date(init), w.date(fda), rept, auth_num, mfr_num, mfr_sndr,
              lit_ref, age, age_cod, age_grp, sex, e_sub, wt, wt_cod, rept_dt, to_mfr, occp,
              rep_country, occr]

    # Drugs: PS exactly once; others by realistic role mix. 1 + geometric gives mean 4.
    nd = min(60, 1 + geometric(r, 0.25))
    ps_pos = 0 if (nd == 1 or r() < 0.85) else int(r() * nd)
    chosen = []
    c.drugs = []
    ps_idx = 0
    for pos in range(nd):
        di = w.drug_zipf(r)
        if di in chosen:
            di = w.drug_zipf(r)  # one redraw: repeats exist in FAERS but are not the norm
        chosen.append(di)
        role = "PS" if pos == ps_pos else w.role(r)
        if role == "PS":
            ps_idx = di
        c.drugs.append(drug_row(w, r, pos + 1, role, di, start))
    seen = []
    nr = min(40, 1 + geometric(r, 1.0 / 3.0))
    sig = w.drugs[ps_idx].sig_idx
    for _ in range(nr):
        for _try in range(3):
            if sig and r() < 0.12:
                ei = sig[int(r() * len(sig))]  # drug-specific signal, so disproportionality exists
            else:
                ei = w.event_zipf(r)
            if ei not in seen:
                break
        else:
            continue
        seen.append(ei)
    c.reacs = seen
    c.outcs = outcomes(w, r, seen)
    c.rpsr = w.rpsr(r) if r() < 0.05 else ""
    return c


def drug_row(w, r, seq, role, di, case_start):
    """DRUG fields after primaryid/caseid, plus THER/INDI rows for this drug (kept on the row)."""
    d = w.drugs[di]
    u = r()
    if d.brand and u < 0.40:
        name = d.brand
    elif u < 0.52:
        name = d.generic + "."
    elif u < 0.60 and d.salt:
        name = d.generic + " " + d.salt
    else:
        name = d.generic
    # prod_ai sometimes missing; only when drugname is the plain generic so a case stays findable.
    prod_ai = "" if (name == d.generic and r() < 0.03) else d.generic
    val_vbm = "1" if r() < 0.88 else "2"
    u = r()
    route = d.route if u < 0.65 else ("Unknown" if u < 0.85 else "")
    u = r()
    dose_amt = dose_unit = dose_form = dose_freq = ""
    if u < 0.40:
        dose_amt = pick(r, d.amounts)
        dose_unit = d.unit
        dose_freq = w.freq(r)
        dose_form = pick(r, d.forms) if r() < 0.7 else "UNKNOWN"
        dose_vbm = "%s %s, %s" % (dose_amt, UNIT_WORD.get(d.unit, d.unit), dose_freq)
    elif u < 0.65:
        dose_vbm = "UNK"
    else:
        dose_vbm = ""
    cum_chr = cum_unit = ""
    if r() < 0.04:
        cum_chr = "%.1f" % (1 + r() * 5000)
        cum_unit = pick(r, CUM_UNITS)
    dechal = w.dechal(r)
    rechal = w.rechal(r)
    lot = ""
    if r() < 0.08:
        lot = "".join(pick(r, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(6 + int(r() * 3)))
    exp_dt = w.maybe_partial(r, case_start + 200 + int(r() * 700)) if r() < 0.02 else ""
    nda = d.nda if r() < (0.55 if role in ("PS", "SS") else 0.2) else ""
    fields = (str(seq), role, name, prod_ai, val_vbm, route, dose_vbm, cum_chr, cum_unit, dechal,
              rechal, lot, exp_dt, nda, dose_amt, dose_unit, dose_form, dose_freq)
    # THER: ~40% of drug rows overall; suspects more often than concomitants.
    ther = []
    p_ther = 0.6 if role == "PS" else 0.45 if role == "SS" else 0.4 if role == "I" else 0.3
    if r() < p_ther:
        if role == "PS":
            s = case_start
        elif role == "C":
            s = case_start - int(weibull(r, 0.9, 400))  # background meds started long before
        else:
            s = case_start + int(normal(r, 0, 45))
        courses = 2 if r() < 0.15 else 1
        for _ in range(courses):
            length = 1 + int(weibull(r, 0.9, 90))
            e = s + length
            start_dt = w.maybe_partial(r, s) if r() < 0.92 else ""
            end_dt = w.maybe_partial(r, e) if r() < 0.45 else ""
            dur = dur_cod = ""
            if r() < 0.08:
                dur_cod = w.dur_cod(r)
                div = {"DAY": 1, "WK": 7, "MON": 30, "YR": 365}[dur_cod]
                dur = str(max(1, length // div))
            ther.append((str(seq), start_dt, end_dt, dur, dur_cod))
            s = e + 1 + int(weibull(r, 1.0, 60))
    indi = []
    if r() < 0.47:
        u = r()
        if u < 0.60:
            indi.append(d.indication)
        elif u < 0.85:
            indi.append("Product used for unknown indication")
        else:
            indi.append(pick(r, w.indications))
        if r() < 0.10:
            other = pick(r, w.indications)
            if other not in indi:
                indi.append(other)
    return (fields, ther, indi)


def outcomes(w, r, reac_idx):
    n = w.outc_n(r)
    out = []
    if w.death_idx in reac_idx:
        out.append("DE")  # a case reporting Death carries the DE outcome
    for _ in range(n):
        code = w.outc_cod(r)
        if code not in out:
            out.append(code)
    return out[:3]  # FAERS-like 0-3 outcome rows; DE, when forced, is first and kept


def mutate_followup(w, rng, c, version, q):
    """Turn a rebuilt base case into a later version received in quarter q."""
    r = rng.random
    c.version = version
    c.fda = q.start + int(r() * q.days)
    d = c.demo
    d[3] = w.date(c.fda)
    d[16] = d[3]
    if c.rept_cod != "DIR":
        d[1] = w.date(c.fda - int(r() * 15))
    # Follow-up information: more reactions, sometimes an extra drug, sometimes a worse outcome.
    for _ in range(1 + geometric(r, 0.5) if r() < 0.6 else 0):
        ei = w.event_zipf(r)
        if ei not in c.reacs:
            c.reacs.append(ei)
    if r() < 0.25:
        c.drugs.append(drug_row(w, r, len(c.drugs) + 1, "C", w.drug_zipf(r), c.start))
    if r() < 0.05 and "DE" not in c.outcs:
        c.outcs.insert(0, "DE")
        if w.death_idx >= 0 and w.death_idx not in c.reacs:
            c.reacs.append(w.death_idx)
    if w.death_idx in c.reacs and "DE" not in c.outcs:
        c.outcs.insert(0, "DE")
    c.outcs = c.outcs[:3]
    if r() < 0.3 and d[0] == "":
        d[0] = w.maybe_partial(r, c.start + int(weibull(r, 0.8, 40)))
    return c


class Writer:
    """Buffered CRLF writers for the seven tables, with row counters."""

    def __init__(self, outdir, qlabel):
        self.ascii_dir = os.path.join(outdir, "ASCII")
        self.del_dir = os.path.join(outdir, "Deleted")
        os.makedirs(self.ascii_dir, exist_ok=True)
        os.makedirs(self.del_dir, exist_ok=True)
        self.q = qlabel
        self.files, self.bufs, self.rows = {}, {}, {}
        for t in TABLES:
            path = os.path.join(self.ascii_dir, "%s%s.txt" % (t, qlabel))
            # newline="" so Python writes our CRLF verbatim on every platform.
            f = open(path, "w", encoding="latin-1", newline="")
            f.write(HEADERS[t] + EOL)
            self.files[t], self.bufs[t], self.rows[t] = f, [], 0

    def case(self, w, c):
        pid = "%d%d" % (c.caseid, c.version)
        key = "%s$%d" % (pid, c.caseid)
        b = self.bufs
        b["DEMO"].append("%s$%d$%s$%s" % (key, c.version, "I" if c.version == 1 else "F",
                                          "$".join(c.demo)))
        drug, ther, indi = b["DRUG"], b["THER"], b["INDI"]
        for fields, th, ind in c.drugs:
            drug.append(key + "$" + "$".join(fields))
            seq = fields[0]
            for t in th:
                ther.append(key + "$" + "$".join(t))
            for i in ind:
                indi.append("%s$%s$%s" % (key, seq, i))
        reac = b["REAC"]
        ev = w.events
        for ei in c.reacs:
            reac.append("%s$%s$" % (key, ev[ei]))
        for o in c.outcs:
            b["OUTC"].append("%s$%s" % (key, o))
        if c.rpsr:
            b["RPSR"].append("%s$%s" % (key, c.rpsr))

    def flush(self):
        for t in TABLES:
            buf = self.bufs[t]
            if buf:
                self.files[t].write(EOL.join(buf) + EOL)
                self.rows[t] += len(buf)
                buf.clear()

    def close(self, deleted):
        self.flush()
        for f in self.files.values():
            f.close()
        path = os.path.join(self.del_dir, "DELETE%s.txt" % self.q)
        with open(path, "w", encoding="latin-1", newline="") as f:
            # Real lists open with a line holding a single space, then bare caseids.
            f.write(" " + EOL + "".join("%d%s" % (x, EOL) for x in deleted))
        self.rows["DELETE"] = len(deleted)

    def total_bytes(self):
        n = 0
        for d in (self.ascii_dir, self.del_dir):
            for name in sorted(os.listdir(d)):
                n += os.path.getsize(os.path.join(d, name))
        return n


def case_seed(seed, caseid, salt=0):
    # Distinct per (seed, caseid, salt); plain integer so Random.seed hashing is version-stable.
    return ((seed * 131 + salt) << 40) | caseid


def plan_quarter(seed, n, q, old_share=0.08):
    """Caseids and versions for a primary quarter, ascending by caseid."""
    rng = random.Random(case_seed(seed, q.index, 7))
    r = rng.random
    n_old = int(round(n * old_share))
    n_new = n - n_old
    plan = []
    # Follow-ups of cases first seen in earlier (unpublished here) quarters: lower caseids.
    old_lo = max(4_000_000, q.new_base - 6_000_000)
    # The walk aims at 90% of the old band and is clamped below new_base, so old and new caseids
    # never overlap: the tables stay sorted by caseid (and so by primaryid as text), as FAERS's are.
    step = max(1.0, 0.9 * (q.new_base - old_lo) / max(1, n_old))
    x = float(old_lo)
    prev = old_lo
    for i in range(n_old):
        x += 1 + r() * (2 * step - 2)
        v = 2 + geometric(r, 0.55)
        if r() < 0.01:
            v = 10 + int(r() * 35)  # a few long-running cases with two-digit versions
        cid = max(prev + 1, min(int(x), q.new_base - (n_old - i)))
        prev = cid
        plan.append((cid, v))
    cid = q.new_base
    for _ in range(n_new):
        cid += 1 + int(r() * 3)
        plan.append((cid, 1))
    return plan, rng


def write_primary(args, w, q):
    plan, prng = plan_quarter(args.seed, args.cases, q)
    out = Writer(args.out, q.label)
    rng = random.Random()
    for i, (cid, v) in enumerate(plan):
        rng.seed(case_seed(args.seed, cid))
        out.case(w, build_case(w, rng, cid, v, q))
        if i % 5000 == 4999:
            out.flush()
    # Deleted list: half are cases of this quarter (so applying it matters), half are old ids
    # that are not in the files (as in real lists, which name cases from earlier quarters).
    r = prng.random
    n_del = max(1, int(round(args.cases * args.deleted_rate)))
    in_q = sorted({plan[int(r() * len(plan))][0] for _ in range(n_del // 2 + n_del % 2)})
    lo = max(1_000_000, q.new_base - 9_000_000)
    old = sorted({lo + int(r() * 2_000_000) for _ in range(n_del // 2)})
    present = set(c for c, _ in plan)
    old = [x for x in old if x not in present]
    out.close(sorted(in_q + old))
    return out, plan


def write_followups(args, w, q, plan):
    """Next quarter: later versions of a subset of `plan`, plus new cases and deletions."""
    q2 = Quarter(next_quarter(q.label))
    out = Writer(args.followups, q2.label)
    sel = random.Random(case_seed(args.seed, q2.index, 11))
    r = sel.random
    chosen = [(cid, v) for cid, v in plan if r() < args.followup_rate]
    chosen_ids = set(cid for cid, _ in chosen)
    rng = random.Random()
    frng = random.Random()
    n = 0
    for cid, v in chosen:
        rng.seed(case_seed(args.seed, cid))
        base = build_case(w, rng, cid, v, q)
        frng.seed(case_seed(args.seed, cid, 1000 + v))
        newv = v + 1 + geometric(frng.random, 0.7)
        out.case(w, mutate_followup(w, frng, base, newv, q2))
        n += 1
        if n % 5000 == 0:
            out.flush()
    n_new = int(round(args.cases * args.followup_new))
    cid = q2.new_base
    for _ in range(n_new):
        cid += 1 + int(r() * 3)
        rng.seed(case_seed(args.seed, cid))
        out.case(w, build_case(w, rng, cid, 1, q2))
        n += 1
        if n % 5000 == 0:
            out.flush()
    # Deletions of first-quarter cases that got no follow-up: a loader keeping both quarters
    # must drop them.
    n_del = max(1, int(round(args.cases * args.deleted_rate)))
    dels = sorted({plan[int(r() * len(plan))][0] for _ in range(n_del)} - chosen_ids)
    out.close(dels)
    return out, q2, len(chosen), n_new


def summary(label, out, cases, secs):
    rows = " ".join("%s=%d" % (t, out.rows[t]) for t in TABLES + ("DELETE",))
    return "%s: cases=%d %s bytes=%d secs=%.1f" % (label, cases, rows, out.total_bytes(), secs)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True, help="output folder (ASCII/ and Deleted/ inside)")
    ap.add_argument("--cases", type=int, default=400000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quarter", default="25Q1")
    ap.add_argument("--drugs", type=int, default=3600, help="drug vocabulary size (>= 3000)")
    ap.add_argument("--events", type=int, default=6000, help="reaction vocabulary size (>= 5000)")
    ap.add_argument("--zipf", type=float, default=1.05, help="popularity exponent")
    ap.add_argument("--zipf-offset", type=float, default=0.0,
                    help="Zipf-Mandelbrot offset q in 1/(rank+q)^s; >0 flattens the head "
                         "(with 0 the top drug is in ~40%% of cases, far above real FAERS)")
    ap.add_argument("--deleted-rate", type=float, default=0.002)
    ap.add_argument("--followups", metavar="DIR2",
                    help="also write the next quarter with later versions of some cases")
    ap.add_argument("--followup-rate", type=float, default=0.10,
                    help="share of this quarter's cases that get a later version in DIR2")
    ap.add_argument("--followup-new", type=float, default=0.15,
                    help="new cases in DIR2, as a share of --cases")
    ap.add_argument("--lexicon", default=None,
                    help="folder with drugs.json/events.json (default: repo Data/lexicon if present)")
    args = ap.parse_args(argv)
    if args.cases < 1:
        ap.error("--cases must be positive")
    lexdir = args.lexicon
    if lexdir is None:
        cand = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                            "Data", "lexicon")
        lexdir = cand if os.path.isdir(cand) else None
    t0 = time.perf_counter()
    w = World(args.drugs, args.events, args.zipf, lexdir, args.zipf_offset)
    q = Quarter(args.quarter)
    out, plan = write_primary(args, w, q)
    print(summary(q.label, out, len(plan), time.perf_counter() - t0)
          + (" lexicon=%s" % lexdir if lexdir else ""))
    if args.followups:
        t1 = time.perf_counter()
        out2, q2, n_fu, n_new = write_followups(args, w, q, plan)
        print(summary(q2.label, out2, n_fu + n_new, time.perf_counter() - t1)
              + " followups=%d new=%d" % (n_fu, n_new))
    return 0


if __name__ == "__main__":
    sys.exit(main())
