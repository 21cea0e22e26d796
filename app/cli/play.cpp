// `impasse play SCENARIO`: a drill in the terminal, and `impasse replay TRANSCRIPT`.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/cli_io.h"
#include "cli/commands.h"
#include "impasse/json_write.h"
#include "impasse/paths.h"
#include "impasse/play.h"
#include "impasse/rubric_scorer.h"
#include "impasse/scenario_loader.h"
#include "impasse/store.h"
#include "impasse/transcript.h"

namespace impasse::cli {
namespace {

struct PlayArgs {
    std::string scenario;
    uint64_t seed = 0;
    bool seed_given = false;
    std::string transcript;
    bool json = false;
    std::string data_dir;
    bool resume = false;
    bool no_record = false;
    bool fixed_order = false;
    std::string assignment;  // an assignment's uid (from `impasse assignments`)
};

// The assignment `a.assignment` names, checked against the case it would play: the case's id,
// and for an assessment its content hash and the scorer's version, so a trainee never meets a
// different patient than the cohort. Null (with exit_code set) when it cannot be played.
std::optional<ProgrammeAssignment> checked_assignment(const PlayArgs& a, Store* store,
                                                      const Scenario& sc, const Scorer* scorer,
                                                      int& exit_code) {
    auto asg = store->programme_assignment(a.assignment);
    if (!asg) {
        std::fprintf(stderr,
                     "impasse: no assignment %s in your record; `impasse sync --db ...` fetches "
                     "your cohorts' assignments, `impasse assignments` lists them\n",
                     a.assignment.c_str());
        exit_code = 1;
        return std::nullopt;
    }
    std::string pinned_hash = asg->scenario_hash;  // the case's, or this moment's
    if (!asg->moments.empty()) {
        std::string ids;
        bool found = false;
        for (const auto& m : asg->moments) {
            ids += (ids.empty() ? "" : ", ") + m.scenario;
            if (m.scenario == sc.id) {
                found = true;
                pinned_hash = m.hash;
            }
        }
        if (!found) {
            std::fprintf(stderr, "impasse: assignment \"%s\" is the moments %s; %s is not one\n",
                         asg->title.c_str(), ids.c_str(), sc.id.c_str());
            exit_code = 1;
            return std::nullopt;
        }
    } else if (sc.id != asg->scenario) {
        std::fprintf(stderr, "impasse: assignment \"%s\" is the case %s, not %s\n",
                     asg->title.c_str(), asg->scenario.c_str(), sc.id.c_str());
        exit_code = 1;
        return std::nullopt;
    }
    if (!asg->assessment) return asg;
    if (a.seed_given || a.fixed_order) {
        std::fprintf(stderr,
                     "impasse: an assessment has its own seed and option order; leave out "
                     "--seed and --fixed-order\n");
        exit_code = 2;
        return std::nullopt;
    }
    if (sc.hash != pinned_hash) {
        std::fprintf(stderr,
                     "impasse: the assessment \"%s\" was set with case %s at version %s, and "
                     "your copy of the case is version %s: you would meet a different patient "
                     "from the rest of your cohort, so it was not started. Update Impasse (or "
                     "the case file) to the version your supervisor used, or ask them to set "
                     "the assessment again.\n",
                     asg->title.c_str(), sc.id.c_str(), pinned_hash.c_str(), sc.hash.c_str());
        exit_code = 1;
        return std::nullopt;
    }
    std::string mine = scorer ? scorer->version() : "";
    if (mine != asg->scorer_version) {
        std::fprintf(stderr,
                     "impasse: the assessment \"%s\" was set with scorer %s and this Impasse "
                     "has scorer %s: your typed answers could be read differently from the rest "
                     "of your cohort's, so it was not started. Update Impasse to the version "
                     "your supervisor used, or ask them to set the assessment again.\n",
                     asg->title.c_str(),
                     asg->scorer_version.empty() ? "(none)" : asg->scorer_version.c_str(),
                     mine.empty() ? "(none)" : mine.c_str());
        exit_code = 1;
        return std::nullopt;
    }
    return asg;
}

Session::Clock clock_from_env() {
    if (const char* fixed = std::getenv("IMPASSE_FIXED_TIME"); fixed && *fixed) {
        std::string t = fixed;
        return [t] { return t; };
    }
    return nullptr;
}

void run_play_cmd(const PlayArgs& a, int& exit_code) {
    std::string err;
    std::unique_ptr<Store> store;
    if (!a.no_record) {
        std::string warning;
        store = Store::open(a.data_dir.empty() ? paths::default_user_data() : a.data_dir, &err,
                            &warning);
        if (!warning.empty()) std::fprintf(stderr, "impasse: %s\n", warning.c_str());
        if (!store) {
            std::fprintf(stderr, "impasse: %s\n(use --no-record to play without recording)\n",
                         err.c_str());
            exit_code = 1;
            return;
        }
    }
    std::unique_ptr<Scorer> scorer = make_default_scorer(&err);
    if (!scorer)
        std::fprintf(stderr, "impasse: scoring from expert ratings only: %s\n", err.c_str());

    std::unique_ptr<Session> session;
    int64_t drill = 0;
    if (a.resume) {
        if (!store) {
            std::fprintf(stderr, "impasse: --resume needs the record (drop --no-record)\n");
            exit_code = 2;
            return;
        }
        auto row = store->last_unfinished();
        if (!row) {
            std::fprintf(stderr, "impasse: there is no unfinished drill to resume\n");
            exit_code = 1;
            return;
        }
        if (std::string e = store->lease_drill(row->id); !e.empty()) {
            std::fprintf(stderr, "impasse: %s\n", e.c_str());
            exit_code = 1;
            return;
        }
        ScenarioPtr sc =
            find_scenario(a.scenario.empty() ? row->scenario_id : a.scenario, exit_code);
        if (!sc) return;
        Snapshot snap = recorded_snapshot(*store, *row);
        session = restore(snap, sc, scorer.get(), &err, clock_from_env());
        if (!session) {
            std::fprintf(stderr, "impasse: cannot resume drill %lld: %s\n",
                         static_cast<long long>(row->id), err.c_str());
            exit_code = 1;
            return;
        }
        drill = row->id;
        if (!a.json)
            std::printf("Resuming %s after %zu answers.\n", sc->title.c_str(), snap.inputs.size());
    } else {
        std::optional<ProgrammeAssignment> asg;
        std::string what = a.scenario;
        if (!a.assignment.empty()) {
            if (!store) {
                std::fprintf(stderr, "impasse: --assignment needs the record (drop --no-record)\n");
                exit_code = 2;
                return;
            }
            if (auto found = store->programme_assignment(a.assignment); found && what.empty()) {
                what = found->scenario;
                // A set: its first moment not yet played to the end.
                for (auto m = found->moments.rbegin(); m != found->moments.rend(); ++m)
                    if (std::find(found->played.begin(), found->played.end(), m->scenario) ==
                        found->played.end())
                        what = m->scenario;
            }
        }
        if (what.empty()) {
            std::fprintf(stderr,
                         "impasse: name a scenario (a file or a bundled id), or use --resume\n");
            exit_code = 2;
            return;
        }
        ScenarioPtr sc = find_scenario(what, exit_code);
        if (!sc) return;
        if (!a.assignment.empty()) {
            asg = checked_assignment(a, store.get(), *sc, scorer.get(), exit_code);
            if (!asg) return;
        }
        uint64_t seed = a.seed_given
                            ? a.seed
                            : static_cast<uint64_t>(
                                  std::chrono::system_clock::now().time_since_epoch().count()) &
                                  0xffffffffull;
        if (asg && asg->assessment) seed = asg->seed;
        session = std::make_unique<Session>(sc, seed, scorer.get(), clock_from_env());
        if (!a.fixed_order) session->set_option_order(OptionOrder::shuffled);
        if (store) {
            auto id = store->begin_drill(sc->id, sc->hash, seed, &err);
            if (!id) {
                std::fprintf(stderr, "impasse: %s\n", err.c_str());
                exit_code = 1;
                return;
            }
            drill = *id;
            if (asg) {
                auto row = store->drill(drill);
                if (std::string e =
                        store->set_assignment_status(asg->uid, "started", row ? row->uid : "");
                    !e.empty())
                    std::fprintf(stderr, "impasse: %s\n", e.c_str());
                if (!a.json)
                    std::printf("Assignment: %s%s\n", asg->title.c_str(),
                                asg->assessment ? " (an assessment: everyone in your cohort "
                                                  "meets this same patient)"
                                                : "");
            }
        }
    }
    PlayOptions po;
    po.json = a.json;
    po.show_prompt = isatty(STDIN_FILENO);
    po.store = store.get();
    po.drill_id = drill;
    PlayOutcome outcome = run_play(*session, std::cin, std::cout, po);
    std::cout.flush();
    if (!a.transcript.empty() &&
        !write_output(a.transcript, json_out::write(transcript_json(*session), 2) + "\n",
                      exit_code))
        return;
    if (outcome == PlayOutcome::ended && store && drill) {
        // The drill of an assignment (also one resumed) marks it done.
        auto row = store->drill(drill);
        for (const auto& x : store->programme_assignments()) {
            if (!row || x.drill_uid.empty() || x.drill_uid != row->uid) continue;
            bool done = true;
            std::string e = x.moments.empty()
                                ? store->set_assignment_status(x.uid, "done", "")
                                : store->mark_moment_played(x.uid, row->scenario_id, &done);
            if (!e.empty())
                std::fprintf(stderr, "impasse: %s\n", e.c_str());
            else if (auto now = store->programme_assignment(x.uid); now && !a.json && !done)
                std::printf("Assignment %s: %zu of %zu moments played.\n", x.title.c_str(),
                            now->played.size(), now->moments.size());
        }
    }
    switch (outcome) {
        case PlayOutcome::ended:
            exit_code = 0;
            break;
        case PlayOutcome::quit:
            exit_code = 0;
            break;
        case PlayOutcome::input_ended:
            exit_code = 3;
            break;
        case PlayOutcome::store_failed:
            exit_code = 1;
            break;
        case PlayOutcome::stuck:
            exit_code = 4;
            break;
    }
}

void run_replay_cmd(const std::string& path, const std::string& scenario_arg, int& exit_code) {
    ParsedTranscript t = read_transcript_file(path);
    if (!t.diagnostics.empty()) {
        for (const auto& d : t.diagnostics)
            std::fprintf(stderr, "%s\n", d.to_string().c_str());
        exit_code = 2;
        return;
    }
    ScenarioPtr sc = scenario_arg.empty()
                         ? find_scenario_named_in(t.snapshot.scenario, path, exit_code)
                         : find_scenario(scenario_arg, exit_code);
    if (!sc) return;
    std::string err;
    std::unique_ptr<Scorer> scorer = make_default_scorer(&err);
    ReplayResult r = replay(t, sc, scorer.get());
    if (r.identical) {
        std::printf("identical\n");
        if (!r.reason.empty()) std::fprintf(stderr, "note: %s\n", r.reason.c_str());
        exit_code = 0;
    } else {
        std::printf("diverges at turn %d: %s\n", r.turn + 1, r.reason.c_str());
        exit_code = 1;
    }
}

}  // namespace

void add_play(CLI::App& app, int& exit_code) {
    auto a = std::make_shared<PlayArgs>();
    auto* cmd = app.add_subcommand(
        "play",
        "A drill in the terminal. A number picks an option, other text is your own "
        "answer, :back rewinds, :quit stops.\nExit: 0 an ending was reached or :quit, 3 "
        "the input ended first (resume with --resume), 1 an error, 2 a usage error.");
    cmd->add_option("scenario", a->scenario, "A scenario file or a bundled scenario id");
    cmd->add_option("--seed", a->seed, "Seed for the patient's varied lines")
        ->each([a](const std::string&) { a->seed_given = true; });
    cmd->add_option("--transcript", a->transcript,
                    "Write the JSON transcript here (also on :quit)");
    cmd->add_flag("--json", a->json, "Machine-readable events, one JSON object per line");
    cmd->add_option("--data-dir", a->data_dir, "Your data folder (default ~/.local/share/impasse)");
    cmd->add_flag("--resume", a->resume, "Continue the last unfinished drill");
    cmd->add_flag("--no-record", a->no_record, "Do not record this drill");
    cmd->add_flag("--fixed-order", a->fixed_order,
                  "Show the options as written instead of shuffled by the seed");
    cmd->add_option("--assignment", a->assignment,
                    "Play an assignment (its uid from `impasse assignments`); an assessment "
                    "plays with its pinned seed, so its option order");
    cmd->callback([a, &exit_code] { run_play_cmd(*a, exit_code); });

    auto path = std::make_shared<std::string>();
    auto scenario = std::make_shared<std::string>();
    auto* rep = app.add_subcommand("replay",
                                   "Replay a transcript; prints 'identical' or where it diverges");
    rep->add_option("transcript", *path, "A transcript written by play --transcript")->required();
    rep->add_option("--scenario", *scenario,
                    "The scenario file (default: the bundled one it names)");
    rep->callback([path, scenario, &exit_code] { run_replay_cmd(*path, *scenario, exit_code); });
}

}  // namespace impasse::cli
