// `impasse score`: score one response, or a JSONL batch, against the rubric.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "cli/score_common.h"
#include "impasse/routing.h"
#include "impasse/rubric_scorer.h"
#include "impasse/vocabulary.h"

namespace impasse::cli {
namespace {

constexpr size_t kMaxLineBytes = 16 * 1024 * 1024;

struct ScoreOptions {
    std::string text;
    bool json = false;
    std::string jsonl;
    std::string evaluate;
    std::string evaluate_routing;
    bool verbose = false;
    double threshold = 0.3;
    std::string rubric;
    std::string rupture_type;
    std::vector<std::string> markers;
    std::string stage;
    std::string patient_line;
    std::string scenario;
    std::string node;
};

std::unique_ptr<Scorer> load_scorer(const ScoreOptions& o) {
    std::string error;
    std::unique_ptr<Scorer> s;
    if (o.rubric.empty())
        s = make_default_scorer(&error);
    else
        s = make_rubric_scorer(o.rubric, &error);
    if (!s) std::cerr << error << "\n";
    return s;
}

void bar(std::ostream& out, std::string_view label, double v) {
    int n = static_cast<int>(v * 20 + 0.5);
    std::string b(static_cast<size_t>(n), '#');
    b.resize(20, '.');
    char num[16];
    std::snprintf(num, sizeof num, "%.2f", v);
    out << "  " << label;
    for (size_t i = label.size(); i < 34; ++i)
        out << ' ';
    out << b << "  " << num << "\n";
}

template <size_t N>
void section(std::ostream& out, const char* title, const std::array<double, N>& v,
             const std::vector<vocab::Term>& terms, const Score& s, const char* kind) {
    out << title << "\n";
    for (size_t i = 0; i < N; ++i) {
        bar(out, terms[i].label, v[i]);
        if (v[i] <= 0) continue;
        std::string quotes;
        for (const auto& e : s.evidence)
            if (e.kind == kind && e.id == terms[i].id && quotes.size() < 120)
                quotes += (quotes.empty() ? "" : ", ") + ("\"" + e.text + "\"");
        if (!quotes.empty()) out << "      " << quotes << "\n";
    }
}

void readable(std::ostream& out, const Score& s, const Feedback& fb) {
    char head[64];
    std::snprintf(head, sizeof head, "Overall %.0f / 100\n", s.overall);
    out << head << fb.summary << "\n\n";
    section(out, "Principles", s.principles, vocab::principles(), s, "principle");
    section(out, "\nCounter-markers (moves that deepen a rupture)", s.counter_markers,
            vocab::counter_markers(), s, "counter_marker");
    int st = RubricScorer::likely_strategy(s);
    out << "\nLikely strategy: "
        << (st < 0 ? std::string("none")
                   : std::string(vocab::resolution_strategies()[static_cast<size_t>(st)].label))
        << "\n";
    auto items = [&](const char* title, const std::vector<FeedbackItem>& list) {
        if (list.empty()) return;
        out << "\n" << title << "\n";
        for (const auto& item : list) {
            out << "  - " << vocab::any_label(item.id) << ": " << item.text;
            if (!item.quote.empty()) out << " (\"" << item.quote << "\")";
            out << "\n";
        }
    };
    items("What it did well", fb.did_well);
    items("What it missed or risked", fb.missed);
    if (!fb.toward_stage.empty())
        out << "\nMoves toward: " << vocab::label(vocab::stages(), fb.toward_stage) << "\n";
    if (!fb.expert_says.empty()) out << "\nAn expert might say: \"" << fb.expert_says << "\"\n";
}

std::string jsonl_out(const Scorer& scorer, const std::string& line) {
    if (line.size() > kMaxLineBytes) return "{\"id\":null,\"error\":\"line longer than 16 MB\"}";
    return score_line(scorer, line);
}

// Scores lines[i] into out[i] on up to `workers` threads (the scorer is immutable, so shared).
void score_batch(const Scorer& scorer, const std::vector<std::string>& lines,
                 std::vector<std::string>& out, unsigned workers) {
    out.assign(lines.size(), std::string());
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i; (i = next.fetch_add(16)) < lines.size();)
            for (size_t k = i; k < std::min(i + 16, lines.size()); ++k)
                out[k] = jsonl_out(scorer, lines[k]);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < workers && lines.size() > 16 * t; ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
        t.join();
}

// One JSON line out per non-blank line in, in order. From a file the lines are read in batches
// scored on every core, each batch written and flushed before the next is read; from stdin
// (interactive use) each line is answered at once.
int run_jsonl(const Scorer& scorer, const std::string& path) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) {
            std::cerr << path << ": cannot open\n";
            return 1;
        }
        in = &file;
    }
    bool interactive = path == "-";
    unsigned workers =
        interactive ? 1 : std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    const size_t batch = interactive ? 1 : 1024;
    std::vector<std::string> lines, out;
    std::string line;
    bool more = true;
    while (more) {
        lines.clear();
        while (lines.size() < batch && (more = static_cast<bool>(std::getline(*in, line)))) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.find_first_not_of(" \t") == std::string::npos) continue;
            lines.push_back(std::move(line));
        }
        score_batch(scorer, lines, out, workers);
        std::string chunk;
        for (const auto& o : out)
            chunk.append(o).push_back('\n');
        std::cout << chunk << std::flush;
    }
    return 0;
}

int run(const ScoreOptions& o, const CLI::App& cmd) {
    auto scorer = load_scorer(o);
    if (!scorer) return 1;
    if (!o.evaluate.empty()) return run_evaluation(*scorer, o.evaluate, o.json, o.threshold);
    if (!o.evaluate_routing.empty())
        return run_routing_evaluation(*scorer, o.evaluate_routing, o.json, o.verbose);
    if (!o.jsonl.empty()) return run_jsonl(*scorer, o.jsonl);
    if (cmd.count("text") == 0) {
        std::cerr << "impasse score: give the TEXT to score, or --jsonl FILE (see --help)\n";
        return 2;
    }
    nlohmann::ordered_json ctx = nlohmann::ordered_json::object();
    if (!o.rupture_type.empty()) ctx["rupture_type"] = o.rupture_type;
    if (!o.markers.empty()) ctx["markers"] = o.markers;
    if (!o.stage.empty()) ctx["stage"] = o.stage;
    if (!o.patient_line.empty()) ctx["patient_line"] = o.patient_line;
    if (!o.scenario.empty()) ctx["scenario"] = o.scenario;
    if (!o.node.empty()) ctx["node"] = o.node;
    MomentHolder holder;
    std::string err = moment_from_context(ctx, &holder);
    if (!err.empty()) {
        std::cerr << "impasse score: " << err << "\n";
        return 2;
    }
    Score s = scorer->score_text(o.text, holder.moment);
    if (o.json) {
        std::cout << score_text_json(nullptr, s) << "\n";
        return 0;
    }
    readable(std::cout, s, scorer->feedback(s, o.text, holder.moment, nullptr));
    if (holder.moment.node && !holder.moment.node->responses.empty()) {
        std::vector<const Response*> all;
        for (const auto& r : holder.moment.node->responses)
            all.push_back(&r);
        Routing r = route_answer(scorer.get(), s, o.text, *holder.moment.node, all, holder.moment);
        char sim[32];
        std::snprintf(sim, sizeof sim, "%.2f", r.similarity);
        if (r.response)
            std::cout << "\nRouted to: " << r.response->id << " (similarity " << sim << ")\n";
        else if (r.fallback)
            std::cout << "\nRouted to: the neutral line (no option makes this move; nearest "
                         "similarity "
                      << sim << ")\n";
    }
    return 0;
}

}  // namespace

void add_score(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<ScoreOptions>();
    CLI::App* cmd = app.add_subcommand(
        "score", "Score a therapist response against the metacommunication rubric");
    cmd->add_option("text", opts->text, "The response to score");
    cmd->add_flag("--json", opts->json, "Print one JSON object instead of the readable breakdown");
    cmd->add_option("--jsonl", opts->jsonl,
                    "Score a batch: one {\"id\", \"text\", \"context\"} object per line of FILE "
                    "(- for stdin), one JSON line out per line in");
    cmd->add_option("--evaluate", opts->evaluate,
                    "Compare the scorer with hand labels in a JSONL file (precision, recall, "
                    "AUC per id; Spearman of overall)");
    cmd->add_option("--evaluate-routing", opts->evaluate_routing,
                    "Route typed answers at bundled nodes and compare with an expert's accept / "
                    "forbid lists in a JSONL file (tests/data/routing/)");
    cmd->add_flag(
        "--verbose", opts->verbose,
        "With --evaluate-routing: list each answer that did not reach an accepted option");
    cmd->add_option("--threshold", opts->threshold,
                    "With --evaluate: a score at or above this counts as present")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--rubric", opts->rubric, "Use this rubric file instead of assets/rubric.yaml");
    cmd->add_option("--rupture-type", opts->rupture_type, "withdrawal or confrontation");
    cmd->add_option("--marker", opts->markers, "A rupture marker id of the patient line");
    cmd->add_option("--stage", opts->stage, "The resolution stage of the patient line");
    cmd->add_option("--patient-line", opts->patient_line,
                    "What the patient just said (echoing their words counts as concreteness)");
    cmd->add_option("--scenario", opts->scenario,
                    "A scenario file or bundled scenario id: score at one of its nodes");
    cmd->add_option("--node", opts->node, "With --scenario: the node being answered");
    cmd->callback([opts, cmd, &exit_code] { exit_code = run(*opts, *cmd); });
}

}  // namespace impasse::cli
