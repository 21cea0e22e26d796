#include "cli/programme_io.h"

#include <CLI/CLI.hpp>

#include <cstdio>

namespace impasse::cli {

void add_db_option(CLI::App& command, std::string& db) {
    command
        .add_option("--db", db,
                    "The programme's server: a libpq connection string ('host=... dbname=... "
                    "user=...') or 'service=NAME' from ~/.pg_service.conf; the password comes "
                    "from ~/.pgpass")
        ->required();
}

std::unique_ptr<programme::Server> connect_programme(const std::string& db, int& exit_code) {
    std::string err;
    auto server = programme::connect(db, &err);
    if (!server) {
        std::fprintf(stderr, "impasse: %s\n", err.c_str());
        if (err.find("password") != std::string::npos && err.find("pgpass") == std::string::npos)
            std::fprintf(stderr,
                         "impasse: the password is read from ~/.pgpass (mode 0600), "
                         "one line host:port:database:user:password\n");
        exit_code = 1;
    }
    return server;
}

bool report_failure(const std::string& e, int& exit_code) {
    if (e.empty()) return false;
    std::fprintf(stderr, "impasse: %s\n", e.c_str());
    exit_code = 1;
    return true;
}

}  // namespace impasse::cli
