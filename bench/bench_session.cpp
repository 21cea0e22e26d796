// impasse_bench_session: what one drill step and one snapshot cost.
//
// A step is choose(response) with everything it does: scoring the option, the sequence
// principles, the effects with their recorded causes, entering the next node, the condition
// checks and the seeded line draw. It is timed alone, many times, on random walks (seeded)
// through the scenario; the walk restarts untimed at an ending or after 30 turns. Also timed:
// a typed answer (say: scoring and routing), a snapshot as a value and as JSON text, a
// restore from it (which replays its inputs), a rewind of one turn, and the full transcript
// JSON — the last four at a history of `--turns` answers. Medians and p99 of each.
//
//   impasse_bench_session [--scenario FILE] [--iterations N] [--turns T] [--no-scorer]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "impasse/rubric_scorer.h"
#include "impasse/scenario_loader.h"
#include "impasse/session.h"
#include "impasse/transcript.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace impasse;

struct Stats {
    double p50 = 0, p99 = 0;  // microseconds
};

Stats stats(std::vector<double> us) {
    std::sort(us.begin(), us.end());
    return {us[us.size() / 2], us[std::min(us.size() - 1, us.size() * 99 / 100)]};
}

double time_us(const std::function<void()>& f) {
    auto t0 = Clock::now();
    f();
    return std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
}

void report(const char* what, const Stats& s) {
    std::printf("%-34s p50 %9.2f us   p99 %9.2f us\n", what, s.p50, s.p99);
}

// Walks `s` to a history of `turns` answers (rewinding at endings); false if it cannot.
bool grow(Session& s, size_t turns, std::mt19937_64& rng) {
    for (int guard = 0; s.turns().size() < turns && guard < 100000; ++guard) {
        if (s.at_end()) {
            if (s.turns().empty()) return false;
            (void)s.rewind(1 + static_cast<int>(rng() % s.turns().size()));
        }
        auto options = s.available();
        if (options.empty()) {
            if (!s.say("I wonder what just happened between us.").ok) return false;
            continue;
        }
        (void)s.choose(options[rng() % options.size()]->id);
    }
    return s.turns().size() >= turns;
}

}  // namespace

int main(int argc, char** argv) {
    std::string file =
        std::string(IMPASSE_SOURCE_DIR) + "/tests/golden/withdrawal-resolved/scenario.yaml";
    size_t iterations = 20000, turns = 20;
    bool use_scorer = true;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--scenario") && i + 1 < argc) {
            file = argv[++i];
        } else if (!std::strcmp(argv[i], "--iterations") && i + 1 < argc) {
            iterations = std::strtoull(argv[++i], nullptr, 10);
        } else if (!std::strcmp(argv[i], "--turns") && i + 1 < argc) {
            turns = std::strtoull(argv[++i], nullptr, 10);
        } else if (!std::strcmp(argv[i], "--no-scorer")) {
            use_scorer = false;
        } else {
            std::fprintf(stderr,
                         "usage: impasse_bench_session [--scenario FILE] [--iterations N] "
                         "[--turns T] [--no-scorer]\n");
            return 2;
        }
    }
    if (iterations < 10) iterations = 10;
    LoadResult loaded = load_scenario_file(file);
    if (!loaded.scenario) {
        for (const auto& d : loaded.diagnostics)
            std::fprintf(stderr, "%s\n", d.to_string().c_str());
        return 1;
    }
    ScenarioPtr sc = loaded.scenario;
    std::string error;
    std::unique_ptr<Scorer> scorer;
    if (use_scorer) {
        scorer =
            make_rubric_scorer(std::string(IMPASSE_SOURCE_DIR) + "/assets/rubric.yaml", &error);
        if (!scorer) {
            std::fprintf(stderr, "rubric: %s\n", error.c_str());
            return 1;
        }
    }
    auto clock = [] { return std::string("2026-01-01T00:00:00Z"); };
    std::printf("scenario %s (%zu nodes), %s, %zu iterations, history of %zu turns\n\n",
                sc->id.c_str(), sc->nodes.size(), scorer ? "rubric scorer" : "no scorer",
                iterations, turns);

    // Steps on random walks.
    std::mt19937_64 rng(12345);
    std::vector<double> step, typed;
    Session s(sc, 1, scorer.get(), clock);
    while (step.size() < iterations) {
        if (s.at_end() || s.turns().size() >= 30) s.restart();
        auto options = s.available();
        if (options.empty()) {
            (void)s.say("I wonder what just happened between us.");
            continue;
        }
        std::string id = options[rng() % options.size()]->id;
        step.push_back(time_us([&] { (void)s.choose(id); }));
    }
    Session t(sc, 2, scorer.get(), clock);
    while (typed.size() < iterations / 4) {
        if (t.at_end() || t.turns().size() >= 30) t.restart();
        typed.push_back(time_us(
            [&] { (void)t.say("It makes sense you'd be frustrated with me. Tell me more?"); }));
    }

    // Snapshot, restore, rewind and transcript at a fixed history.
    Session h(sc, 3, scorer.get(), clock);
    if (!grow(h, turns, rng)) {
        std::fprintf(stderr, "could not reach %zu turns in this scenario\n", turns);
        return 1;
    }
    // Each operation in its own loop, so one's frees do not land in another's timing.
    std::vector<double> snap, snap_text, restore_us, rewind_us, transcript_us;
    size_t heavy = std::max<size_t>(10, iterations / 20);
    std::string sink;
    const Snapshot v = snapshot(h);
    for (size_t i = 0; i < heavy; ++i)
        snap.push_back(time_us([&] {
            Snapshot taken = snapshot(h);
            sink = taken.scenario;
        }));
    for (size_t i = 0; i < heavy; ++i)
        snap_text.push_back(time_us([&] { sink = snapshot_json(snapshot(h)).dump(); }));
    for (size_t i = 0; i < heavy; ++i)
        restore_us.push_back(time_us([&] {
            if (!restore(v, sc, scorer.get(), &error, clock)) std::abort();
        }));
    auto copy = restore(v, sc, scorer.get(), &error, clock);
    for (size_t i = 0; i < heavy; ++i) {
        rewind_us.push_back(time_us([&] { (void)copy->rewind(1); }));
        const TurnInput& in = v.inputs.back();  // step forward again, untimed
        (void)(in.kind == TurnInput::Kind::option ? copy->choose(in.response) : copy->say(in.text));
    }
    for (size_t i = 0; i < heavy; ++i)
        transcript_us.push_back(time_us([&] { sink = transcript_json(h).dump(); }));
    report("step: choose + state update", stats(step));
    report("typed answer: say (score+route)", stats(typed));
    report("snapshot (value)", stats(snap));
    report("snapshot (JSON text)", stats(snap_text));
    report("restore (replays the inputs)", stats(restore_us));
    report("rewind 1 turn (replays)", stats(rewind_us));
    report("transcript JSON (whole drill)", stats(transcript_us));
    std::printf("snapshot JSON %zu bytes, transcript JSON %zu bytes\n",
                snapshot_json(snapshot(h)).dump().size(), transcript_json(h).dump().size());
    return 0;
}
