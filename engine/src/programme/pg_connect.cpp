// Connecting to the programme server, and what connecting needs: the conninfo check (no
// password) and opaque role names.
#include <libpq-fe.h>

#include <random>

#include "programme/pg_server.h"

namespace impasse::programme {

std::string first_line(const char* what) {
    std::string s = what ? what : "";
    if (s.rfind("ERROR:  ", 0) == 0) s = s.substr(8);
    if (size_t nl = s.find('\n'); nl != std::string::npos) s = s.substr(0, nl);
    return s;
}

std::string iso_sql(const std::string& col) {
    return "to_char(" + col + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

std::string check_conninfo(const std::string& conninfo) {
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
    if (!opts) {
        std::string e = err ? first_line(err) : "out of memory";
        PQfreemem(err);
        return "cannot read the connection string: " + e;
    }
    bool has_password = false;
    for (PQconninfoOption* o = opts; o->keyword; ++o)
        if (std::string(o->keyword) == "password" && o->val && *o->val) has_password = true;
    PQconninfoFree(opts);
    if (has_password)
        return "the connection string carries a password; Impasse never takes one: put it in "
               "~/.pgpass (mode 0600) and leave it out of --db";
    return "";
}

std::unique_ptr<Server> connect(const std::string& conninfo, std::string* error) {
    if (std::string e = check_conninfo(conninfo); !e.empty()) {
        if (error) *error = e;
        return nullptr;
    }
    try {
        auto conn = std::make_unique<pqxx::connection>(conninfo);
        return std::make_unique<PgServer>(std::move(conn), conninfo);
    } catch (const std::exception& e) {
        if (error) *error = "cannot connect to the programme server: " + first_line(e.what());
        return nullptr;
    }
}

std::string new_role_name() {
    std::random_device rd;
    std::uniform_int_distribution<int> hex(0, 15);
    std::string name = "imp_";
    for (int i = 0; i < 16; ++i)
        name += "0123456789abcdef"[hex(rd)];
    return name;
}

}  // namespace impasse::programme
