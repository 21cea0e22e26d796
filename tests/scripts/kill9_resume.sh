#!/usr/bin/env bash
# Crash safety: `impasse play` is killed with SIGKILL at random moments while answers stream
# in; every answer it had recorded is still there, and `play --resume` finishes the drill with
# a transcript identical to an uninterrupted run with the same inputs.
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export IMPASSE_FIXED_TIME=2026-01-01T00:00:00.000Z
scenario=$src/scenarios/cases/nadia-this-isnt-working.yaml
# A fixed walk of 28 answers that loops through the case before ending in dropout.
inputs=()
for i in $(seq 10); do inputs+=(1 3); done
for i in $(seq 6); do inputs+=(1 2); done
printf '%s\n' "${inputs[@]}" > "$tmp/inputs"

"$bin" play "$scenario" --fixed-order --seed 5 --no-record --transcript "$tmp/ref.json" < "$tmp/inputs" > /dev/null || true
ref_turns=$(grep -c '"routed_to":' "$tmp/ref.json")
[ "$ref_turns" -ge 5 ] || { echo "FAIL: reference run too short ($ref_turns turns)"; exit 1; }
grep -q '"ending": {' "$tmp/ref.json" || { echo "FAIL: reference run reached no ending"; exit 1; }

runs=${KILL9_RUNS:-12}
for run in $(seq 1 "$runs"); do
  data=$tmp/data$run
  delay=$(awk -v r="$RANDOM" 'BEGIN { printf "%.3f", 0.05 + (r % 900) / 1000 }')
  ( for l in "${inputs[@]}"; do echo "$l"; sleep 0.03; done ) |
    "$bin" play "$scenario" --fixed-order --seed 5 --data-dir "$data" > /dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  pkill -9 -f -- "--data-dir $data" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  recorded=$("$bin" data export --data-dir "$data" | grep -c '"created_at":' || true)
  exported=$("$bin" data export --data-dir "$data")
  if ! grep -q '"scenario":' <<<"$exported"; then
    # Killed before the drill was even recorded: nothing was answered, so start it afresh.
    "$bin" play "$scenario" --fixed-order --seed 5 --data-dir "$data" --transcript "$tmp/out$run.json" < "$tmp/inputs" > /dev/null || true
    cmp -s "$tmp/ref.json" "$tmp/out$run.json" || { echo "FAIL: run $run: fresh start differs"; exit 1; }
    echo "run $run: killed after ${delay}s before the drill was recorded; a fresh start matches"
    continue
  fi
  # Resume with the inputs after those recorded.
  tail -n +"$((recorded + 1))" "$tmp/inputs" |
    "$bin" play --resume --data-dir "$data" --transcript "$tmp/out$run.json" > /dev/null 2>&1 || {
      # Killed after the last answer: nothing left to resume is fine only if the drill ended.
      exported=$("$bin" data export --data-dir "$data")
      if grep -q '"status": "finished"' <<<"$exported"; then
        "$bin" play "$scenario" --fixed-order --seed 5 --no-record --transcript "$tmp/out$run.json" < "$tmp/inputs" > /dev/null || true
      else
        echo "FAIL: run $run: resume failed after $recorded recorded answers"; exit 1
      fi
    }
  if ! cmp -s "$tmp/ref.json" "$tmp/out$run.json"; then
    echo "FAIL: run $run (killed after ${delay}s, $recorded answers recorded): resumed transcript differs"
    diff "$tmp/ref.json" "$tmp/out$run.json" | head -20
    exit 1
  fi
  echo "run $run: killed after ${delay}s with $recorded answers recorded; resumed to an identical transcript"
done
echo "kill -9 test: $runs runs ok"
