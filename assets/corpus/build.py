#!/usr/bin/env python3
"""Builds the response corpus the scorer's model is trained on, from its hand-written sources.

Reads src/*.yaml (format: FORMAT.md), checks every moment and item against assets/ids.yaml,
applies the adjudicated second labels (adjudication.yaml), assigns the splits, adds the seeded
register variation to the training split only, and writes:

    train.jsonl             items of the training moments, registers other than l2, plus
                            their augmented copies (`augmented: true`)
    heldout_moment.jsonl    every item of the held-out moments (a fifth of the moments, chosen
                            by a hash of the moment id): situations the model never saw
    heldout_register.jsonl  the l2 (second-language English) items of the training moments:
                            a style the model never saw
    second/batch.yaml       with --second-batch only: the items chosen for the independent
                            second labelling (text and moment only, no labels); made once, from
                            the files k1-k7, before that labelling

    python3 assets/corpus/build.py            # rewrite them here
    python3 assets/corpus/build.py --out DIR  # elsewhere (scripts/train-scorer --verify)
    python3 assets/corpus/build.py --stats    # also print counts per register, split, label
"""
import argparse
import hashlib
import json
import pathlib
import random
import re
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
REGISTERS = ["speech", "chat", "ramble", "l2", "idiom", "plain"]
BEHAVIOURS = ["question_open", "question_closed", "reflection_simple", "reflection_complex",
              "affirm", "seeking_collaboration", "emphasizing_autonomy", "giving_information",
              "persuade_with_permission", "persuade", "confront", "other"]
HELDOUT_REGISTER = "l2"
SECOND_PER_FILE = 46   # items a source file gives to the second labelling
SEED = 20261203


def fail(msg):
    sys.exit(f"build.py: {msg}")


def moment_heldout(mid):
    return int(hashlib.sha256(mid.encode()).hexdigest(), 16) % 5 == 0


# --- seeded register variation (training split only) -------------------------------------
FILLERS = ["um", "uh", "like", "you know", "I mean", "sort of", "so", "yeah"]


def add_fillers(words, rng):
    out = []
    for i, w in enumerate(words):
        if i > 0 and rng.random() < 0.12:
            out.append(rng.choice(FILLERS) + ",")
        out.append(w)
    return out


def typo(word, rng):
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind < 0.7:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def add_typos(words, rng):
    return [typo(w, rng) if rng.random() < 0.08 else w for w in words]


def chatify(text):
    t = text.lower().replace("\u2019", "'")
    t = re.sub(r"[.!]+(\s|$)", r"\1", t)
    return re.sub(r"\s+", " ", t).strip()


L2_SWAPS = [(r"\bthe\b ", ""), (r"\ba\b ", ""), (r"\bdoesn't\b", "don't"), (r"\bis it\b", "it is"),
            (r"\bI'm\b", "I am"), (r"\byou're\b", "you are"), (r"\bhave been\b", "was"),
            (r"\bdid you\b", "you did")]


def l2ify(text, rng):
    for pat, rep in L2_SWAPS:
        if rng.random() < 0.5:
            text = re.sub(pat, rep, text, count=1)
    return text


def augment(item, rng):
    text = item["text"]
    kind = rng.choice(["fillers", "typos", "chat", "l2"])
    if kind == "fillers":
        new = " ".join(add_fillers(text.split(), rng))
    elif kind == "typos":
        new = " ".join(add_typos(text.split(), rng))
    elif kind == "chat":
        new = chatify(" ".join(add_typos(text.split(), rng)))
    else:
        new = l2ify(text, rng)
    if new == text or not new.strip():
        return None
    out = dict(item)
    out["id"] = item["id"] + "~" + kind
    out["text"] = new
    out["augmented"] = True
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(HERE))
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--second-batch", action="store_true",
                    help="rewrite second/batch.yaml (done once, before the second labelling)")
    args = ap.parse_args()
    ids = yaml.safe_load((HERE.parents[1] / "assets" / "ids.yaml").read_text())
    principles, counters = ids["principles"], ids["counter_markers"]
    strategies, stages = ids["resolution_strategies"], ids["stages"]
    markers = {t: ids["markers"][t] for t in ids["rupture_types"]}

    adjudicated = {}
    adj_path = HERE / "adjudication.yaml"
    if adj_path.exists():
        for n, a in enumerate(yaml.safe_load(adj_path.read_text()) or [], 1):
            adjudicated[a["id"]] = a

    moments, items, seen = {}, [], set()
    files = sorted((HERE / "src").glob("*.yaml"))
    if not files:
        fail("no source files in src/")
    second = []
    for src in files:
        doc = yaml.safe_load(src.read_text()) or {}
        local = {}
        for m in doc.get("moments") or []:
            where = f"{src.name} moment {m.get('id')}"
            if m.get("id") in moments:
                fail(f"{where}: duplicate moment id")
            rt, mk = m.get("rupture_type"), m.get("marker")
            if rt is None:
                if mk is not None:
                    fail(f"{where}: a marker needs a rupture_type")
            elif rt not in markers or mk not in markers[rt]:
                fail(f"{where}: rupture_type/marker not in ids.yaml")
            if m.get("stage") is None and rt is None:
                pass  # an ordinary moment need not name a stage
            elif m.get("stage", "marker") not in stages:
                fail(f"{where}: unknown stage {m.get('stage')!r}")
            if not isinstance(m.get("patient_line"), str) or not m["patient_line"].strip():
                fail(f"{where}: patient_line missing")
            moments[m["id"]] = local[m["id"]] = m
        file_items = []
        for n, it in enumerate(doc.get("items") or [], 1):
            where = f"{src.name} item {n} ({it.get('id')})"
            if it.get("id") in seen:
                fail(f"{where}: duplicate id")
            seen.add(it.get("id"))
            if it.get("moment") not in local:
                fail(f"{where}: moment {it.get('moment')!r} is not in this file")
            if it.get("register") not in REGISTERS:
                fail(f"{where}: register must be one of {REGISTERS}")
            if not isinstance(it.get("text"), str) or not it["text"].strip():
                fail(f"{where}: text missing")
            for key, known in (("principles", principles), ("counter_markers", counters),
                               ("behaviours", BEHAVIOURS)):
                for x in it.get(key) or []:
                    if x not in known:
                        fail(f"{where}: unknown {key} id {x!r}")
            if it.get("strategy") is not None and it["strategy"] not in strategies:
                fail(f"{where}: unknown strategy {it['strategy']!r}")
            if it.get("overall") not in (1, 2, 3, 4, 5):
                fail(f"{where}: overall must be 1..5")
            m = local[it["moment"]]
            a = adjudicated.get(it["id"], {})
            present_p = set(a.get("principles", it.get("principles") or []))
            present_c = set(a.get("counter_markers", it.get("counter_markers") or []))
            row = {
                "id": it["id"],
                "text": it["text"],
                "context": {k: v for k, v in (("rupture_type", m.get("rupture_type")),
                                              ("marker", m.get("marker")),
                                              ("stage", m.get("stage")),
                                              ("patient_line", m["patient_line"]))
                            if v is not None},
                "labels": {
                    "principles": {p: int(p in present_p) for p in principles},
                    "counter_markers": {c: int(c in present_c) for c in counters},
                    "strategy": a.get("strategy", it.get("strategy")),
                    "behaviours": list(it.get("behaviours") or []),
                    "risk_check": bool(a.get("risk_check", it.get("risk_check", False))),
                },
                "overall": a.get("overall", it["overall"]),
                "moment": it["moment"],
                "register": it["register"],
            }
            items.append(row)
            file_items.append(row)
        # The second labelling: every k-th item of each file, so every file, register and
        # moment kind is in it.
        if file_items and src.stem[:-1] in ("k1", "k2", "k3", "k4", "k5", "k6", "k7"):
            step = max(1, len(file_items) // SECOND_PER_FILE)
            second.extend(file_items[::step][:SECOND_PER_FILE])

    rng = random.Random(SEED)
    out = {"train": [], "heldout_moment": [], "heldout_register": []}
    for row in items:
        if moment_heldout(row["moment"]):
            out["heldout_moment"].append(row)
        elif row["register"] == HELDOUT_REGISTER:
            out["heldout_register"].append(row)
        else:
            out["train"].append(row)
    augmented = []
    for row in out["train"]:
        if rng.random() < 0.6:
            a = augment(row, rng)
            if a:
                augmented.append(a)
    out["train"].extend(augmented)

    dest = pathlib.Path(args.out)
    dest.mkdir(parents=True, exist_ok=True)
    for split, rows in out.items():
        with open(dest / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if args.second_batch:
        (dest / "second").mkdir(exist_ok=True)
        with open(dest / "second" / "batch.yaml", "w", encoding="utf-8") as f:
            yaml.safe_dump([{"id": r["id"], "moment": moments[r["moment"]]["setting"],
                             "rupture_type": r["context"].get("rupture_type"),
                             "marker": r["context"].get("marker"),
                             "stage": r["context"].get("stage"),
                             "patient_line": r["context"]["patient_line"], "text": r["text"]}
                            for r in second], f, allow_unicode=True, sort_keys=False, width=100)
    n_written = len(items)
    print(f"{n_written} labelled responses in {len(moments)} moments; "
          f"train {len(out['train']) - len(augmented)} (+{len(augmented)} augmented), "
          f"heldout_moment {len(out['heldout_moment'])}, "
          f"heldout_register {len(out['heldout_register'])}; second labelling {len(second)}")
    if args.stats:
        from collections import Counter
        print("registers:", dict(Counter(r["register"] for r in items)))
        print("overall:", dict(sorted(Counter(r["overall"] for r in items).items())))
        for key in ("principles", "counter_markers"):
            c = Counter(k for r in items for k, v in r["labels"][key].items() if v)
            print(key + ":", dict(c))
        print("strategy:", dict(Counter(r["labels"]["strategy"] for r in items)))
        print("behaviours:", dict(Counter(b for r in items for b in r["labels"]["behaviours"])))
        print("risk_check:", sum(r["labels"]["risk_check"] for r in items))


if __name__ == "__main__":
    main()
