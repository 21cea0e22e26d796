#!/usr/bin/env bash
# The feedback card (issue 18, "Feedback is a card of its own"), under real X input (xdotool) on
# Xvfb, read from the app's own widget rectangles (IMPASSE_LAYOUT_DUMP, app/gui/layout_probe.h).
# After a typed answer is sent: the card, between the conversation and the decision, shows the
# verdict and then the score inside the window, not scrolled or clipped away, while the patient's
# reply, every option and the answer box stay in view below it; at 1920x1080 the whole card
# (the trainee's words quoted, what worked, what was missed, what an expert might say) reads
# without scrolling. A click on the card's header collapses it; it stays collapsed after the next
# answer (for the whole drill); a second click opens it again. At 1024x700 dark, 1280x800 with
# font scale 1.5 light (where the options leave the card room for the start of the verdict only,
# scrolled to the top), and 1920x1080 dark. Screenshots of the open card in $IMPASSE_SHOTS.
set -euo pipefail
bin=$1
gui_screen=1920x1080x24
source "$(dirname "$0")/lib/gui.sh"
echo '{"pause": "never", "checkins": "never", "feedback": "immediate", "option_order": "fixed"}' >"$XDG_CONFIG_HOME/impasse/settings.json"
rects=$tmp/layout.rects
export IMPASSE_LAYOUT_DUMP=$rects

# card.py RECTS STATE: checks the last layout the app wrote. STATE is "open" (the verdict, then
# the score, inside the window and the card; the card above the patient's line and not scrolled
# down), "top" (the verdict begins inside the card, scrolled to its top: where the decision
# leaves the card only a few lines), "whole" (open, and all of the card shows: it does not scroll, the trainee's words and
# what worked or was missed in it) or "collapsed" (the header and nothing of the body, the card no
# taller than its header). In every state the patient's line, every option and the answer box are
# inside the window and not clipped. Prints what is wrong.
cat >"$tmp/card.py" <<'PY'
import sys
state = sys.argv[2]
items, windows, vw, vh = {}, {}, 0, 0
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] == "viewport":
        vw, vh = float(f[1]), float(f[2])
    elif f[0] == "window":
        windows[f[1]] = [float(x) for x in f[2:]]
    elif f[0] == "item":
        items[f[1]] = [float(x) for x in f[2:]]
bad = []
def visible(name):
    if name not in items:
        bad.append(f"{name} not drawn")
        return False
    x0, y0, x1, y1, cx0, cy0, cx1, cy1 = items[name]
    if x0 < 0 or y0 < 0 or x1 > vw or y1 > vh:
        bad.append(f"{name} {x0:.0f},{y0:.0f}-{x1:.0f},{y1:.0f} outside the window {vw:.0f}x{vh:.0f}")
    if y0 < cy0 - 1 or y1 > cy1 + 1 or x0 < cx0 - 1 or x1 > cx1 + 1:
        bad.append(f"{name} {x0:.0f},{y0:.0f}-{x1:.0f},{y1:.0f} clipped by {cx0:.0f},{cy0:.0f}-{cx1:.0f},{cy1:.0f}")
    return True
options = [k for k in items if k.startswith("option")]
if not options:
    bad.append("no option drawn")
for name in ["feedback_card", "patient_line", "answer_box", "send"] + options:
    visible(name)
card = windows.get("feedback")
if card is None:
    bad.append("no feedback card")
elif state == "top":
    # Where the decision leaves the card only a few lines: its header, and the verdict begins
    # in it, scrolled to the top.
    if "feedback_verdict" not in items:
        bad.append("feedback_verdict not drawn")
    elif not (card[1] <= items["feedback_verdict"][1] < card[3]):
        bad.append("the verdict does not begin inside the feedback card")
    if card[5] > 0 and card[4] > 0:
        bad.append(f"the feedback card is scrolled {card[4]:.0f} px down")
elif state in ("open", "whole"):
    for name in ("feedback_verdict", "feedback_score"):
        if visible(name) and not (card[1] <= items[name][1] and items[name][3] <= card[3]):
            bad.append(f"{name} is not inside the feedback card")
    if "feedback_verdict" in items and "feedback_score" in items and items["feedback_verdict"][1] > items["feedback_score"][1]:
        bad.append("the score comes before the verdict")
    if "patient_line" in items and card[3] > items["patient_line"][1]:
        bad.append("the feedback card is not above the patient's reply")
    if card[5] > 0 and card[4] > 0:
        bad.append(f"the feedback card is scrolled {card[4]:.0f} px down")
    if state == "whole":
        if card[5] > 0:
            bad.append(f"the feedback card scrolls ({card[5]:.0f} px more than it shows)")
        for name in ("feedback_words", "feedback_end"):
            visible(name)
else:
    if "feedback_verdict" in items or "feedback_score" in items:
        bad.append("the collapsed card still shows its body")
    header = items.get("feedback_card")
    if header and card[3] - card[1] > (header[3] - header[1]) * 2 + 24:
        bad.append(f"the collapsed card is {card[3] - card[1]:.0f} px high")
for b in bad:
    print(f"{state}: {b}")
sys.exit(1 if bad else 0)
PY

# Waits until the layout says STATE; fails with what is wrong after a while.
wait_for() {
  for _ in $(seq 40); do
    python3 "$tmp/card.py" "$rects" "$1" >/dev/null 2>&1 && return 0
    step 0.25
  done
  python3 "$tmp/card.py" "$rects" "$1" || true
  fail "$2"
}

centre_of() {  # the centre of the item named $1 in the last layout
  awk -v n="$1" '$1 == "item" && $2 == n { printf "%d %d\n", ($3 + $5) / 2, ($4 + $6) / 2 }' "$rects"
}

answer() {  # clicks into the answer box (a click on the card's header took the keyboard), types
            # an answer and sends it
  read -r x y < <(centre_of answer_box)
  click_at "$x" "$y"; step
  xdotool type --delay 15 "$1"; step
  xdotool key Return; step 0.8
}

for run in "1024 700 1.0 dark open" "1280 800 1.5 light top" "1920 1080 1.0 dark whole"; do
  set -- $run
  name="feedback-$1x$2-$3-$4"
  rm -rf "$tmp/record" "$rects"
  gui_start --data-dir "$tmp/record" --width "$1" --height "$2" --font-scale "$3" --theme "$4" \
    --open nadia-this-isnt-working
  grep -q '^item answer_box' "$rects" || fail "$name: the drill did not open"
  ! grep -q '^window feedback' "$rects" || fail "$name: a feedback card before any answer"

  answer "It sounds like this has not been working for you, and I want to hear how."
  wait_for "$5" "$name: after the first answer the feedback card is not in view"
  settled_crop "$1x$2+0+0" "$shots/$name.png"

  read -r x y < <(centre_of feedback_card)
  click_at "$x" "$y"; step 0.6
  wait_for collapsed "$name: a click on its header did not collapse the card"

  answer "What would make it feel more worth coming here?"
  wait_for collapsed "$name: the card opened again after the next answer"

  read -r x y < <(centre_of feedback_card)
  click_at "$x" "$y"; step 0.6
  wait_for "$5" "$name: a second click did not open the card again"
  gui_stop

  turns=$("$bin" data export --data-dir "$tmp/record" |
    python3 -c 'import json,sys; print(sum(len(d["turns"]) for d in json.load(sys.stdin)["drills"]))')
  [ "$turns" = 2 ] || fail "$name: $turns turns recorded, 2 were sent"
done
echo "gui feedback card: in view after each answer with the decision below it, whole at 1920x1080, collapses and stays collapsed; at 1024x700, 1280x800 x1.5 and 1920x1080"
