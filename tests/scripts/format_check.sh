#!/usr/bin/env bash
# Every C++ source of the project is formatted with the repo's .clang-format.
set -euo pipefail
src=$2
cd "$src"
if ! command -v clang-format >/dev/null; then echo "clang-format missing: run scripts/setup --test"; exit 1; fi
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.cpp' '*.h' 2>/dev/null || find app engine tests -name '*.cpp' -o -name '*.h')
[ ${#files[@]} -gt 0 ] || { echo "no sources found"; exit 1; }
clang-format --dry-run -Werror "${files[@]}"
echo "${#files[@]} files formatted"
