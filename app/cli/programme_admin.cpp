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
#include "impasse/paths.h"

namespace impasse::cli {
namespace {

struct AdminOptions {
    std::string db;
    std::string schema;  // init: the schema file (default: the bundled one)
    std::string cohort, title;
    std::string role_kind, name, person, password_file;
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

}  // namespace

void add_programme(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<AdminOptions>();
    auto* prog = app.add_subcommand(
        "programme", "Set up a training programme on its PostgreSQL server (administrators)");
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
}

}  // namespace impasse::cli
