#!/usr/bin/env python3
"""Checks a drill screen's layout from the app's own widget rectangles (IMPASSE_LAYOUT_DUMP,
app/gui/layout_probe.h): what a trainee needs to answer is inside the window and not scrolled or
clipped away, nothing in the decision scrolls, and the conversation takes the height left.
Not a test itself: tests/scripts/gui_drill_layout.sh runs it.

    layout_check.py DUMP OPTIONS [--fill]

OPTIONS is how many options the moment offers (0: a free-text-only moment). --fill also asks
that the decision card and the conversation between them take the whole height (no empty band).
Prints what is wrong and exits 1, or exits 0."""
import sys


def main():
    path, want = sys.argv[1], int(sys.argv[2])
    fill = "--fill" in sys.argv[3:]
    items, windows, viewport = {}, {}, None
    for line in open(path):
        f = line.split()
        if f[0] == "viewport":
            viewport = (float(f[1]), float(f[2]))
        elif f[0] == "window":
            windows[f[1]] = [float(x) for x in f[2:]]
        elif f[0] == "item":
            items[f[1]] = [float(x) for x in f[2:]]
    bad = []
    if viewport is None:
        bad.append("no viewport line")
        viewport = (0, 0)
    vw, vh = viewport

    def inside(name):
        if name not in items:
            bad.append(f"{name}: not drawn")
            return
        x0, y0, x1, y1, cx0, cy0, cx1, cy1 = items[name]
        if x0 < 0 or y0 < 0 or x1 > vw or y1 > vh:
            bad.append(f"{name}: {x0:.0f},{y0:.0f}-{x1:.0f},{y1:.0f} is outside the window {vw:.0f}x{vh:.0f}")
        if x0 < cx0 - 1 or y0 < cy0 - 1 or x1 > cx1 + 1 or y1 > cy1 + 1:
            bad.append(f"{name}: {x0:.0f},{y0:.0f}-{x1:.0f},{y1:.0f} is clipped by its panel "
                       f"{cx0:.0f},{cy0:.0f}-{cx1:.0f},{cy1:.0f} (scrolled away or cut off)")

    for name in ("patient_line", "answer_box", "send"):
        inside(name)
    if "cue" in items:
        inside("cue")
    shown = sorted(k for k in items if k.startswith("option"))
    if len(shown) != want:
        bad.append(f"{len(shown)} options drawn, the moment has {want}")
    for name in shown:
        inside(name)
    if want == 0:
        inside("free_text_only")
    elif "free_text_only" in items:
        bad.append("a moment with options says it has none")
    if "checkin_strip" in items:
        inside("checkin_strip")
        inside("checkin_done")
    for name in ("drill_main", "decision"):
        if name not in windows:
            bad.append(f"panel {name} not drawn")
        elif windows[name][5] > 0:
            bad.append(f"panel {name} scrolls ({windows[name][5]:.0f} px more than it shows)")
    if "decision" in windows and "drill_main" in windows:
        dec, main = windows["decision"], windows["drill_main"]
        if dec[3] > main[3] + 1:
            bad.append(f"the decision card ends at {dec[3]:.0f}, below its column's end {main[3]:.0f}")
        if fill:
            conv = windows.get("conversation")
            if conv is None:
                bad.append("no conversation panel although the window is large")
            else:
                # The feedback card, once there is one, sits between them.
                below = windows.get("feedback", dec)
                gap = below[1] - conv[3]
                if gap > 16:
                    bad.append(f"an empty band of {gap:.0f} px below the conversation")
                if "feedback" in windows and dec[1] - below[3] > 16:
                    bad.append(f"an empty band of {dec[1] - below[3]:.0f} px below the feedback card")
            if main[3] - dec[3] > 16:
                bad.append(f"an empty band of {main[3] - dec[3]:.0f} px below the decision card")
    for b in bad:
        print(f"{path}: {b}")
    return 1 if bad else 0


sys.exit(main())
