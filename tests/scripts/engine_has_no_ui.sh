#!/usr/bin/env bash
# The engine must stay free of the UI: no file under engine/ includes imgui or GLFW.
set -euo pipefail
src=$2
if grep -rnE '#include *[<"](imgui|GLFW|backends/imgui)' "$src/engine"; then
  echo "FAIL: engine/ includes a UI header (above)"; exit 1
fi
echo "engine/ has no UI includes"
