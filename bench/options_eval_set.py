#!/usr/bin/env python3
"""Turns the bundled scenarios' authored options into a labelled JSONL set for
`impasse score --evaluate` (a cross-check of the free-text scorer against the authors' ratings).

Labels: a principle is present when the author rated it 2; a counter-marker when the author
listed it; the strategy is the author's. The hand rating (1..5) is derived from the ratings:
5 = three or more principles at 2 and no counter-marker, 4 = at least one at 2 and none,
3 = no counter-marker, 2 = one counter-marker, 1 = more.

    python3 bench/options_eval_set.py scenarios > /tmp/options.jsonl
    impasse score --evaluate /tmp/options.jsonl
"""
import glob, json, os, sys

import yaml

P = ["tentativeness", "own_subjectivity", "we_ness", "here_and_now", "concrete_specific",
     "start_where_you_are", "accept_responsibility", "explore_patient_experience",
     "non_defensive", "awareness_over_change"]
C = ["defending", "blaming", "premature_interpretation", "placating", "ignoring_marker",
     "directive", "lecturing", "generalizing"]

root = sys.argv[1] if len(sys.argv) > 1 else "scenarios"
for path in sorted(glob.glob(os.path.join(root, "**", "*.yaml"), recursive=True)):
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    for node_id, node in (doc.get("nodes") or {}).items():
        for r in node.get("responses") or []:
            ratings = r.get("ratings") or {}
            cms = r.get("counter_markers") or []
            high = sum(1 for v in ratings.values() if v == 2)
            rating = (5 if high >= 3 and not cms else 4 if high and not cms else
                      3 if not cms else 2 if len(cms) == 1 else 1)
            markers = node.get("markers") or [{}]
            print(json.dumps({
                "id": "%s:%s:%s" % (os.path.basename(path), node_id, r["id"]),
                "text": r["text"],
                "context": {"rupture_type": doc["rupture_type"], "marker": markers[0].get("id"),
                            "patient_line": node.get("say", ""), "stage": node.get("stage", "marker")},
                "labels": {"principles": {p: int(ratings.get(p, 0) == 2) for p in P},
                           "counter_markers": {c: int(c in cms) for c in C},
                           "strategy": r.get("strategy")},
                "overall": rating}))
