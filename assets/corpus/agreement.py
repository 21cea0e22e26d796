#!/usr/bin/env python3
"""Agreement between the corpus's first labels (src/) and the independent second labelling
(second/labels-*.yaml): Cohen's kappa per id, and for the 1-5 overall rating exact agreement,
agreement within one point, and quadratic-weighted kappa.

    python3 assets/corpus/agreement.py              # a Markdown table (docs/scoring.md has it)
    python3 assets/corpus/agreement.py --json       # the same as JSON
    python3 assets/corpus/agreement.py --disagreements FILE
                                                    # write the items the two disagree on, both
                                                    # labels side by side, for adjudication

Both labellings are read before adjudication.yaml is applied: this measures the raters, not the
adjudicated result.
"""
import argparse
import json
import pathlib
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
BEHAVIOURS = ["question_open", "question_closed", "reflection_simple", "reflection_complex",
              "affirm", "seeking_collaboration", "emphasizing_autonomy", "giving_information",
              "persuade_with_permission", "persuade", "confront", "other"]


def kappa(a, b):
    n = len(a)
    if n == 0:
        return None
    po = sum(x == y for x, y in zip(a, b)) / n
    cats = set(a) | set(b)
    pe = sum((a.count(c) / n) * (b.count(c) / n) for c in cats)
    if pe >= 1:
        return None
    return (po - pe) / (1 - pe)


def weighted_kappa(a, b, k=5):
    n = len(a)
    w = lambda i, j: ((i - j) ** 2) / ((k - 1) ** 2)
    obs = sum(w(x, y) for x, y in zip(a, b)) / n
    pa = [a.count(i) / n for i in range(1, k + 1)]
    pb = [b.count(i) / n for i in range(1, k + 1)]
    exp = sum(pa[i] * pb[j] * w(i + 1, j + 1) for i in range(k) for j in range(k))
    return 1 - obs / exp if exp else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--disagreements")
    args = ap.parse_args()
    ids = yaml.safe_load((HERE.parents[1] / "assets" / "ids.yaml").read_text())
    first, moments = {}, {}
    for src in sorted((HERE / "src").glob("*.yaml")):
        doc = yaml.safe_load(src.read_text()) or {}
        for m in doc.get("moments") or []:
            moments[m["id"]] = m
        for it in doc.get("items") or []:
            first[it["id"]] = it
    second = {}
    for f in sorted((HERE / "second").glob("labels-*.yaml")):
        for it in yaml.safe_load(f.read_text()) or []:
            if it["id"] in second:
                sys.exit(f"agreement.py: {f.name}: {it['id']} labelled twice")
            second[it["id"]] = it
    both = [i for i in second if i in first]
    if not both:
        sys.exit("agreement.py: no doubly labelled items")
    rows = []

    def binary(kind, key, idlist):
        for x in idlist:
            a = [int(x in (first[i].get(key) or [])) for i in both]
            b = [int(x in (second[i].get(key) or [])) for i in both]
            rows.append({"kind": kind, "id": x, "n_first": sum(a), "n_second": sum(b),
                         "kappa": kappa(a, b)})

    binary("principle", "principles", ids["principles"])
    binary("counter_marker", "counter_markers", ids["counter_markers"])
    binary("behaviour", "behaviours", BEHAVIOURS)
    for s in ids["resolution_strategies"]:
        a = [int(first[i].get("strategy") == s) for i in both]
        b = [int(second[i].get("strategy") == s) for i in both]
        rows.append({"kind": "strategy", "id": s, "n_first": sum(a), "n_second": sum(b),
                     "kappa": kappa(a, b)})
    a = [int(bool(first[i].get("risk_check"))) for i in both]
    b = [int(bool(second[i].get("risk_check"))) for i in both]
    rows.append({"kind": "risk", "id": "risk_check", "n_first": sum(a), "n_second": sum(b),
                 "kappa": kappa(a, b)})
    oa = [first[i]["overall"] for i in both]
    ob = [second[i]["overall"] for i in both]
    overall = {"n": len(both), "exact": sum(x == y for x, y in zip(oa, ob)) / len(both),
               "within_one": sum(abs(x - y) <= 1 for x, y in zip(oa, ob)) / len(both),
               "weighted_kappa": weighted_kappa(oa, ob)}
    if args.disagreements:
        out = []
        for i in both:
            f, s = first[i], second[i]
            diff = {}
            for key in ("principles", "counter_markers"):
                fa, sb = set(f.get(key) or []), set(s.get(key) or [])
                if fa != sb:
                    diff[key] = {"first": sorted(fa), "second": sorted(sb)}
            for key in ("strategy", "overall"):
                if f.get(key) != s.get(key):
                    diff[key] = {"first": f.get(key), "second": s.get(key)}
            if bool(f.get("risk_check")) != bool(s.get("risk_check")):
                diff["risk_check"] = {"first": bool(f.get("risk_check")),
                                      "second": bool(s.get("risk_check"))}
            if diff:
                m = moments[f["moment"]]
                out.append({"id": i, "setting": m.get("setting"), "marker": m.get("marker"),
                            "stage": m.get("stage"), "patient_line": m["patient_line"],
                            "text": f["text"], "differ": diff})
        pathlib.Path(args.disagreements).write_text(
            yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=100))
    if args.json:
        print(json.dumps({"ids": rows, "overall": overall}, indent=1))
        return
    fmt = lambda k: "–" if k is None else f"{k:.2f}"
    print(f"Doubly labelled: {len(both)} items.\n")
    print("| kind | id | first | second | Cohen's κ |\n|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['kind']} | {r['id']} | {r['n_first']} | {r['n_second']} | {fmt(r['kappa'])} |")
    for kind in ("principle", "counter_marker", "strategy", "behaviour"):
        ks = [r["kappa"] for r in rows if r["kind"] == kind and r["kappa"] is not None]
        print(f"| {kind} | *mean* | | | {sum(ks) / len(ks):.2f} |")
    print(f"\nOverall rating (1-5): exact {overall['exact']:.2f}, within one point "
          f"{overall['within_one']:.2f}, quadratic-weighted κ {fmt(overall['weighted_kappa'])}.")


if __name__ == "__main__":
    main()
