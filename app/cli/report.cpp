// `impasse report` and `impasse export --xapi`: the trainee's record for reading, printing and
// for learning record stores.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "cli/cli_io.h"
#include "cli/commands.h"
#include "impasse/json_write.h"
#include "impasse/paths.h"
#include "impasse/report.h"
#include "impasse/scenario_loader.h"
#include "impasse/store.h"
#include "impasse/xapi.h"

namespace impasse::cli {
namespace {

struct ReportOptions {
    std::string data_dir;
    std::string format = "html";
    std::string out;
    std::string from, to;
    int64_t drill = 0;
    bool xapi = false;
    std::string actor = "Impasse trainee";
};

// Scenario titles by id, from the bundled library (quietly empty when it cannot be read).
std::function<std::string(const std::string&)> titles() {
    auto map = std::make_shared<std::map<std::string, std::string>>();
    std::string dir = paths::bundled_scenarios();
    if (!dir.empty())
        for (const auto& s : load_library({dir}).scenarios)
            (*map)[s->id] = s->title;
    return [map](const std::string& id) {
        auto it = map->find(id);
        return it == map->end() ? std::string() : it->second;
    };
}

void run_report(const ReportOptions& o, int& exit_code) {
    auto store = open_record(o.data_dir, exit_code);
    if (!store) return;
    if (o.drill > 0 && !store->drill(o.drill)) {
        std::fprintf(stderr, "impasse: there is no drill %lld in %s\n",
                     static_cast<long long>(o.drill), store->path().c_str());
        exit_code = 1;
        return;
    }
    warn_damage(*store);
    ReportData data = collect_report(*store, {o.drill, o.from, o.to}, titles());
    std::string text;
    if (o.format == "html")
        text = render_report_html(data);
    else if (o.format == "json")
        text = json_out::write(render_report_json(data), 2) + "\n";
    else
        text = render_report_csv(data);
    write_output(o.out, text, exit_code);
}

void run_export(const ReportOptions& o, int& exit_code) {
    if (!o.xapi) {
        std::fprintf(stderr,
                     "impasse: choose an export format: --xapi (or use `impasse data export` for "
                     "everything as JSON)\n");
        exit_code = 2;
        return;
    }
    auto store = open_record(o.data_dir, exit_code);
    if (!store) return;
    warn_damage(*store);
    ReportData data = collect_report(*store, {o.drill, o.from, o.to}, titles());
    XapiActor actor;
    actor.name = o.actor;
    write_output(o.out, json_out::write(xapi_statements(data, actor), 2) + "\n", exit_code);
}

// A calendar date, YYYY-MM-DD, that exists (2026-02-30 does not).
const CLI::Validator kDate(
    [](std::string& s) -> std::string {
        int y = 0, m = 0, d = 0;
        char tail = 0;
        if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
            return "'" + s + "' is not a date like 2026-11-28";
        static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (m < 1 || m > 12 || d < 1 || d > days[m - 1] || (m == 2 && d == 29 && !leap))
            return "'" + s + "' is not a calendar date";
        return "";
    },
    "YYYY-MM-DD");

void common_options(CLI::App* cmd, ReportOptions& o) {
    cmd->add_option("--data-dir", o.data_dir, "Your data folder (default ~/.local/share/impasse)");
    cmd->add_option("--out", o.out, "Output file (default: standard output)");
    cmd->add_option("--drill", o.drill, "Only this drill (its number)")->check(CLI::PositiveNumber);
    cmd->add_option("--from", o.from, "Drills started on or after this date (YYYY-MM-DD)")
        ->check(kDate);
    cmd->add_option("--to", o.to, "Drills started before this date (YYYY-MM-DD)")->check(kDate);
}

}  // namespace

void add_report(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<ReportOptions>();
    auto* report =
        app.add_subcommand("report", "A report of your drills: HTML (printable), JSON or CSV");
    common_options(report, *o);
    report->add_option("--format", o->format, "html, json or csv")
        ->check(CLI::IsMember({"html", "json", "csv"}));
    report->callback([o, &exit_code] { run_report(*o, exit_code); });

    auto* exp = app.add_subcommand("export", "Export your drills for a learning record store");
    common_options(exp, *o);
    exp->add_flag("--xapi", o->xapi, "xAPI statements (JSON array)");
    exp->add_option("--actor", o->actor, "Your name in the statements");
    exp->callback([o, &exit_code] { run_export(*o, exit_code); });
}

}  // namespace impasse::cli
