#!/usr/bin/env python3
"""How far two labellers of the routing set agree, and how the router does by the second one.

`second/labels-b.yaml` holds a second labeller's `accept` / `forbid` lists for 340 items of the
held-out parts (every item of `heldout.jsonl` and every third of `heldout_fresh.jsonl`). The
second labeller was given each answer, its node's patient line, options and neutral line, and
the case file, but none of the first labels (`second/README.md` says how it was done).

    python3 tests/data/routing/agreement.py                 # agreement between the labellers
    python3 tests/data/routing/agreement.py --write-b FILE  # the items with the second labels,
                                                            # for impasse score --evaluate-routing

Agreement is reported per (item, option) cell, each cell being "accept", "forbid" or neither
(Cohen's kappa over the three classes, and over accept vs not and forbid vs not), and per item:
whether the two accept lists share an option (so a route one accepts the other accepts too),
and whether one labeller forbids an option the other accepts (a hard disagreement).
"""
import collections
import json
import pathlib
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent


def kappa(pairs):
    n = len(pairs)
    if n == 0:
        return float("nan")
    po = sum(1 for a, b in pairs if a == b) / n
    ca = collections.Counter(a for a, _ in pairs)
    cb = collections.Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def cell(labels, option):
    if option in labels["accept"]:
        return "accept"
    if option in labels["forbid"]:
        return "forbid"
    return "neither"


def main(argv):
    first = {}
    for name in ("heldout.jsonl", "heldout_fresh.jsonl"):
        for line in open(HERE / name, encoding="utf-8"):
            item = json.loads(line)
            first[item["id"]] = item
    second = yaml.safe_load(open(HERE / "second" / "labels-b.yaml", encoding="utf-8"))
    scen = {}
    root = HERE.parents[2]
    for f in list((root / "scenarios" / "cases").glob("*.yaml")) + list(
            (root / "scenarios" / "moments").glob("*.yaml")):
        d = yaml.safe_load(f.read_text(encoding="utf-8"))
        scen[d["id"]] = d
    for n, b in enumerate(second, 1):
        a = first.get(b.get("id"))
        if a is None:
            sys.exit(f"agreement.py: second/labels-b.yaml entry {n}: no item {b.get('id')!r}")
        options = [r["id"] for r in scen[a["scenario"]]["nodes"][a["node"]]["responses"]]
        for key in ("accept", "forbid"):
            for x in b.get(key) or []:
                if x not in options and x != "neutral":
                    sys.exit(f"agreement.py: second/labels-b.yaml entry {n} ({b['id']}): "
                             f"{key} names unknown option {x!r}")
        if not b.get("accept"):
            sys.exit(f"agreement.py: second/labels-b.yaml entry {n} ({b['id']}): accept is empty")
        b["options"] = options + ["neutral"]

    if len(argv) == 3 and argv[1] == "--write-b":
        with open(argv[2], "w", encoding="utf-8") as out:
            for b in second:
                item = dict(first[b["id"]])
                item["accept"], item["forbid"] = b["accept"], b.get("forbid") or []
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"{len(second)} items with the second labeller's lists written to {argv[2]}")
        return 0

    cells, overlap, hard, same_accept = [], 0, 0, 0
    by_part = collections.defaultdict(lambda: [0, 0])
    for b in second:
        a = first[b["id"]]
        b["forbid"] = b.get("forbid") or []
        for o in b["options"]:
            cells.append((cell(a, o), cell(b, o)))
        shared = set(a["accept"]) & set(b["accept"])
        overlap += bool(shared)
        same_accept += set(a["accept"]) == set(b["accept"])
        clash = (set(a["accept"]) & set(b["forbid"])) | (set(b["accept"]) & set(a["forbid"]))
        hard += bool(clash)
        part = "fresh" if b["id"].startswith("f") else "heldout"
        by_part[part][0] += 1
        by_part[part][1] += bool(shared)
    n = len(second)
    print(f"{n} items labelled twice ({', '.join(f'{k} {v[0]}' for k, v in sorted(by_part.items()))}), "
          f"{len(cells)} option cells")
    print(f"cells, accept / forbid / neither: kappa {kappa(cells):.2f}; "
          f"exact agreement {sum(a == b for a, b in cells) / len(cells):.2f}")
    acc = [(a == "accept", b == "accept") for a, b in cells]
    fb = [(a == "forbid", b == "forbid") for a, b in cells]
    print(f"accept vs not: kappa {kappa(acc):.2f}; forbid vs not: kappa {kappa(fb):.2f}")
    print(f"items whose accept lists share an option: {overlap / n:.3f} ({overlap} of {n}); "
          f"identical accept lists: {same_accept / n:.3f}")
    print(f"items where one forbids what the other accepts: {hard / n:.3f} ({hard} of {n})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
