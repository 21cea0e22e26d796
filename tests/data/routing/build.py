#!/usr/bin/env python3
"""Builds the routing evaluation set from its hand-written sources (src/*.yaml).

Each item is a typed answer at a node of a bundled scenario, with the options an expert
accepts as the same clinical move (`accept`, which may name `neutral`: the node's neutral line)
and the options that would be wrong (`forbid`). The split is by scenario: a third of the
scenarios (by a hash of the scenario id) are held out, so the reported figures are on cases
whose routing was never looked at while tuning. Sources named `fresh-*.yaml` are a second
held-out part, written later by another writer on scenarios the first set does not cover, all
of it held out (`heldout_fresh.jsonl`). Sources named `dev*.yaml` are development data written
later (weighted toward paraphrased mistakes); they may name only scenarios of the dev split.

    python3 tests/data/routing/build.py          # writes dev.jsonl and heldout.jsonl here
    impasse score --evaluate-routing tests/data/routing/heldout.jsonl
"""
import hashlib
import json
import pathlib
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def heldout(scenario):
    return int(hashlib.sha256(scenario.encode()).hexdigest(), 16) % 3 == 0


def main():
    scen = {}
    for f in list((ROOT / "scenarios" / "cases").glob("*.yaml")) + list(
            (ROOT / "scenarios" / "moments").glob("*.yaml")):
        d = yaml.safe_load(f.read_text())
        scen[d["id"]] = d
    out = {"dev": [], "heldout": [], "heldout_fresh": []}
    seen = set()
    for src in sorted((HERE / "src").glob("*.yaml")):
        for n, it in enumerate(yaml.safe_load(src.read_text()) or [], 1):
            where = f"{src.name} item {n} ({it.get('id')})"
            if it.get("id") in seen:
                sys.exit(f"build.py: {where}: duplicate id")
            seen.add(it["id"])
            s = scen.get(it.get("scenario"))
            if not s:
                sys.exit(f"build.py: {where}: no scenario {it.get('scenario')!r}")
            node = (s.get("nodes") or {}).get(it.get("node"))
            if not node or not node.get("responses"):
                sys.exit(f"build.py: {where}: no node with options {it.get('node')!r}")
            ids = {r["id"] for r in node["responses"]} | {"neutral"}
            for key in ("accept", "forbid"):
                for x in it.get(key) or []:
                    if x not in ids:
                        sys.exit(f"build.py: {where}: {key} names unknown option {x!r}")
            if not it.get("accept"):
                sys.exit(f"build.py: {where}: accept is empty")
            if src.name.startswith("dev") and heldout(it["scenario"]):
                sys.exit(f"build.py: {where}: a development source names a held-out scenario")
            split = "heldout_fresh" if src.name.startswith("fresh-") else (
                "heldout" if heldout(it["scenario"]) else "dev")
            out[split].append(
                {k: it.get(k) for k in ("id", "scenario", "node", "register", "text", "accept",
                                        "forbid")})
    for split, rows in out.items():
        if split == "heldout_fresh" and not rows:
            continue
        with open(HERE / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"dev: {len(out['dev'])} items, heldout: {len(out['heldout'])} items, heldout_fresh: "
          f"{len(out['heldout_fresh'])} items; heldout "
          f"scenarios: {sorted({r['scenario'] for r in out['heldout']})}")


if __name__ == "__main__":
    main()
