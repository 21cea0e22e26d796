#!/usr/bin/env bash
# `cpack -G DEB` builds a package whose binary runs from any folder and finds its bundled
# scenarios without being told; the package declares its runtime dependencies (every package
# that owns a library the binary links directly).
set -euo pipefail
bin=$1
build=$(cd "$(dirname "$bin")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$build" && cpack -G DEB -B "$tmp/pkg" >/dev/null)
deb=$(ls "$tmp"/pkg/impasse_*.deb)
# Every library the binary links directly comes from a package it declares.
depends=$(dpkg-deb -f "$deb" Depends | tr -d ' ' | tr ',' '\n' | sed 's/(.*//')
for so in $(objdump -p "$bin" | awk '/NEEDED/ { print $2 }'); do
  case "$so" in libasan.so.*|libubsan.so.*) continue ;; esac  # a sanitized test build's runtime
  path=$(ldd "$bin" | awk -v s="$so" '$1 == s { print $3 }')
  pkg=$(dpkg -S "$path" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null || true)
  pkg=${pkg%%:*}
  [[ -n $pkg ]] || { echo "FAIL: no package owns $so ($path)"; exit 1; }
  grep -qx "$pkg" <<<"$depends" || { echo "FAIL: Depends lacks $pkg (for $so)"; exit 1; }
done
contents=$(dpkg-deb -c "$deb")
grep -q './usr/share/applications/impasse.desktop' <<<"$contents" || { echo "FAIL: no desktop entry"; exit 1; }
grep -q './usr/share/icons/hicolor/scalable/apps/impasse.svg' <<<"$contents" || { echo "FAIL: no icon"; exit 1; }
grep -q './usr/share/impasse/assets/learn/here_and_now.md' <<<"$contents" || { echo "FAIL: no Learn pages"; exit 1; }
dpkg-deb -x "$deb" "$tmp/root"
cd /
"$tmp/root/usr/bin/impasse" --version | grep -q '^impasse [0-9]' || { echo "FAIL: --version"; exit 1; }
out=$(env -u IMPASSE_DATA_ROOT "$tmp/root/usr/bin/impasse" paths)
echo "$out"
echo "$out" | grep -q "data root:  $tmp/root/usr/share/impasse" || { echo "FAIL: installed binary does not find its data"; exit 1; }
echo "package ok: $(basename "$deb")"
