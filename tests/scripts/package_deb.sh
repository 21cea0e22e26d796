#!/usr/bin/env bash
# `cpack -G DEB` builds a package whose binary runs from any folder and finds its bundled
# scenarios without being told; the package declares its runtime dependencies.
set -euo pipefail
bin=$1
build=$(cd "$(dirname "$bin")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$build" && cpack -G DEB -B "$tmp/pkg" >/dev/null)
deb=$(ls "$tmp"/pkg/impasse_*.deb)
dpkg-deb -f "$deb" Depends | grep -q libyaml-cpp0.7 || { echo "FAIL: Depends lacks libyaml-cpp0.7"; exit 1; }
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
