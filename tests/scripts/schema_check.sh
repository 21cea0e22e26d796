#!/usr/bin/env bash
# docs/scenario.schema.json: (a) is valid JSON and a draft-07 object using only the keywords the
# checker below understands, (b) accepts every scenarios/**/*.yaml, and (c) rejects a few
# deliberately broken documents and the loader's IMP01xx/IMP02xx test files in
# tests/data/scenarios/bad/ (so the check cannot pass vacuously).
# Usage: bash schema_check.sh IMPASSE_BINARY SOURCE_DIR  (the binary is not needed.)
# Needs python3 with PyYAML; skips (exit 0) without it. Does not use the jsonschema package.
set -euo pipefail
SRC="${2:?usage: schema_check.sh IMPASSE_BINARY SOURCE_DIR}"

if ! python3 -c 'import yaml' 2>/dev/null; then
    echo "SKIP: python3 with PyYAML is not available; schema not checked"
    exit 0
fi

python3 - "$SRC" <<'PY'
import copy, glob, json, os, re, sys

src = sys.argv[1]
schema_path = os.path.join(src, "docs", "scenario.schema.json")
try:
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"FAIL: {schema_path} is not valid JSON: {e}")
import yaml

KNOWN = {"$schema", "$id", "title", "description", "type", "enum", "pattern", "required",
         "properties", "additionalProperties", "patternProperties", "items", "minimum",
         "maximum", "minLength", "oneOf", "anyOf"}

def lint(s, where):
    """The schema uses only keywords this checker implements, with well-formed values."""
    if not isinstance(s, dict):
        raise SystemExit(f"FAIL: schema at {where} is not an object")
    unknown = set(s) - KNOWN
    if unknown:
        raise SystemExit(f"FAIL: schema at {where} uses unsupported keywords {sorted(unknown)}")
    for k in ("pattern",):
        if k in s:
            re.compile(s[k])
    for k in s.get("patternProperties", {}):
        re.compile(k)
    for k, sub in s.get("properties", {}).items():
        lint(sub, f"{where}/properties/{k}")
    for k, sub in s.get("patternProperties", {}).items():
        lint(sub, f"{where}/patternProperties/{k}")
    if isinstance(s.get("additionalProperties"), dict):
        lint(s["additionalProperties"], where + "/additionalProperties")
    if "items" in s:
        lint(s["items"], where + "/items")
    for k in ("oneOf", "anyOf"):
        for i, sub in enumerate(s.get(k, [])):
            lint(sub, f"{where}/{k}/{i}")

if schema.get("$schema") != "http://json-schema.org/draft-07/schema#":
    sys.exit("FAIL: the schema does not declare draft-07")
lint(schema, "#")

def type_ok(v, t):
    if t == "object": return isinstance(v, dict)
    if t == "array": return isinstance(v, list)
    if t == "string": return isinstance(v, str)
    if t == "boolean": return isinstance(v, bool)
    if t == "integer": return isinstance(v, int) and not isinstance(v, bool)
    if t == "number": return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t == "null": return v is None
    raise SystemExit(f"FAIL: unknown type {t!r} in the schema")

def validate(v, s, path, errs):
    n = len(errs)
    if "type" in s:
        ts = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(type_ok(v, t) for t in ts):
            errs.append(f"{path}: expected {'/'.join(ts)}, got {type(v).__name__} {v!r:.40}")
            return
    if "enum" in s and v not in s["enum"]:
        errs.append(f"{path}: {v!r} is not one of {s['enum']}")
    if isinstance(v, str):
        if "pattern" in s and not re.search(s["pattern"], v):
            errs.append(f"{path}: {v!r} does not match {s['pattern']}")
        if "minLength" in s and len(v) < s["minLength"]:
            errs.append(f"{path}: shorter than {s['minLength']}")
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if "minimum" in s and v < s["minimum"]:
            errs.append(f"{path}: {v} < minimum {s['minimum']}")
        if "maximum" in s and v > s["maximum"]:
            errs.append(f"{path}: {v} > maximum {s['maximum']}")
    if isinstance(v, dict):
        for k in s.get("required", []):
            if k not in v:
                errs.append(f"{path}: missing required '{k}'")
        props, pats = s.get("properties", {}), s.get("patternProperties", {})
        for k, x in v.items():
            k = str(k)
            matched = False
            if k in props:
                matched = True
                validate(x, props[k], f"{path}/{k}", errs)
            for p, sub in pats.items():
                if re.search(p, k):
                    matched = True
                    validate(x, sub, f"{path}/{k}", errs)
            if not matched:
                ap = s.get("additionalProperties", True)
                if ap is False:
                    errs.append(f"{path}: unknown key '{k}'")
                elif isinstance(ap, dict):
                    validate(x, ap, f"{path}/{k}", errs)
    if isinstance(v, list) and "items" in s:
        for i, x in enumerate(v):
            validate(x, s["items"], f"{path}[{i}]", errs)
    for key, need in (("oneOf", 1), ("anyOf", None)):
        if key in s:
            ok = sum(1 for sub in s[key] if not check(v, sub))
            if (need == 1 and ok != 1) or (need is None and ok == 0):
                errs.append(f"{path}: matches {ok} of the {key} alternatives")
    return len(errs) == n

def check(doc, s=schema):
    errs = []
    validate(doc, s, "#", errs)
    return errs

files = sorted(glob.glob(os.path.join(src, "scenarios", "**", "*.yaml"), recursive=True))
if not files:
    sys.exit("FAIL: no scenarios/**/*.yaml found under " + src)
failed = 0
for f in files:
    with open(f, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    errs = check(doc)
    if errs:
        failed += 1
        print(f"FAIL: {os.path.relpath(f, src)}:")
        for e in errs[:20]:
            print("   ", e)
if failed:
    sys.exit(f"FAIL: {failed} of {len(files)} scenario file(s) do not match the schema")

# The schema must reject broken documents, or the check above proves nothing.
base = yaml.safe_load(open(files[0], encoding="utf-8"))
node_id = next(k for k, n in base["nodes"].items() if n.get("responses"))
def broken(name, mutate):
    d = copy.deepcopy(base)
    mutate(d)
    if not check(d):
        sys.exit(f"FAIL: the schema accepts a document with {name}")
broken("an unknown top-level key", lambda d: d.__setitem__("titel", "x"))
broken("a missing 'title'", lambda d: d.pop("title"))
broken("difficulty 4", lambda d: d.__setitem__("difficulty", 4))
broken("an uppercase scenario id", lambda d: d.__setitem__("id", "Bad_Case"))
broken("an unknown stage", lambda d: d["nodes"][node_id].__setitem__("stage", "resolution"))
broken("a node id with a dash", lambda d: d["nodes"].__setitem__("bad-node", d["nodes"][node_id]))
broken("an unknown node key", lambda d: d["nodes"][node_id].__setitem__("stgae", "marker"))
broken("an unknown effect target",
       lambda d: d["nodes"][node_id]["responses"][0].__setitem__(
           "effects", {"alliance.trust": 0.1}))
broken("an effect string without '='",
       lambda d: d["nodes"][node_id]["responses"][0].__setitem__(
           "effects", {"alliance.bond": "0.1"}))
broken("a salience of 9",
       lambda d: d["nodes"][node_id].__setitem__("markers", [{"id": "withdrawal.denial", "salience": 9}]))

# Every structural and vocabulary error file (IMP01xx, IMP02xx) of the loader's tests is one a
# schema can see: the schema must reject each of them too.
bad = sorted(glob.glob(os.path.join(src, "tests", "data", "scenarios", "bad", "IMP0[12]*.yaml")))
for f in bad:
    with open(f, encoding="utf-8") as fh:
        if not check(yaml.safe_load(fh)):
            sys.exit(f"FAIL: the schema accepts {os.path.relpath(f, src)}")
print(f"ok: schema is valid JSON; {len(files)} scenario file(s) match it; "
      f"10 broken documents and {len(bad)} IMP01xx/IMP02xx test files rejected")
PY
