#!/usr/bin/env bash
# docs/scenarios.md is the table scripts/scenarios-doc makes of the bundled library.
set -euo pipefail
src=$2
if ! python3 -c 'import yaml' 2>/dev/null; then echo "SKIP: python3 with PyYAML is not available"; exit 0; fi
python3 "$src/scripts/scenarios-doc" --check
echo "docs/scenarios.md is current"
