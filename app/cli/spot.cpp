// `impasse spot SCENARIO`: the marker-spotting drill. --sheet prints the patient turns to read;
// otherwise the trainee's flags (`TURN MARKER_ID` lines, from --flags FILE or standard input)
// are scored against the case's authored markers. docs/spotting.md describes every figure.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

#include "cli/cli_io.h"
#include "cli/commands.h"
#include "impasse/json_write.h"
#include "impasse/paths.h"
#include "impasse/rubric_scorer.h"
#include "impasse/scenario_loader.h"
#include "impasse/spotting.h"
#include "impasse/transcript.h"
#include "impasse/utf8.h"
#include "impasse/vocabulary.h"

namespace impasse::cli {
namespace {

struct SpotArgs {
    std::string scenario;
    std::string transcript;  // read the lines of this recorded drill instead of the main path
    std::string flags;       // "" or "-": standard input
    bool json = false;
    bool sheet = false;
    bool key = false;
    uint64_t seed = 0;
};

constexpr size_t kMaxFlagsBytes = 1 << 20;

// `text` wrapped at `width` columns, every line after the first indented by `indent`.
std::string wrap(const std::string& text, size_t indent, size_t width = 96) {
    std::istringstream words(text);
    std::string out, word;
    size_t col = indent;
    bool first = true;
    while (words >> word) {
        if (!first && col + 1 + word.size() > width) {
            out += "\n" + std::string(indent, ' ');
            col = indent;
            first = true;
        }
        if (!first) {
            out += ' ';
            ++col;
        }
        out += word;
        col += word.size();
        first = false;
    }
    return out;
}

std::string excerpt(const std::string& line, size_t max = 60) {
    if (line.size() <= max) return line;
    size_t cut = line.rfind(' ', max);
    if (cut == std::string::npos || cut < max / 2) cut = max;
    return std::string(utf8::cut(line, cut)) + "...";
}

std::string label(const std::string& marker) {
    return std::string(vocab::label(vocab::markers(), marker));
}

std::string percent(const std::optional<double>& v, int num, int den) {
    if (!v) return "n/a (no such turns)";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f%% (%d of %d)", *v * 100.0, num, den);
    return buf;
}

std::string kappa_line(const Kappa& k) {
    char buf[256];
    if (!k.value) {
        if (k.n == 0) return "undefined: nothing was judged";
        std::snprintf(buf, sizeof buf,
                      "undefined: every judgement fell in one category (agreement %.0f%%), so "
                      "there is no chance agreement to correct for",
                      k.observed * 100.0);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.2f, %s agreement (observed %.0f%%, chance %.0f%%, n = %lld)",
                  *k.value, std::string(kappa_band(*k.value)).c_str(), k.observed * 100.0,
                  k.expected * 100.0, k.n);
    return buf;
}

void print_sheet(const Scenario& sc, const SpottingSheet& sheet, const std::string& again) {
    std::printf("Marker spotting: %s (%s), %zu patient turn%s%s.\n", sc.title.c_str(),
                sc.id.c_str(), sheet.turns.size(), sheet.turns.size() == 1 ? "" : "s",
                sheet.source == "main_path"    ? " along the case's main path"
                : sheet.source == "transcript" ? " as you saw them in your drill"
                                               : "");
    std::printf(
        "Read each turn. Where you see a rupture marker, write a line `TURN MARKER_ID`\n"
        "(e.g. `3 withdrawal.minimal_response`); several lines per turn are fine. Leave out\n"
        "turns with no marker (or write `TURN none`). Then: impasse spot %s --flags FILE\n\n",
        again.c_str());
    const std::string who = sc.patient.name.empty() ? "Patient" : sc.patient.name;
    for (const auto& t : sheet.turns) {
        std::printf("%3d  %s: %s\n", t.index, who.c_str(),
                    wrap("\"" + t.patient + "\"", 7 + who.size()).c_str());
        if (!t.cue.empty()) std::printf("     (%s)\n", wrap(t.cue, 6).c_str());
        std::printf("\n");
    }
    if (sheet.truncated) std::printf("(The path was cut at %zu turns.)\n\n", sheet.turns.size());
    std::printf("Marker ids:\n");
    for (const auto& m : vocab::markers())
        std::printf("  %-42s %s\n", std::string(m.id).c_str(), std::string(m.label).c_str());
}

void print_key(const SpottingSheet& sheet) {
    std::printf("# Answer key: %s (%s), %zu turns\n", sheet.scenario.c_str(), sheet.source.c_str(),
                sheet.turns.size());
    for (const auto& t : sheet.turns) {
        if (t.markers.empty()) std::printf("%d none\n", t.index);
        for (const auto& m : t.markers)
            std::printf("%d %s  # salience %d\n", t.index, m.id.c_str(), m.salience);
    }
}

void print_result(const Scenario& sc, const SpottingSheet& sheet, const SpottingResult& r) {
    std::printf("Marker spotting: %s (%s), %zu turns\n\n", sc.title.c_str(), sc.id.c_str(),
                r.turns.size());
    for (size_t i = 0; i < r.turns.size(); ++i) {
        const TurnSpotting& t = r.turns[i];
        std::printf("%3d  \"%s\"\n", t.index, excerpt(sheet.turns[i].patient).c_str());
        auto salience = [&](const std::string& id) {
            int most = 0;
            for (const auto& m : sheet.turns[i].markers)
                if (m.id == id && m.salience > most) most = m.salience;
            return most;
        };
        for (const auto& id : t.hits)
            std::printf("       ✓ %s (salience %d)\n", label(id).c_str(), salience(id));
        for (const auto& id : t.misses)
            std::printf("       ✗ missed: %s (salience %d)\n", label(id).c_str(), salience(id));
        for (const auto& id : t.false_alarms)
            std::printf("       ! false alarm: %s\n", label(id).c_str());
        if (t.expected.empty() && t.flagged.empty())
            std::printf("       · no marker, none flagged\n");
    }
    const Detection& d = r.detection;
    std::printf(
        "\nMarkers: %d hit, %d missed, %d false alarm%s; %d of %d marker-free turns left "
        "unflagged.\n",
        r.hits, r.misses, r.false_alarms, r.false_alarms == 1 ? "" : "s", r.correct_rejections,
        d.true_negative + d.false_positive);
    std::printf(
        "Detection (any marker vs none): sensitivity %s, specificity %s.\n",
        percent(d.sensitivity, d.true_positive, d.true_positive + d.false_negative).c_str(),
        percent(d.specificity, d.true_negative, d.true_negative + d.false_positive).c_str());
    std::printf("Detection kappa: %s.\n", kappa_line(r.detection_kappa).c_str());
    std::printf("Marker kappa:    %s.\n", kappa_line(r.kappa).c_str());
    std::printf(
        "  (Cohen's kappa: 1 perfect, 0 chance level, below 0 worse than chance. Landis & Koch:"
        "\n   .00-.20 slight, .21-.40 fair, .41-.60 moderate, .61-.80 substantial, above .80 "
        "almost perfect.)\n");
    if (!r.per_marker.empty()) {
        std::printf("\n%-36s %8s %8s %5s %7s %12s\n", "Per marker", "authored", "flagged", "hit",
                    "missed", "false alarm");
        for (const auto& m : r.per_marker)
            std::printf("  %-34s %8d %8d %5d %7d %12d\n", excerpt(label(m.marker), 34).c_str(),
                        m.expected, m.flagged, m.hits, m.misses, m.false_alarms);
    }
}

bool read_flags_text(const std::string& path, std::string* text, int& exit_code) {
    std::istream* in = &std::cin;
    std::ifstream file;
    if (!path.empty() && path != "-") {
        file.open(path, std::ios::binary);
        if (!file) {
            std::fprintf(stderr, "impasse: cannot read flags file '%s'\n", path.c_str());
            exit_code = 2;
            return false;
        }
        in = &file;
    } else if (isatty(STDIN_FILENO)) {
        std::fprintf(stderr,
                     "Type your flags, one `TURN MARKER_ID` per line; end with Ctrl-D. "
                     "(See the turns with --sheet.)\n");
    }
    text->clear();
    char buf[8192];
    while (in->read(buf, sizeof buf) || in->gcount() > 0) {
        text->append(buf, static_cast<size_t>(in->gcount()));
        if (text->size() > kMaxFlagsBytes) {
            std::fprintf(stderr, "impasse: the flags are larger than %zu bytes\n", kMaxFlagsBytes);
            exit_code = 2;
            return false;
        }
    }
    return true;
}

// The lines the trainee saw in a recorded drill: the transcript's session, restored.
bool transcript_sheet(const SpotArgs& a, ScenarioPtr* sc, SpottingSheet* sheet, int& exit_code) {
    ParsedTranscript t = read_transcript_file(a.transcript);
    if (!t.diagnostics.empty()) {
        for (const auto& d : t.diagnostics)
            std::fprintf(stderr, "%s\n", d.to_string().c_str());
        exit_code = 2;
        return false;
    }
    *sc = a.scenario.empty() ? find_scenario_named_in(t.snapshot.scenario, a.transcript, exit_code)
                             : find_scenario(a.scenario, exit_code);
    if (!*sc) return false;
    std::string err;
    std::unique_ptr<Scorer> scorer = make_default_scorer(&err);  // typed answers route by it
    std::unique_ptr<Session> session = restore(t.snapshot, *sc, scorer.get(), &err);
    if (!session) {
        std::fprintf(stderr, "impasse: cannot restore the drill in '%s': %s\n",
                     a.transcript.c_str(), err.c_str());
        exit_code = 1;
        return false;
    }
    *sheet = make_sheet(*session);
    return true;
}

void run_spot(const SpotArgs& a, int& exit_code) {
    ScenarioPtr sc;
    SpottingSheet sheet;
    if (!a.transcript.empty()) {
        if (!transcript_sheet(a, &sc, &sheet, exit_code)) return;
    } else if (a.scenario.empty()) {
        std::fprintf(stderr, "impasse: name a scenario (a file or a bundled id) or --transcript\n");
        exit_code = 2;
        return;
    } else {
        sc = find_scenario(a.scenario, exit_code);
        if (!sc) return;
        SheetOptions opt;
        opt.seed = a.seed;
        sheet = make_sheet(*sc, opt);
    }
    if (a.sheet || a.key) {
        if (a.json)
            std::printf("%s\n", json_out::write(sheet_json(sheet, a.key), 2).c_str());
        else if (a.key)
            print_key(sheet);
        else
            print_sheet(*sc, sheet, a.transcript.empty() ? sc->id : "--transcript " + a.transcript);
        exit_code = 0;
        return;
    }
    std::string text;
    if (!read_flags_text(a.flags, &text, exit_code)) return;
    const std::string name = a.flags.empty() || a.flags == "-" ? "<stdin>" : a.flags;
    ParsedFlags parsed = parse_flags(text, name);
    SpottingResult result;
    if (parsed.diagnostics.empty()) result = score_spotting(sheet, parsed.flags, name);
    const Diagnostics& problems =
        parsed.diagnostics.empty() ? result.diagnostics : parsed.diagnostics;
    if (has_errors(problems)) {
        for (const auto& d : problems)
            std::fprintf(stderr, "%s\n", d.to_string().c_str());
        exit_code = 2;
        return;
    }
    if (a.json) {
        nlohmann::json j = spotting_json(result);
        j["title"] = sc->title;
        j["source"] = sheet.source;
        std::printf("%s\n", json_out::write(j, 2).c_str());
    } else {
        print_result(*sc, sheet, result);
    }
    exit_code = 0;
}

}  // namespace

void add_spot(CLI::App& app, int& exit_code) {
    auto a = std::make_shared<SpotArgs>();
    auto* cmd = app.add_subcommand(
        "spot",
        "Marker spotting: read a case's patient turns (--sheet), flag the rupture markers you "
        "see (`TURN MARKER_ID` lines), and compare with the author's markers.\nExit: 0 scored, "
        "1 the scenario has errors or the transcript does not restore, 2 a usage error or a bad "
        "flag line.");
    cmd->add_option("scenario", a->scenario,
                    "A scenario file or a bundled scenario id (with --transcript: default the "
                    "one it names)");
    cmd->add_option("--transcript", a->transcript,
                    "Read the lines of a recorded drill (play --transcript) instead of the "
                    "main path");
    auto* sheet = cmd->add_flag("--sheet", a->sheet, "Print the numbered turns to read");
    auto* key = cmd->add_flag("--key", a->key,
                              "Print the answer key in the flags format (for supervisors)");
    cmd->add_option("--flags", a->flags, "Your flags: a file, or - for standard input (default)")
        ->excludes(sheet)
        ->excludes(key);
    cmd->add_flag("--json", a->json, "One JSON object with every figure (or the sheet)");
    cmd->add_option("--seed", a->seed, "Seed for the patient's varied lines (default 0)");
    cmd->callback([a, &exit_code] { run_spot(*a, exit_code); });
}

}  // namespace impasse::cli
