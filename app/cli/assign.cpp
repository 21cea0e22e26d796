// Assignments. A supervisor sets one for a cohort (`impasse programme assign`) and reads each
// trainee's status (`impasse programme assignments`); a trainee lists the assignments pulled
// by `impasse sync` (`impasse assignments`) and plays one with `impasse play --assignment UID`
// (play.cpp). An assessment pins the seed, the case's content hash and the scorer's version.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "cli/cli_io.h"
#include "cli/commands.h"
#include "cli/programme_io.h"
#include "impasse/json_write.h"
#include "impasse/rubric_scorer.h"

namespace impasse::cli {
namespace {

using nlohmann::json;

struct AssignOptions {
    std::string db, cohort, scenario, title, due, data_dir, uid;
    std::vector<std::string> moments;  // `--moment`, a set of moment drills
    bool assessment = false, json_out = false;
    uint64_t seed = 0;
    bool seed_given = false;
};

void run_assign(const AssignOptions& o, int& exit_code) {
    static const std::regex kDate("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    if (!o.due.empty() && !std::regex_match(o.due, kDate)) {
        std::fprintf(stderr, "impasse: --due takes a date as YYYY-MM-DD, not '%s'\n",
                     o.due.c_str());
        exit_code = 2;
        return;
    }
    if (o.seed_given && !o.assessment) {
        std::fprintf(stderr, "impasse: --seed is for an assessment (add --assessment)\n");
        exit_code = 2;
        return;
    }
    if (o.scenario.empty() == o.moments.empty()) {
        std::fprintf(stderr,
                     "impasse: give a case (--case) or a set of moment drills (--moment, once "
                     "per moment), not %s\n",
                     o.scenario.empty() ? "neither" : "both");
        exit_code = 2;
        return;
    }
    programme::AssignmentDraft d;
    for (const auto& m : o.moments) {
        ScenarioPtr msc = find_scenario(m, exit_code);
        if (!msc) return;
        if (msc->kind != ScenarioKind::moment) {
            std::fprintf(stderr,
                         "impasse: %s is a full case, not a moment drill; give it with --case\n",
                         msc->id.c_str());
            exit_code = 2;
            return;
        }
        for (const auto& x : d.moments)
            if (x.scenario == msc->id) {
                std::fprintf(stderr, "impasse: the moment %s is given twice\n", msc->id.c_str());
                exit_code = 2;
                return;
            }
        d.moments.push_back({msc->id, msc->hash});
    }
    ScenarioPtr sc = find_scenario(o.moments.empty() ? o.scenario : o.moments.front(), exit_code);
    if (!sc) return;
    d.cohort = o.cohort;
    d.title = !o.title.empty() ? o.title
              : d.moments.empty()
                  ? sc->title
                  : std::to_string(d.moments.size()) + " moments, from " + sc->title;
    d.scenario = sc->id;
    d.due = o.due;
    d.assessment = o.assessment;
    if (o.assessment) {
        std::random_device rd;
        d.seed = o.seed_given ? o.seed : (static_cast<uint64_t>(rd()) & 0xffffffffull);
        d.scenario_hash = sc->hash;
        std::string err;
        auto scorer = make_default_scorer(&err);
        if (!scorer) {
            std::fprintf(stderr,
                         "impasse: the scorer did not load, so an assessment cannot pin "
                         "it: %s\n",
                         err.c_str());
            exit_code = 1;
            return;
        }
        d.scorer_version = scorer->version();
    }
    auto server = connect_programme(o.db, exit_code);
    if (!server) return;
    std::string uid;
    if (report_failure(server->add_assignment(d, &uid), exit_code)) return;
    std::printf("%s\n", uid.c_str());
    std::string what = d.moments.empty()
                           ? "case " + d.scenario + " (version " + d.scenario_hash + ")"
                           : std::to_string(d.moments.size()) + " moments";
    if (o.assessment)
        std::fprintf(stderr, "Assessment %s set for %s: %s, seed %llu, scorer %s.\n",
                     d.title.c_str(), d.cohort.c_str(), what.c_str(),
                     static_cast<unsigned long long>(d.seed),
                     d.scorer_version.empty() ? "(no version)" : d.scorer_version.c_str());
    else
        std::fprintf(stderr, "Assignment %s set for %s: %s %s.\n", d.title.c_str(),
                     d.cohort.c_str(), d.moments.empty() ? "case" : "moments from",
                     d.scenario.c_str());
}

void run_progress(const AssignOptions& o, int& exit_code) {
    auto server = connect_programme(o.db, exit_code);
    if (!server) return;
    std::vector<programme::AssignmentProgress> rows;
    if (report_failure(server->assignment_progress(o.cohort, &rows), exit_code)) return;
    if (o.json_out) {
        json a = json::array();
        for (const auto& r : rows)
            a.push_back({{"assignment_uid", r.assignment_uid},
                         {"title", r.title},
                         {"scenario", r.scenario},
                         {"due", r.due},
                         {"assessment", r.assessment},
                         {"trainee", r.trainee},
                         {"trainee_role", r.trainee_role},
                         {"status", r.status},
                         {"updated_at", r.updated_at}});
        std::printf("%s\n", json_out::write(a, 2).c_str());
        return;
    }
    if (rows.empty())
        std::printf("No assignments in cohort %s that you can see.\n", o.cohort.c_str());
    std::string last;
    for (const auto& r : rows) {
        if (r.assignment_uid != last)
            std::printf("%s  %s%s  (%s)  due %s\n", r.assignment_uid.c_str(), r.title.c_str(),
                        r.assessment ? " [assessment]" : "", r.scenario.c_str(),
                        r.due.empty() ? "-" : r.due.c_str());
        last = r.assignment_uid;
        std::printf("    %-24s %s\n", r.trainee.c_str(),
                    r.status.empty() ? "not started" : r.status.c_str());
    }
}

void run_list(const AssignOptions& o, int& exit_code) {
    auto store = open_record(o.data_dir, exit_code);
    if (!store) return;
    auto list = store->programme_assignments();
    if (o.json_out) {
        json a = json::array();
        for (const auto& x : list) {
            json moments = json::array();
            for (const auto& m : x.moments)
                moments.push_back(m.scenario);
            a.push_back({{"uid", x.uid},
                         {"cohort", x.cohort},
                         {"title", x.title},
                         {"scenario", x.scenario},
                         {"assessment", x.assessment},
                         {"seed", x.assessment ? json(x.seed) : json(nullptr)},
                         {"scenario_hash", x.scenario_hash},
                         {"scorer_version", x.scorer_version},
                         {"due", x.due},
                         {"created_by", x.created_by},
                         {"status", x.status},
                         {"status_shared", x.status.empty() || x.status == x.pushed_status},
                         {"moments", moments},
                         {"played", x.played},
                         {"drill_uid", x.drill_uid}});
        }
        std::printf("%s\n", json_out::write(a, 2).c_str());
        return;
    }
    if (list.empty())
        std::printf("No assignments. `impasse sync --db ...` fetches your cohorts' assignments.\n");
    for (const auto& x : list) {
        std::printf("%s  %-10s  %-30s  %s%s  due %s  %s\n", x.uid.c_str(), x.cohort.c_str(),
                    x.title.c_str(), x.moments.empty() ? x.scenario.c_str() : "moments",
                    x.assessment ? " [assessment]" : "", x.due.empty() ? "-" : x.due.c_str(),
                    x.status.empty() ? "not started" : x.status.c_str());
        for (const auto& m : x.moments) {
            bool played = std::find(x.played.begin(), x.played.end(), m.scenario) != x.played.end();
            std::printf("    %-40s %s\n", m.scenario.c_str(), played ? "played" : "");
        }
    }
    if (!list.empty())
        std::printf(
            "Play one with: impasse play --assignment UID (a set's next moment), or name the "
            "case or moment: impasse play ID --assignment UID\n");
}

}  // namespace

void add_programme_assignments(CLI::App& prog, int& exit_code) {
    auto o = std::make_shared<AssignOptions>();
    auto* assign = prog.add_subcommand(
        "assign",
        "Supervisors: give a case or a set of moments to a cohort, with a due date; prints its "
        "uid");
    add_db_option(*assign, o->db);
    assign->add_option("--cohort", o->cohort, "The cohort")->required();
    assign->add_option("--case", o->scenario, "A scenario file or a bundled scenario id");
    assign->add_option("--moment", o->moments,
                       "A moment drill of a set (a file or a bundled id; once per moment)");
    assign->add_option("--title", o->title, "What trainees see (default: the case's title)");
    assign->add_option("--due", o->due, "The due date, YYYY-MM-DD");
    assign->add_flag("--assessment", o->assessment,
                     "Everyone meets the same patient: pins a seed (so the option order), the "
                     "case's content hash and the scorer's version");
    assign->add_option("--seed", o->seed, "An assessment's seed (default: a random one)")
        ->each([o](const std::string&) { o->seed_given = true; });
    assign->callback([o, &exit_code] { run_assign(*o, exit_code); });

    auto* unassign = prog.add_subcommand(
        "unassign",
        "Supervisors: delete an assignment (trainees' laptops drop it at their next sync; drills "
        "already played stay)");
    add_db_option(*unassign, o->db);
    unassign->add_option("uid", o->uid, "The assignment's uid (from `programme assignments`)")
        ->required();
    unassign->callback([o, &exit_code] {
        auto server = connect_programme(o->db, exit_code);
        if (!server) return;
        if (report_failure(server->delete_assignment(o->uid), exit_code)) return;
        std::printf("Deleted assignment %s.\n", o->uid.c_str());
    });

    auto* progress = prog.add_subcommand(
        "assignments", "Supervisors: the cohort's assignments and each trainee's status");
    add_db_option(*progress, o->db);
    progress->add_option("--cohort", o->cohort, "The cohort")->required();
    progress->add_flag("--json", o->json_out, "Print JSON");
    progress->callback([o, &exit_code] { run_progress(*o, exit_code); });
}

void add_assignments(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<AssignOptions>();
    auto* list = app.add_subcommand(
        "assignments", "Your cohorts' assignments, as the last `impasse sync` fetched them");
    list->add_option("--data-dir", o->data_dir,
                     "Your data folder (default ~/.local/share/impasse)");
    list->add_flag("--json", o->json_out, "Print JSON");
    list->callback([o, &exit_code] { run_list(*o, exit_code); });
}

}  // namespace impasse::cli
