#!/usr/bin/env python3
"""Score the adversarial better/worse pairs with `impasse score --jsonl` and count, per kind
and overall, the pairs where the better answer's `overall` is strictly higher (a tie is a miss).

    python3 tests/data/eval/pairs/evaluate.py build/app/impasse [--verbose] [--src FILE ...]

The sources (tests/data/eval/pairs/src/*.yaml by default) are checked first: every field present,
ids from assets/ids.yaml, known kinds; a mistake is reported as FILE:LINE and the exit code is 2.
A scorer that cannot be run, or that answers a line with an error, exits 1. Otherwise the exit
code is 0 whatever the figures: this is a measurement, not a gate. The set is held out: nothing
in the scorer is to be tuned on it (docs/scoring.md, "Adversarial pairs (held out)").
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
KINDS = ["jargon", "plain_skill", "hedged", "pseudo_apology", "risk", "echo", "register"]
MOMENT_KEYS = ["id", "setting", "rupture_type", "marker", "stage", "patient_line", "pairs"]
PAIR_KEYS = ["kind", "better", "worse", "why"]
LINE = "__line__"


class Malformed(Exception):
    pass


class LineLoader(yaml.SafeLoader):
    """A SafeLoader that records each mapping's 1-based line under LINE."""


def _mapping_with_line(loader, node):
    loader.flatten_mapping(node)
    pairs = loader.construct_pairs(node, deep=True)
    keys = [k for k, _ in pairs]
    for k in keys:
        if keys.count(k) > 1:
            raise Malformed(f"line {node.start_mark.line + 1}: key {k!r} given twice")
    d = dict(pairs)
    d[LINE] = node.start_mark.line + 1
    return d


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load_ids(path):
    with open(path, encoding="utf-8") as f:
        ids = yaml.safe_load(f)
    markers = {m for group in ids["markers"].values() for m in group}
    return set(ids["rupture_types"]), markers, set(ids["stages"])


def check_source(path, ids, seen_moments):
    """Returns [(pair_id, kind, moment, better, worse, why)] or raises Malformed."""
    rupture_types, markers, stages = ids
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.load(f, Loader=LineLoader)
    except Malformed as e:
        raise Malformed(f"{path}: {e}")
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else path
        raise Malformed(f"{where}: not valid YAML: {getattr(e, 'problem', e)}")
    if not isinstance(doc, dict) or not isinstance(doc.get("moments"), list):
        raise Malformed(f"{path}:1: expected a top-level 'moments' list")
    out = []
    for m in doc["moments"]:
        if not isinstance(m, dict):
            raise Malformed(f"{path}: every moment must be a mapping")
        where = f"{path}:{m[LINE]}"

        def fail(msg, line=None):
            raise Malformed(f"{path}:{line or m[LINE]}: {msg}")

        for k in m:
            if k != LINE and k not in MOMENT_KEYS:
                fail(f"unknown moment key {k!r}")
        for k in MOMENT_KEYS:
            if k not in m:
                fail(f"moment lacks {k!r}")
        mid = m["id"]
        if not isinstance(mid, str) or not mid:
            fail("moment id must be text")
        if mid in seen_moments:
            fail(f"moment id {mid} already used at {seen_moments[mid]}")
        seen_moments[mid] = where
        for k in ("setting", "patient_line"):
            if not isinstance(m[k], str) or not m[k].strip():
                fail(f"{mid}: {k} must be non-empty text")
        rt, marker, stage = m["rupture_type"], m["marker"], m["stage"]
        if rt is not None and rt not in rupture_types:
            fail(f"{mid}: unknown rupture_type {rt!r}")
        if marker is not None:
            if marker not in markers:
                fail(f"{mid}: unknown marker {marker!r}")
            if rt is None or not marker.startswith(rt + "."):
                fail(f"{mid}: marker {marker} does not belong to rupture_type {rt}")
        if stage is not None and stage not in stages:
            fail(f"{mid}: unknown stage {stage!r}")
        if rt is not None and stage is None:
            fail(f"{mid}: a rupture moment needs a stage")
        if not isinstance(m["pairs"], list) or not m["pairs"]:
            fail(f"{mid}: pairs must be a non-empty list")
        for i, p in enumerate(m["pairs"], 1):
            if not isinstance(p, dict):
                fail(f"{mid}: pair {i} must be a mapping")
            pl = p[LINE]
            for k in p:
                if k != LINE and k not in PAIR_KEYS:
                    fail(f"{mid} pair {i}: unknown key {k!r}", pl)
            for k in PAIR_KEYS:
                if k not in p:
                    fail(f"{mid} pair {i}: lacks {k!r}", pl)
                if not isinstance(p[k], str) or not p[k].strip():
                    fail(f"{mid} pair {i}: {k} must be non-empty text", pl)
            if p["kind"] not in KINDS:
                fail(f"{mid} pair {i}: unknown kind {p['kind']!r} (one of {', '.join(KINDS)})", pl)
            if p["better"].strip() == p["worse"].strip():
                fail(f"{mid} pair {i}: better and worse are the same text", pl)
            out.append((f"{mid}.{i}", p["kind"], m, p["better"], p["worse"], p["why"]))
    return out


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def context(m):
    c = {}
    for k in ("rupture_type", "marker", "stage", "patient_line"):
        if m[k] is not None:
            c[k] = m[k]
    return c


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", help="the impasse binary")
    ap.add_argument("--src", nargs="*", help="pair sources (default: src/*.yaml beside this script)")
    ap.add_argument("--ids", default=os.path.join(ROOT, "assets", "ids.yaml"))
    ap.add_argument("--verbose", action="store_true", help="list every missed pair")
    args = ap.parse_args()

    srcs = args.src
    if not srcs:
        d = os.path.join(HERE, "src")
        srcs = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".yaml"))
    try:
        ids = load_ids(args.ids)
        pairs, seen = [], {}
        for s in srcs:
            pairs += check_source(s, ids, seen)
    except (Malformed, OSError, KeyError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if not pairs:
        print("error: no pairs in " + ", ".join(srcs), file=sys.stderr)
        return 2

    env = dict(os.environ)
    env.setdefault("IMPASSE_DATA_ROOT", ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "pairs.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for pid, _, m, better, worse, _ in pairs:
                for side, text in (("better", better), ("worse", worse)):
                    line = {"id": f"{pid}.{side}", "text": text, "context": context(m)}
                    f.write(json.dumps(line, ensure_ascii=False) + "\n")
        try:
            run = subprocess.run([args.binary, "score", "--jsonl", inp], env=env,
                                 capture_output=True, text=True)
        except OSError as e:
            print(f"error: cannot run {args.binary}: {e}", file=sys.stderr)
            return 1
    if run.returncode != 0:
        print(f"error: {args.binary} score --jsonl exited {run.returncode}: {run.stderr.strip()}",
              file=sys.stderr)
        return 1
    overall = {}
    for n, line in enumerate(run.stdout.splitlines(), 1):
        o = json.loads(line)
        if "error" in o:
            print(f"error: scorer output line {n} ({o.get('id')}): {o['error']}", file=sys.stderr)
            return 1
        overall[o["id"]] = o["overall"]
    want = 2 * len(pairs)
    if len(overall) != want:
        print(f"error: the scorer answered {len(overall)} of {want} lines", file=sys.stderr)
        return 1

    hits = {k: 0 for k in KINDS}
    total = {k: 0 for k in KINDS}
    margins = {k: [] for k in KINDS}
    misses = []
    for pid, kind, m, better, worse, why in pairs:
        b, w = overall[f"{pid}.better"], overall[f"{pid}.worse"]
        total[kind] += 1
        margins[kind].append(b - w)
        if b > w:
            hits[kind] += 1
        else:
            misses.append((pid, kind, b, w, better, worse, why))
    print(f"adversarial pairs: {len(pairs)} pairs from {len(seen)} moments "
          f"({', '.join(os.path.relpath(s, ROOT) for s in srcs)})")
    # margin: better.overall - worse.overall, in points of the 0-100 overall.
    print(f"{'kind':<16} {'better>worse':>12} {'n':>4} {'share':>6} {'median margin':>14}")
    for k in KINDS:
        if total[k]:
            print(f"{k:<16} {hits[k]:>12} {total[k]:>4} {hits[k] / total[k]:>6.3f} "
                  f"{median(margins[k]):>14.1f}")
    h = sum(hits.values())
    every = [x for k in KINDS for x in margins[k]]
    print(f"overall: {h}/{len(pairs)} pairs better > worse ({h / len(pairs):.3f}); "
          f"ties count as misses; median margin {median(every):.1f}")
    if args.verbose and misses:
        print(f"\nmisses ({len(misses)}):")
        for pid, kind, b, w, better, worse, why in misses:
            print(f"- {pid} [{kind}] better {b:g} <= worse {w:g}: {why}")
            print(f"    better: {better}")
            print(f"    worse:  {worse}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
