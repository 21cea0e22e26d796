// `impasse data export|delete`: take or erase everything Impasse has recorded for you.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/cli_io.h"
#include "cli/commands.h"
#include "cli/programme_io.h"
#include "impasse/json_write.h"
#include "impasse/paths.h"
#include "impasse/store.h"

namespace impasse::cli {
namespace {

struct DataOptions {
    std::string data_dir;
    std::string out;
    bool yes = false;
    std::string db;  // delete: withdraw the shared drills from this programme server first
};

// Deletes the server's copy of every drill in the outbox (and the notes on them). Once the
// record is gone, the laptop no longer knows which copies were its own.
bool withdraw_everything(Store& store, const std::string& db, int& exit_code) {
    auto shares = store.shares();
    if (shares.empty()) return true;
    auto server = connect_programme(db, exit_code);
    if (!server) return false;
    for (const auto& s : shares)
        if (report_failure(server->withdraw(s.drill_uid, s.cohort), exit_code)) return false;
    std::fprintf(stderr,
                 "Deleted %zu shared drill copies (and the notes on them) from the "
                 "programme server.\n",
                 shares.size());
    return true;
}

void run_export(const DataOptions& o, int& exit_code) {
    auto store = open_record(o.data_dir, exit_code);
    if (!store) return;
    warn_damage(*store);
    std::string text = json_out::write(store->export_all(), 2) + "\n";
    if (!write_output(o.out, text, exit_code) || o.out.empty() || o.out == "-") return;
    std::fprintf(stderr, "Exported your record to %s\n", o.out.c_str());
}

void run_delete(const DataOptions& o, int& exit_code) {
    auto store = open_record(o.data_dir, exit_code);
    if (!store) return;
    if (!o.yes) {
        if (!isatty(STDIN_FILENO)) {
            std::fprintf(
                stderr,
                "impasse: refusing to delete without confirmation; pass --yes in scripts\n");
            exit_code = 2;
            return;
        }
        std::fprintf(stderr,
                     "This erases every drill, check-in and journal entry in %s.\nType 'delete' to "
                     "confirm: ",
                     store->path().c_str());
        std::string answer;
        std::getline(std::cin, answer);
        if (answer != "delete") {
            std::fprintf(stderr, "Nothing was deleted.\n");
            exit_code = 1;
            return;
        }
    }
    if (!o.db.empty() && !withdraw_everything(*store, o.db, exit_code)) {
        std::fprintf(stderr, "Nothing was deleted.\n");
        return;
    }
    if (o.db.empty() && !store->shares().empty())
        std::fprintf(stderr,
                     "Your shared drills stay on the programme server; pass --db to "
                     "delete them there first.\n");
    if (std::string e = store->delete_all(); !e.empty()) {
        std::fprintf(stderr, "impasse: %s\n", e.c_str());
        exit_code = 1;
        return;
    }
    std::fprintf(stderr, "Deleted everything in %s.\n", store->path().c_str());
}

}  // namespace

void add_data(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<DataOptions>();
    auto* data =
        app.add_subcommand("data", "Export or delete everything Impasse has recorded for you");
    data->require_subcommand(1);
    auto* exp = data->add_subcommand("export", "Write your whole record as one JSON file");
    exp->add_option("--out", opts->out, "Output file ('-' or none for standard output)");
    exp->add_option("--data-dir", opts->data_dir,
                    "Your data folder (default ~/.local/share/impasse)");
    exp->callback([opts, &exit_code] { run_export(*opts, exit_code); });
    auto* del = data->add_subcommand("delete", "Erase your whole record (asks first)");
    del->add_flag("--yes", opts->yes, "Do not ask (for scripts)");
    del->add_option("--db", opts->db,
                    "First delete your shared drills and their notes from this programme server");
    del->add_option("--data-dir", opts->data_dir,
                    "Your data folder (default ~/.local/share/impasse)");
    del->callback([opts, &exit_code] { run_delete(*opts, exit_code); });
}

}  // namespace impasse::cli
