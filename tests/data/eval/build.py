#!/usr/bin/env python3
"""Builds the scorer's labelled evaluation set from its hand-written sources.

The sources (tests/data/eval/src/*.yaml) list each response with the ids a clinician judged
present; this writes dev.jsonl and heldout.jsonl in the line format `impasse score --evaluate`
reads (every principle and counter-marker id labelled 0 or 1). The test
tests/scripts/eval_set.sh checks that the committed .jsonl files match their sources.

    python3 tests/data/eval/build.py            # rewrite dev.jsonl and heldout.jsonl
    python3 tests/data/eval/build.py --out DIR  # write them elsewhere
"""
import argparse
import json
import pathlib
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent


def fail(msg):
    sys.exit(f"build.py: {msg}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(HERE))
    args = ap.parse_args()
    ids = yaml.safe_load((HERE.parents[2] / "assets" / "ids.yaml").read_text())
    principles, counters = ids["principles"], ids["counter_markers"]
    strategies, stages = ids["resolution_strategies"], ids["stages"]
    markers = {t: ids["markers"][t] for t in ids["rupture_types"]}
    out = {"dev": [], "heldout": []}
    seen = set()
    for src in sorted((HERE / "src").glob("*.yaml")):
        items = yaml.safe_load(src.read_text()) or []
        for n, it in enumerate(items, 1):
            where = f"{src.name} item {n} ({it.get('id')})"
            if it.get("id") in seen:
                fail(f"{where}: duplicate id")
            seen.add(it["id"])
            ctx = dict(it.get("context") or {})
            rt = ctx.get("rupture_type")
            if rt not in markers or ctx.get("marker") not in markers[rt]:
                fail(f"{where}: rupture_type/marker not in ids.yaml")
            if ctx.get("stage", "marker") not in stages:
                fail(f"{where}: unknown stage")
            for key, known in (("principles", principles), ("counter_markers", counters)):
                for x in it.get(key) or []:
                    if x not in known:
                        fail(f"{where}: unknown {key} id {x!r}")
            if it.get("strategy") is not None and it["strategy"] not in strategies:
                fail(f"{where}: unknown strategy {it['strategy']!r}")
            if it.get("overall") not in (1, 2, 3, 4, 5):
                fail(f"{where}: overall must be 1..5")
            if it.get("split") not in out:
                fail(f"{where}: split must be dev or heldout")
            if not isinstance(it.get("text"), str) or not it["text"].strip():
                fail(f"{where}: text missing")
            present_p, present_c = set(it.get("principles") or []), set(it.get("counter_markers") or [])
            out[it["split"]].append({
                "id": it["id"],
                "text": it["text"],
                "context": ctx,
                "labels": {
                    "principles": {p: int(p in present_p) for p in principles},
                    "counter_markers": {c: int(c in present_c) for c in counters},
                    "strategy": it.get("strategy"),
                },
                "overall": it["overall"],
            })
    dest = pathlib.Path(args.out)
    dest.mkdir(parents=True, exist_ok=True)
    for split, rows in out.items():
        with open(dest / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"dev: {len(out['dev'])} items, heldout: {len(out['heldout'])} items")


if __name__ == "__main__":
    main()
