// `impasse programme init|add-cohort|add-person`: an administrator sets a training programme up
// on its PostgreSQL server (docs/programme.md).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "cli/programme_io.h"
#include "impasse/agreement.h"
#include "impasse/json_write.h"
#include "impasse/paths.h"

namespace impasse::cli {
namespace {

struct AdminOptions {
    std::string db;
    std::string schema;  // init: the schema file (default: the bundled one)
    std::string cohort, title;
    std::string role_kind, name, person, password_file;
    bool json_out = false, csv_out = false;  // agreement
    int min_pairs = agreement::kMinPairs;
};

bool read_file(const std::string& path, std::string* text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    *text = s.str();
    return true;
}

void run_init(const AdminOptions& o, int& exit_code) {
    std::string path = o.schema.empty() ? paths::assets() + "/programme/schema.sql" : o.schema;
    std::string sql;
    if (!read_file(path, &sql)) {
        std::fprintf(stderr, "impasse: cannot read the schema %s\n", path.c_str());
        exit_code = 1;
        return;
    }
    auto server = connect_programme(o.db, exit_code);
    if (!server) return;
    bool already = false;
    if (report_failure(server->init(sql, &already), exit_code)) return;
    std::fprintf(stderr, already ? "The programme's schema is already in place; nothing changed.\n"
                                 : "The programme's schema is in place.\n");
}

void run_add_cohort(const AdminOptions& o, int& exit_code) {
    auto server = connect_programme(o.db, exit_code);
    if (!server || report_failure(server->add_cohort(o.cohort, o.title), exit_code)) return;
    std::fprintf(stderr, "Added cohort %s.\n", o.cohort.c_str());
}

// The first line of the file, without its line end.
bool read_password(const std::string& path, std::string* password, int& exit_code) {
    std::ifstream in(path);
    if (!in || !std::getline(in, *password) || password->empty()) {
        std::fprintf(stderr, "impasse: no password in %s (its first line)\n", path.c_str());
        exit_code = 1;
        return false;
    }
    if (!password->empty() && password->back() == '\r') password->pop_back();
    return true;
}

void run_add_person(const AdminOptions& o, int& exit_code) {
    if (o.name.empty() == o.person.empty()) {
        std::fprintf(stderr,
                     "impasse: give --name for a new person or --person ROLE for an "
                     "existing one\n");
        exit_code = 2;
        return;
    }
    std::string password;
    if (!o.password_file.empty() && !read_password(o.password_file, &password, exit_code)) return;
    auto server = connect_programme(o.db, exit_code);
    if (!server) return;
    std::string role = o.person;
    if (role.empty()) {
        role = programme::new_role_name();
        if (report_failure(server->add_person(role, o.role_kind, o.cohort, o.name), exit_code))
            return;
    } else if (report_failure(server->join_cohort(role, o.role_kind, o.cohort), exit_code)) {
        return;
    }
    if (!password.empty() && report_failure(server->set_password(role, password), exit_code))
        return;
    std::printf("%s\n", role.c_str());
    std::fprintf(stderr, "%s is a %s of %s as %s.%s\n",
                 o.person.empty() ? o.name.c_str() : role.c_str(), o.role_kind.c_str(),
                 o.cohort.c_str(), role.c_str(),
                 password.empty() ? " Set the password with psql: \\password <role>" : "");
}

std::string cell(const std::optional<double>& v) {
    if (!v) return "-";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", *v);
    return buf;
}

void run_agreement(const AdminOptions& o, int& exit_code) {
    if (o.json_out && o.csv_out) {
        std::fprintf(stderr, "impasse: --json or --csv, not both\n");
        exit_code = 2;
        return;
    }
    auto server = connect_programme(o.db, exit_code);
    if (!server) return;
    std::vector<agreement::TurnRating> ratings;
    if (report_failure(server->cohort_ratings(o.cohort, &ratings), exit_code)) return;
    auto figures = agreement::figures(ratings, o.min_pairs);
    if (o.json_out) {
        nlohmann::json j = {{"cohort", o.cohort},
                            {"ratings", ratings.size()},
                            {"min_pairs", o.min_pairs},
                            {"icc", "ICC(2,1): two-way random effects, absolute agreement"},
                            {"figures", agreement::to_json(figures)}};
        std::printf("%s\n", json_out::write(j, 2).c_str());
        return;
    }
    if (o.csv_out) {
        std::printf("%s", agreement::to_csv(figures).c_str());
        return;
    }
    std::printf(
        "Cohort %s: %zu ratings. ICC(2,1) is absolute agreement; kappa per principle is "
        "binary at 2 (for typed answers the feedback's \"done well\"), quadratic-weighted "
        "overall. docs/scoring.md says how to read them.\n",
        o.cohort.c_str(), ratings.size());
    std::string last;
    for (const auto& f : figures) {
        if (f.comparison != last) {
            const char* heading =
                f.comparison == "supervisor_vs_scorer"   ? "Supervisor vs scorer (typed answers)"
                : f.comparison == "supervisor_vs_author" ? "Supervisor vs author (chosen options)"
                                                         : "Supervisor vs supervisor";
            std::printf("\n%s\n  %-28s %5s %9s %9s %9s\n", heading, "", "n", "Spearman", "ICC",
                        "kappa");
            last = f.comparison;
        }
        if (f.note.rfind("not enough", 0) == 0)
            std::printf("  %-28s %5d  %s\n", f.measure.c_str(), f.n, f.note.c_str());
        else
            std::printf("  %-28s %5d %9s %9s %9s%s%s\n", f.measure.c_str(), f.n,
                        cell(f.spearman).c_str(), cell(f.icc).c_str(), cell(f.kappa).c_str(),
                        f.note.empty() ? "" : "  ", f.note.c_str());
    }
}

}  // namespace

void add_programme(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<AdminOptions>();
    auto* prog = app.add_subcommand(
        "programme",
        "Set up a training programme on its PostgreSQL server (administrators); assignments "
        "and agreement figures (supervisors)");
    prog->require_subcommand(1);

    auto* init = prog->add_subcommand("init", "Create the programme's tables, roles and policies");
    add_db_option(*init, o->db);
    init->add_option("--schema", o->schema, "The schema file (default: the bundled one)");
    init->callback([o, &exit_code] { run_init(*o, exit_code); });

    auto* cohort = prog->add_subcommand("add-cohort", "Add a cohort");
    add_db_option(*cohort, o->db);
    cohort->add_option("cohort", o->cohort, "The cohort's id (a-z, 0-9, - and _)")->required();
    cohort->add_option("--title", o->title, "Its name for people");
    cohort->callback([o, &exit_code] { run_add_cohort(*o, exit_code); });

    auto* person = prog->add_subcommand(
        "add-person",
        "Add a supervisor or trainee to a cohort: creates their login role with an opaque name "
        "and prints it");
    add_db_option(*person, o->db);
    person->add_option("--role", o->role_kind, "supervisor or trainee")
        ->required()
        ->check(CLI::IsMember({"supervisor", "trainee"}));
    person->add_option("--cohort", o->cohort, "The cohort")->required();
    person->add_option("--name", o->name, "Their display name (a new person)");
    person->add_option("--person", o->person, "An existing person's role name (another cohort)");
    person->add_option("--password-file", o->password_file,
                       "Set their password from the first line of this file");
    person->callback([o, &exit_code] { run_add_person(*o, exit_code); });

    auto* agree = prog->add_subcommand(
        "agreement",
        "Supervisors: agreement of the cohort's ratings with the scorer and between supervisors "
        "(Spearman, ICC(2,1), kappa; docs/scoring.md)");
    add_db_option(*agree, o->db);
    agree->add_option("--cohort", o->cohort, "The cohort")->required();
    agree->add_flag("--json", o->json_out, "Print JSON");
    agree->add_flag("--csv", o->csv_out, "Print CSV (one line per figure)");
    agree
        ->add_option("--min-n", o->min_pairs,
                     "Fewer pairs than this: \"not enough ratings\" (default 10)")
        ->check(CLI::Range(2, 100000));
    agree->callback([o, &exit_code] { run_agreement(*o, exit_code); });

    add_programme_assignments(*prog, exit_code);
}

}  // namespace impasse::cli
