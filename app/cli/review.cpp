// `impasse review|note`: a supervisor reads the drills the trainees of their cohort shared, and
// writes notes and ratings on turns. What they can read is what the server's row-level security
// lets them read; nothing here filters.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/programme_io.h"
#include "impasse/json_write.h"
#include "impasse/vocabulary.h"

namespace impasse::cli {
namespace {

using nlohmann::json;

struct ReviewOptions {
    std::string db, cohort, drill;
    bool json_out = false;
    size_t limit = 100;
    bool all = false;
    std::string older_than;
    std::string turn, text;
    int rating = 0;
    std::vector<std::string> principles;  // id=0|1|2
};

std::string answer_text(const json& input) {
    if (!input.is_object()) return "";
    if (input.value("kind", "") == "text") return input.value("text", "");
    return "[option " + input.value("response", "") + "]";
}

json note_json(const ProgrammeNote& n) {
    return {{"uid", n.uid},
            {"turn_uid", n.turn_uid},
            {"author", n.author},
            {"text", n.text},
            {"overall", n.overall},
            {"principles", n.principles},
            {"updated_at", n.updated_at}};
}

void list_cohort(programme::Server& server, const ReviewOptions& o, int& exit_code) {
    std::vector<programme::CohortDrill> drills;
    programme::CohortPage page;
    page.limit = o.all ? 0 : o.limit;
    page.older_than = o.older_than;
    if (report_failure(server.cohort_drills(o.cohort, page, &drills), exit_code)) return;
    // A full page may have older drills after it: say how to see them (on stderr, so the
    // JSON stays one array).
    if (page.limit > 0 && drills.size() == page.limit)
        std::fprintf(stderr,
                     "impasse: showing the newest %zu; older: impasse review --cohort %s "
                     "--older-than %s\n",
                     drills.size(), o.cohort.c_str(), drills.back().drill_uid.c_str());
    if (o.json_out) {
        json a = json::array();
        for (const auto& d : drills)
            a.push_back({{"drill_uid", d.drill_uid},
                         {"trainee", d.trainee},
                         {"trainee_role", d.trainee_role},
                         {"scenario", d.scenario},
                         {"started_at", d.started_at},
                         {"ended_at", d.ended_at},
                         {"ending", d.ending},
                         {"status", d.status},
                         {"mean_score", d.mean_score},
                         {"turns", d.turns},
                         {"notes", d.notes}});
        std::printf("%s\n", json_out::write(a, 2).c_str());
        return;
    }
    if (drills.empty())
        std::printf("No shared drills in cohort %s that you can see.\n", o.cohort.c_str());
    for (const auto& d : drills)
        std::printf(
            "%s  %-20s  %-32s  %s  %-10s  %2d turns  mean %5.1f  %d notes\n", d.drill_uid.c_str(),
            d.trainee.c_str(), d.scenario.c_str(), d.started_at.substr(0, 16).c_str(),
            d.ending.empty() ? d.status.c_str() : d.ending.c_str(), d.turns, d.mean_score, d.notes);
}

void show_drill(programme::Server& server, const ReviewOptions& o, int& exit_code) {
    std::vector<programme::SharedTurn> turns;
    std::vector<ProgrammeNote> notes;
    if (report_failure(server.drill_turns(o.drill, o.cohort, &turns, &notes), exit_code)) return;
    if (turns.empty()) {
        std::fprintf(stderr, "impasse: no shared drill %s in cohort %s that you can see\n",
                     o.drill.c_str(), o.cohort.c_str());
        exit_code = 1;
        return;
    }
    if (o.json_out) {
        json a = json::array();
        for (const auto& t : turns) {
            json tn = json::array();
            for (const auto& n : notes)
                if (n.turn_uid == t.uid) tn.push_back(note_json(n));
            a.push_back({{"uid", t.uid},
                         {"index", t.index},
                         {"node", t.node},
                         {"input", t.input},
                         {"overall", t.overall},
                         {"record", t.record},
                         {"notes", tn}});
        }
        std::printf("%s\n", json_out::write(json{{"drill_uid", o.drill}, {"turns", a}}, 2).c_str());
        return;
    }
    for (const auto& t : turns) {
        std::printf("turn %d  %s  node %s  score %.1f\n  %s\n", t.index, t.uid.c_str(),
                    t.node.c_str(), t.overall, answer_text(t.input).c_str());
        for (const auto& n : notes)
            if (n.turn_uid == t.uid)
                std::printf("  note by %s%s: %s\n", n.author.c_str(),
                            n.overall ? (" (" + std::to_string(n.overall) + "/5)").c_str() : "",
                            n.text.c_str());
    }
}

void run_note(const ReviewOptions& o, int& exit_code) {
    programme::NoteDraft draft;
    draft.turn_uid = o.turn;
    draft.cohort = o.cohort;
    draft.text = o.text;
    draft.overall = o.rating;
    static const std::regex kRating("([a-z_]+)=([012])");
    for (const auto& p : o.principles) {
        std::smatch m;
        bool known = false;
        if (std::regex_match(p, m, kRating))
            for (const auto& term : vocab::principles())
                if (term.id == m[1].str()) known = true;
        if (!known) {
            std::fprintf(stderr,
                         "impasse: --principle takes ID=0|1|2 with a principle id from "
                         "ids.yaml (e.g. non_defensive=2), not '%s'\n",
                         p.c_str());
            exit_code = 2;
            return;
        }
        draft.principles[m[1].str()] = std::stoi(m[2].str());
    }
    if (draft.text.empty() && draft.overall == 0 && draft.principles.empty()) {
        std::fprintf(stderr, "impasse: a note needs --text, --rating or --principle\n");
        exit_code = 2;
        return;
    }
    auto server = connect_programme(o.db, exit_code);
    if (!server) return;
    std::string uid;
    if (report_failure(server->add_note(draft, &uid), exit_code)) return;
    std::printf("%s\n", uid.c_str());
}

}  // namespace

void add_review(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<ReviewOptions>();
    auto* review = app.add_subcommand(
        "review", "Supervisors: the drills your cohort's trainees shared, or one drill's turns");
    add_db_option(*review, o->db);
    review->add_option("--cohort", o->cohort, "The cohort")->required();
    review->add_option("--drill", o->drill, "One drill's uid: its turns and the notes on them");
    review->add_option("--limit", o->limit, "List at most this many drills, newest first")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    review->add_option("--older-than", o->older_than,
                       "List the drills after this one (the last uid of the previous page)");
    review->add_flag("--all", o->all, "List every drill of the cohort (no --limit)");
    review->add_flag("--json", o->json_out, "Print JSON");
    review->callback([o, &exit_code] {
        auto server = connect_programme(o->db, exit_code);
        if (!server) return;
        if (o->drill.empty())
            list_cohort(*server, *o, exit_code);
        else
            show_drill(*server, *o, exit_code);
    });

    auto* note = app.add_subcommand(
        "note", "Supervisors: write a note and rating on a shared turn (again: replaces yours)");
    add_db_option(*note, o->db);
    note->add_option("turn", o->turn, "The turn's uid (from `impasse review --drill`)")->required();
    note->add_option("--cohort", o->cohort,
                     "The cohort, when the turn is shared with two of yours");
    note->add_option("--text", o->text, "The note");
    note->add_option("--rating", o->rating, "The answer overall, 1-5")->check(CLI::Range(1, 5));
    note->add_option("--principle", o->principles,
                     "A principle's rating, ID=0|1|2 (0 absent, 1 partly, 2 clearly); repeatable");
    note->callback([o, &exit_code] { run_note(*o, exit_code); });
}

}  // namespace impasse::cli
