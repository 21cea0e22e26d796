// `impasse share|unshare|sync`: the trainee chooses what a programme's cohort may see, and sends
// it when the server is reachable (offline-first: share and unshare only write the outbox).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/cli_io.h"
#include "cli/commands.h"
#include "cli/programme_io.h"
#include "impasse/programme_sync.h"

namespace impasse::cli {
namespace {

struct ShareOptions {
    std::string data_dir;
    std::string drill;  // a local drill number, a drill uid, or "all"
    std::string cohort;
    bool inner = false;
    std::string db;  // unshare: also sync now
};

// The drills `what` names: one by number or uid, or every finished drill for "all".
std::vector<DrillRow> named_drills(const Store& store, const std::string& what, int& exit_code) {
    if (what == "all") {
        std::vector<DrillRow> out;
        for (auto& d : store.drills())
            if (d.status == "finished") out.push_back(d);
        return out;
    }
    std::optional<DrillRow> d = store.drill_by_uid(what);
    if (!d && !what.empty() && what.find_first_not_of("0123456789") == std::string::npos)
        d = store.drill(std::stoll(what));
    if (!d) {
        std::fprintf(stderr, "impasse: no drill %s in your record (give its number or uid)\n",
                     what.c_str());
        exit_code = 1;
        return {};
    }
    return {*d};
}

void run_sync(Store& store, const std::string& db, int& exit_code) {
    auto server = connect_programme(db, exit_code);
    if (!server) return;
    programme::SyncReport r;
    std::string e = programme::sync(store, *server, &r);
    for (const auto& refused : r.refused)
        std::fprintf(stderr, "impasse: the server refused %s\n", refused.c_str());
    if (!e.empty()) {
        std::fprintf(stderr,
                     "impasse: %s\nimpasse: what was not sent is still in your outbox; run "
                     "`impasse sync` again\n",
                     e.c_str());
        exit_code = 1;
        return;
    }
    std::printf("sent %d, already there %d, withdrawn %d, notes %d, assignments %d\n", r.pushed,
                r.unchanged, r.withdrawn, r.notes, r.assignments);
    if (!r.refused.empty()) exit_code = 1;
}

void run_share(const ShareOptions& o, int& exit_code) {
    auto store = open_record(o.data_dir, exit_code);
    if (!store) return;
    auto drills = named_drills(*store, o.drill, exit_code);
    for (const auto& d : drills) {
        if (report_failure(store->share_drill(d.uid, o.cohort, o.inner), exit_code)) return;
        std::printf("%s\n", d.uid.c_str());
    }
    std::fprintf(stderr, "%zu drill(s) in the outbox for cohort %s%s; `impasse sync` sends them.\n",
                 drills.size(), o.cohort.c_str(),
                 o.inner ? ", with check-ins, journal and self-ratings" : "");
}

void run_unshare(const ShareOptions& o, int& exit_code) {
    auto store = open_record(o.data_dir, exit_code);
    if (!store) return;
    std::vector<std::string> uids;
    if (o.drill == "all") {
        for (const auto& s : store->shares())
            if (s.cohort == o.cohort && s.wanted == "share") uids.push_back(s.drill_uid);
    } else {
        for (const auto& d : named_drills(*store, o.drill, exit_code))
            uids.push_back(d.uid);
    }
    for (const auto& uid : uids)
        if (report_failure(store->withdraw_share(uid, o.cohort), exit_code)) return;
    if (uids.empty()) return;
    if (o.db.empty()) {
        std::fprintf(stderr,
                     "Marked for withdrawal; `impasse sync` deletes the server's copy and "
                     "the notes on it.\n");
        return;
    }
    run_sync(*store, o.db, exit_code);
}

}  // namespace

void add_share(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<ShareOptions>();
    auto* share = app.add_subcommand(
        "share", "Share a drill's final path with a programme's cohort (sent by `impasse sync`)");
    share->add_option("drill", o->drill, "The drill's number or uid, or 'all' (every finished one)")
        ->required();
    share->add_option("--cohort", o->cohort, "The cohort to share it with")->required();
    share->add_flag("--with-checkins", o->inner,
                    "Include its check-ins, journal, self-ratings, pause note and distress");
    share->add_option("--data-dir", o->data_dir,
                      "Your data folder (default ~/.local/share/impasse)");
    share->callback([o, &exit_code] { run_share(*o, exit_code); });

    auto* unshare = app.add_subcommand(
        "unshare", "Withdraw a shared drill: its server copy and the notes on it are deleted");
    unshare->add_option("drill", o->drill, "The drill's number or uid, or 'all'")->required();
    unshare->add_option("--cohort", o->cohort, "The cohort it was shared with")->required();
    unshare->add_option("--db", o->db, "Also sync now with this server");
    unshare->add_option("--data-dir", o->data_dir,
                        "Your data folder (default ~/.local/share/impasse)");
    unshare->callback([o, &exit_code] { run_unshare(*o, exit_code); });

    auto* sync = app.add_subcommand(
        "sync",
        "Send the outbox (and your assignments' status) to the programme's server and fetch the "
        "notes on your drills and your cohorts' assignments");
    add_db_option(*sync, o->db);
    sync->add_option("--data-dir", o->data_dir,
                     "Your data folder (default ~/.local/share/impasse)");
    sync->callback([o, &exit_code] {
        auto store = open_record(o->data_dir, exit_code);
        if (store) run_sync(*store, o->db, exit_code);
    });
}

}  // namespace impasse::cli
