#!/usr/bin/env bash
# `impasse graph`: every bundled scenario's DOT is accepted by Graphviz (`dot -Tsvg`, installed
# by scripts/setup --test) and its JSON lists exactly the file's nodes; an unreachable node is
# marked; a missing scenario is a usage error.
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export IMPASSE_DATA_ROOT=$src
fail() { echo "FAIL: $*"; exit 1; }
n=0
while IFS= read -r f; do
  "$bin" graph "$f" >"$tmp/g.dot" || fail "graph failed for $f"
  if command -v dot >/dev/null; then
    dot -Tsvg "$tmp/g.dot" >"$tmp/g.svg" 2>"$tmp/dot.err" || { cat "$tmp/dot.err"; fail "Graphviz rejects the DOT of $f"; }
    grep -q "<svg" "$tmp/g.svg" || fail "no SVG for $f"
  fi
  "$bin" graph "$f" --format json >"$tmp/g.json"
  python3 - "$f" "$tmp/g.json" <<'PY' || fail "JSON nodes differ from the file for $f"
import json, sys, yaml
doc = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
g = json.load(open(sys.argv[2]))
assert [n["id"] for n in g["nodes"]] == list(doc["nodes"].keys()), "node list"
assert sum(1 for n in g["nodes"] if n["start"]) == 1, "one start"
assert all(n["reachable"] for n in g["nodes"]), "bundled cases have no unreachable nodes"
want = sum(len(n.get("responses") or []) + (1 if (n.get("free_text") or {}).get("fallback") else 0)
           + len((n.get("free_text") or {}).get("reactions") or {})
           for n in doc["nodes"].values())
# A moment's reactions are edges marked with their kind.
assert sorted(e["reaction"] for e in g["edges"] if "reaction" in e) == sorted(
    k for n in doc["nodes"].values() for k in ((n.get("free_text") or {}).get("reactions") or {})), "reactions"
assert len(g["edges"]) == want, f"edges {len(g['edges'])} != {want}"
PY
  n=$((n + 1))
done < <(find "$src/scenarios" -name '*.yaml' | sort)
[ "$n" -gt 0 ] || fail "no bundled scenarios found"

"$bin" graph "$src/tests/data/scenarios/bad/IMP0402-unreachable.yaml" --format json 2>/dev/null >"$tmp/u.json"
python3 -c 'import json,sys; g=json.load(open(sys.argv[1])); assert [n["id"] for n in g["nodes"] if not n["reachable"]] == ["orphan"]' "$tmp/u.json" ||
  fail "the unreachable node is not marked"
grep -q 'xlabel="unreachable"' <<<"$("$bin" graph "$src/tests/data/scenarios/bad/IMP0402-unreachable.yaml" 2>/dev/null)" ||
  fail "the DOT does not mark the unreachable node"
set +e; "$bin" graph no-such-case >/dev/null 2>&1; rc=$?; set -e
[ $rc -eq 2 ] || fail "a missing scenario should exit 2, got $rc"
echo "graph cli ok: $n scenarios"
