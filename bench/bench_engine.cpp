// impasse_bench_engine: scenario loading and validation against the bare YAML parse of the same
// bytes (the bundled library, and a generated 10,000-node case), and the session's step and
// snapshot. Prints medians over repetitions. Usage: impasse_bench_engine [--reps N]
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "impasse/scenario_loader.h"
#include "impasse/session.h"
#include "impasse/transcript.h"

namespace fs = std::filesystem;
using clk = std::chrono::steady_clock;

namespace {

double median_ms(int reps, const std::function<void()>& f) {
    std::vector<double> t;
    for (int i = 0; i < reps; ++i) {
        auto a = clk::now();
        f();
        t.push_back(std::chrono::duration<double, std::milli>(clk::now() - a).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

std::string big_case(int nodes) {
    std::ostringstream y;
    y << "format: impasse/1\nid: generated-big\ntitle: Generated\nsummary: A generated case.\n"
      << "rupture_type: withdrawal\ndifficulty: 2\npatient: {name: Gen, age: 40}\n"
      << "initial: {vars: {seen: 0}}\nstart: n0\nnodes:\n";
    for (int i = 0; i < nodes; ++i) {
        y << "  n" << i << ":\n    say: Line " << i << ".\n    stage: marker\n";
        if (i == nodes - 1) {
            y << "    ending: {kind: resolved, text: \"Done.\"}\n";
            continue;
        }
        y << "    markers: [{id: withdrawal.minimal_response, salience: 2}]\n    responses:\n";
        for (int r = 0; r < 2; ++r) {
            y << "      - {id: r" << r << ", text: \"What is that like for you?\", next: n"
              << std::min(nodes - 1, i + 1 + r)
              << ", ratings: {here_and_now: 2}, feedback: \"Stays.\", effects: {vars.seen: +1}"
              << (r == 1 ? ", condition: \"vars.seen < 100000\"" : "") << "}\n";
        }
    }
    return y.str();
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

int main(int argc, char** argv) {
    int reps = 15;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--reps") == 0) reps = std::max(1, std::atoi(argv[i + 1]));
    std::string dir = std::string(IMPASSE_SOURCE_DIR) + "/scenarios";
    std::vector<std::pair<std::string, std::string>> files;
    size_t bytes = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().extension() == ".yaml") {
            files.push_back({e.path().string(), slurp(e.path())});
            bytes += files.back().second.size();
        }
    double parse = median_ms(reps, [&] {
        for (const auto& f : files)
            YAML::Node n = YAML::Load(f.second);
    });
    double load = median_ms(reps, [&] {
        for (const auto& f : files)
            impasse::load_scenario_text(f.second, f.first);
    });
    std::printf("bundled library: %zu files, %.1f KB\n", files.size(), bytes / 1024.0);
    std::printf("  bare YAML::Load          %8.2f ms\n", parse);
    std::printf("  load + validate          %8.2f ms  (%.2fx the parse)\n", load, load / parse);

    std::string big = big_case(10000);
    double bparse = median_ms(std::max(3, reps / 3), [&] { YAML::Node n = YAML::Load(big); });
    impasse::LoadResult r;
    double bload =
        median_ms(std::max(3, reps / 3), [&] { r = impasse::load_scenario_text(big, "big.yaml"); });
    std::printf("generated case: 10,000 nodes, 20,000 responses, %.1f MB, %s\n",
                big.size() / 1048576.0, r.scenario ? "valid" : "INVALID");
    std::printf("  bare YAML::Load          %8.1f ms\n", bparse);
    std::printf("  load + validate          %8.1f ms  (%.2fx the parse)\n", bload, bload / bparse);

    if (!r.scenario) return 1;
    // Session step (choose + state update), on every bundled case in turn, without a scorer:
    // the runtime alone. Restarted at each ending so the history stays drill-sized.
    std::vector<impasse::ScenarioPtr> cases;
    for (const auto& f : files)
        if (auto l = impasse::load_scenario_text(f.second, f.first); l.scenario)
            cases.push_back(l.scenario);
    const int steps = 20000;
    size_t longest = 0;
    auto a = clk::now();
    for (size_t c = 0, i = 0; i < static_cast<size_t>(steps); ++i) {
        static std::unique_ptr<impasse::Session> s;
        if (!s || s->at_end() || s->turns().size() >= 30) {
            longest = s ? std::max(longest, s->turns().size()) : longest;
            s = std::make_unique<impasse::Session>(cases[c++ % cases.size()], i, nullptr,
                                                   [] { return std::string(); });
        }
        auto opts = s->available();
        if (opts.empty()) {
            s->say("Okay.");
            continue;
        }
        s->choose(opts[i % opts.size()]->id);
    }
    double step_us = std::chrono::duration<double, std::micro>(clk::now() - a).count() / steps;
    std::printf(
        "session step on the bundled cases (choose + effects + next line), mean over %d: %.2f us\n",
        steps, step_us);
    impasse::Session s(cases.front(), 1, nullptr, [] { return std::string(); });
    for (int i = 0; i < 12 && !s.at_end(); ++i) {
        auto opts = s.available();
        if (opts.empty()) break;
        s.choose(opts.front()->id);
    }
    double snap_us =
        median_ms(reps * 50, [&] { impasse::Snapshot sn = impasse::snapshot(s); }) * 1000;
    std::printf("snapshot of a %zu-turn drill, median: %.2f us\n", s.turns().size(), snap_us);
    double restore_us =
        median_ms(reps * 5,
                  [&] {
                      std::string err;
                      auto restored = impasse::restore(impasse::snapshot(s), cases.front(), nullptr,
                                                       &err, [] { return std::string(); });
                  }) *
        1000;
    std::printf("restore of that snapshot (replays its inputs), median: %.2f us\n", restore_us);
    return 0;
}
