// The HTML report: one self-contained page, inline CSS and SVG, no scripts, print-friendly.
#include <cstdio>
#include <sstream>

#include "impasse/report.h"
#include "impasse/version.h"
#include "impasse/vocabulary.h"
#include "report/turn_view.h"

namespace impasse {
namespace {

std::string esc(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string fmt(double v, const char* f = "%.0f") {
    char b[32];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

const char* kStyle = R"css(
body{font-family:"DejaVu Sans",Verdana,sans-serif;color:#1d232a;max-width:980px;margin:2em auto;padding:0 1.2em;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em}h2{font-size:1.3em;margin-top:2em;border-bottom:2px solid #c9d6db;padding-bottom:.2em}
h3{font-size:1.05em;margin:1.2em 0 .4em}.muted{color:#65707a}.chip{display:inline-block;border-radius:10px;padding:0 .5em;margin:0 .2em;font-size:.85em;background:#e3edf1}
.chip.w{background:#dde8f5}.chip.c{background:#f8e2d8}table{border-collapse:collapse;width:100%;font-size:.92em}
td,th{border-bottom:1px solid #e2e6ea;padding:.35em .4em;vertical-align:top;text-align:left}th{background:#f3f6f8}
.patient{font-style:normal}.cue{font-style:italic;color:#65707a}.score{font-weight:bold;text-align:right;white-space:nowrap}
.charts{display:flex;gap:2em;flex-wrap:wrap}.card{break-inside:avoid;page-break-inside:avoid}
@media print{body{margin:0;max-width:none}h2{page-break-before:auto}a{color:inherit}}
)css";

std::string alliance_svg(const std::vector<report::TurnView>& turns) {
    const int W = 440, H = 180, L = 34, R = 10, T = 22, B = 24;
    std::ostringstream s;
    s << "<svg xmlns='http://www.w3.org/2000/svg' width='" << W << "' height='" << H
      << "' role='img' aria-label='Alliance over turns'>";
    for (int i = 0; i <= 4; ++i) {
        double y = T + (H - T - B) * (4 - i) / 4.0;
        s << "<line x1='" << L << "' x2='" << W - R << "' y1='" << y << "' y2='" << y
          << "' stroke='#e2e6ea'/>";
        s << "<text x='4' y='" << y + 4 << "' font-size='11' fill='#65707a'>" << (1 + i)
          << "</text>";
    }
    size_t n = turns.size();
    auto x_of = [&](size_t i) {
        return n <= 1 ? (L + W - R) / 2.0 : L + (W - R - L) * double(i) / double(n - 1);
    };
    auto y_of = [&](double v) { return T + (H - T - B) * (1.0 - v); };
    struct Line {
        const char* name;
        const char* colour;
        double report::TurnView::*field;
    } lines[] = {{"bond", "#3f7fbf", &report::TurnView::bond},
                 {"task", "#d9823b", &report::TurnView::task},
                 {"goal", "#4a9a6a", &report::TurnView::goal}};
    int lx = L;
    for (const auto& l : lines) {
        std::string pts;
        for (size_t i = 0; i < n; ++i) {
            double v = turns[i].*(l.field);
            if (v < 0) continue;
            pts += fmt(x_of(i), "%.1f") + "," + fmt(y_of(v), "%.1f") + " ";
        }
        if (!pts.empty())
            s << "<polyline fill='none' stroke='" << l.colour << "' stroke-width='2.5' points='"
              << pts << "'/>";
        s << "<rect x='" << lx << "' y='4' width='10' height='10' fill='" << l.colour
          << "'/><text x='" << lx + 14 << "' y='13' font-size='11'>" << l.name << "</text>";
        lx += 60;
    }
    for (size_t i = 0; i < n; ++i)
        s << "<text x='" << x_of(i) - 3 << "' y='" << H - 6 << "' font-size='10' fill='#65707a'>"
          << i + 1 << "</text>";
    s << "</svg>";
    return s.str();
}

std::string principles_svg(const std::vector<report::TurnView>& turns) {
    const auto& terms = vocab::principles();
    const int W = 440, row = 17, label_w = 190;
    int H = static_cast<int>(terms.size()) * row + 6;
    std::ostringstream s;
    s << "<svg xmlns='http://www.w3.org/2000/svg' width='" << W << "' height='" << H
      << "' role='img' aria-label='Principles, mean per turn'>";
    for (size_t p = 0; p < terms.size(); ++p) {
        double sum = 0;
        int cnt = 0;
        for (const auto& t : turns)
            if (p < t.principles.size() && t.principles[p] >= 0) {
                sum += t.principles[p];
                ++cnt;
            }
        double mean = cnt ? sum / cnt : 0;
        int y = static_cast<int>(p) * row + 3;
        s << "<text x='0' y='" << y + 11 << "' font-size='11'>" << esc(std::string(terms[p].label))
          << "</text>";
        s << "<rect x='" << label_w << "' y='" << y + 2 << "' width='" << (W - label_w - 40)
          << "' height='10' fill='#eef2f4'/>";
        s << "<rect x='" << label_w << "' y='" << y + 2 << "' width='"
          << fmt((W - label_w - 40) * mean, "%.1f") << "' height='10' fill='#3f7fbf'/>";
        s << "<text x='" << W - 34 << "' y='" << y + 11 << "' font-size='11'>"
          << (cnt ? fmt(mean, "%.2f") : "–") << "</text>";
    }
    s << "</svg>";
    return s.str();
}

void drill_section(std::ostringstream& h, const ReportDrill& d) {
    std::vector<report::TurnView> turns;
    for (const auto& t : d.turns)
        turns.push_back(report::view_turn(t.record, t.input, t.overall));
    h << "<section class='card'><h2>" << esc(d.title) << "</h2>";
    h << "<p class='muted'>Started " << esc(d.drill.started_at) << " · " << d.drill.turns
      << " turns · ";
    if (d.drill.status == "finished")
        h << "ending: <b>" << esc(std::string(vocab::label(vocab::ending_kinds(), d.drill.ending)))
          << "</b>";
    else
        h << esc(d.drill.status);
    if (d.drill.mean_score >= 0) h << " · mean score " << fmt(d.drill.mean_score);
    if (d.drill.distress >= 0) h << " · distress afterwards " << d.drill.distress << "/10";
    h << "</p>";
    if (!d.drill.pause_note.empty())
        h << "<p><b>Before the drill I noticed:</b> " << esc(d.drill.pause_note) << "</p>";
    if (!turns.empty()) {
        h << "<div class='charts'><figure><figcaption>Alliance after each turn (1–5)</figcaption>"
          << alliance_svg(turns)
          << "</figure><figure><figcaption>Principles (mean over turns, 0–1)</figcaption>"
          << principles_svg(turns) << "</figure></div>";
    }
    h << "<h3>Transcript</h3><table><tr><th>#</th><th>Patient</th><th>You "
         "said</th><th>Score</th></tr>";
    for (size_t i = 0; i < turns.size(); ++i) {
        const auto& t = turns[i];
        h << "<tr><td>" << i + 1 << "</td><td><span class='patient'>" << esc(t.patient)
          << "</span>";
        if (!t.cue.empty()) h << "<br><span class='cue'>" << esc(t.cue) << "</span>";
        for (const auto& m : t.markers)
            h << "<br><span class='chip "
              << (vocab::marker_rupture_type(m) == "withdrawal" ? "w" : "c") << "'>"
              << esc(std::string(vocab::label(vocab::markers(), m))) << "</span>";
        h << "</td><td>" << esc(t.said.empty() ? "(" + t.response + ")" : t.said);
        if (!t.feedback.empty()) h << "<br><span class='muted'>" << esc(t.feedback) << "</span>";
        h << "</td><td class='score'>" << (t.overall >= 0 ? fmt(t.overall) : "–") << "</td></tr>";
    }
    h << "</table>";
    if (!d.checkins.empty()) {
        h << "<h3>Check-ins</h3><table><tr><th>Turn</th><th>Feelings</th><th>Strength</"
             "th><th>Pulled to</th><th>Body</th></tr>";
        for (const auto& c : d.checkins) {
            std::string feelings, urges;
            for (const auto& f : c.feelings)
                feelings += (feelings.empty() ? "" : ", ") +
                            std::string(vocab::label(vocab::feelings(), f));
            for (const auto& u : c.urges)
                urges += (urges.empty() ? "" : ", ") + std::string(vocab::label(vocab::urges(), u));
            h << "<tr><td>" << (c.turn >= 0 ? std::to_string(c.turn + 1) : "–") << "</td><td>"
              << esc(feelings) << "</td><td>" << c.intensity << "/10</td><td>" << esc(urges)
              << "</td><td>" << esc(c.body) << "</td></tr>";
        }
        h << "</table>";
    }
    if (!d.journal.empty()) {
        h << "<h3>Reflections</h3>";
        for (const auto& j : d.journal)
            h << "<p>" << esc(j.text) << " <span class='muted'>(" << esc(j.created_at)
              << ")</span></p>";
    }
    h << "</section>";
}

}  // namespace

std::string render_report_html(const ReportData& data) {
    std::ostringstream h;
    h << "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' "
         "content='width=device-width, initial-scale=1'><title>Impasse practice "
         "report</title><style>"
      << kStyle << "</style></head><body>";
    h << "<h1>Practice report</h1><p class='muted'>Impasse " << version_string() << " · generated "
      << esc(data.generated_at);
    if (!data.from.empty() || !data.to.empty())
        h << " · drills from " << esc(data.from.empty() ? "the start" : data.from) << " to "
          << esc(data.to.empty() ? "now" : data.to);
    h << " · " << data.drills.size() << (data.drills.size() == 1 ? " drill" : " drills") << "</p>";
    if (data.drills.empty()) h << "<p>No drills in this range yet.</p>";
    for (const auto& d : data.drills)
        drill_section(h, d);
    h << "<p class='muted'>Scores are the simulator's reading of the words alone; tone, timing and "
         "the "
         "relationship's history are not in them. Use them as prompts for reflection and "
         "supervision.</p>";
    h << "</body></html>\n";
    return h.str();
}

}  // namespace impasse
