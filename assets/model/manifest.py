#!/usr/bin/env python3
"""Writes assets/model/manifest.json for scripts/train-scorer: the data the model was trained
from (SHA-256 of every corpus source and split), the learner's settings as `impasse model train
--manifest` wrote them, and the held-out figures `impasse score --evaluate --json` measured with
the freshly trained model. Same inputs, same bytes: keys in a fixed order, no timestamps."""
import argparse
import glob
import hashlib
import json
import os


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def sources_digest(root):
    """One digest over every file the corpus is built from, in sorted path order."""
    corpus = os.path.join(root, "assets", "corpus")
    files = sorted(glob.glob(os.path.join(corpus, "src", "*.yaml")))
    files += sorted(glob.glob(os.path.join(corpus, "second", "*.yaml")))
    files += [os.path.join(corpus, "adjudication.yaml"), os.path.join(corpus, "build.py"),
              os.path.join(root, "assets", "ids.yaml")]
    h = hashlib.sha256()
    for f in files:
        h.update(os.path.relpath(f, root).encode() + b"\0" + sha256(f).encode() + b"\n")
    return h.hexdigest(), len(files)


def figures(path):
    with open(path) as f:
        e = json.load(f)
    return {"responses": e["responses"], "spearman_overall": e["spearman_overall"],
            "macro": e["macro"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--splits", required=True, help="the folder build.py wrote the splits in")
    ap.add_argument("--work", required=True, help="train-scorer's settings and evaluations")
    ap.add_argument("--model", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    digest, nfiles = sources_digest(a.root)
    with open(os.path.join(a.work, "settings.json")) as f:
        settings = json.load(f)
    splits = {}
    for name in ("train", "heldout_moment", "heldout_register"):
        p = os.path.join(a.splits, name + ".jsonl")
        with open(p, "rb") as f:
            rows = sum(1 for line in f if line.strip())
        splits[name] = {"rows": rows, "sha256": sha256(p)}
    manifest = {
        "model": {"file": "response-model.txt", "sha256": sha256(a.model)},
        "data": {"sources_sha256": digest, "source_files": nfiles, "splits": splits},
        "settings": settings,
        "heldout": {
            "heldout_moment": dict(figures(os.path.join(a.work, "eval-heldout_moment.json")),
                                   split="moments with sha256(moment id) % 5 == 0"),
            "heldout_register": dict(figures(os.path.join(a.work, "eval-heldout_register.json")),
                                     split="second-language English (register l2)"),
            "tests/data/eval/heldout.jsonl": dict(
                figures(os.path.join(a.work, "eval-eval_heldout.json")),
                split="the older evaluation set, written separately, never trained on"),
        },
    }
    with open(a.out, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
