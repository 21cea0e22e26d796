// Administration: applying the schema, cohorts, people and their passwords.
#include <libpq-fe.h>

#include "programme/pg_server.h"

namespace impasse::programme {

std::string PgServer::init(const std::string& schema_sql, bool* already) {
    if (already) *already = false;
    bool exists = false;
    std::string e = transact("checking the database", [&](pqxx::work& tx) {
        exists = !tx.exec("SELECT to_regclass('impasse.meta')")[0][0].is_null();
    });
    if (!e.empty()) return e;
    if (exists) {
        if (already) *already = true;
        // Columns added since the first version of the schema (idempotent).
        return transact("bringing the schema up to date", [&](pqxx::work& tx) {
            tx.exec("ALTER TABLE impasse.assignments ADD COLUMN IF NOT EXISTS scorer_version text");
            tx.exec(
                "ALTER TABLE impasse.assignments ADD COLUMN IF NOT EXISTS moments jsonb "
                "CHECK (moments IS NULL OR jsonb_typeof(moments) = 'array')");
        });
    }
    // The schema file is the project's own text (assets/programme/schema.sql), not user data.
    return transact("applying the schema", [&](pqxx::work& tx) { tx.exec(schema_sql); });
}

std::string PgServer::add_cohort(const std::string& id, const std::string& title) {
    return transact("adding the cohort", [&](pqxx::work& tx) {
        tx.exec_params("INSERT INTO impasse.cohorts (id, title) VALUES ($1, $2)", id, title);
    });
}

std::string PgServer::add_person(const std::string& role, const std::string& kind,
                                 const std::string& cohort, const std::string& display_name) {
    return transact("adding the person", [&](pqxx::work& tx) {
        tx.exec_params("SELECT impasse.add_person($1, $2, $3, $4)", role, kind, cohort,
                       display_name);
    });
}

std::string PgServer::join_cohort(const std::string& role, const std::string& kind,
                                  const std::string& cohort) {
    return transact("adding the person to the cohort", [&](pqxx::work& tx) {
        tx.exec_params("SELECT impasse.join_cohort($1, $2, $3)", role, kind, cohort);
    });
}

std::string PgServer::set_password(const std::string& role, const std::string& password) {
    if (password.empty()) return "setting the password: the password is empty";
    // libpq computes the SCRAM verifier; it needs a connection object of its own for that.
    PGconn* pg = PQconnectdb(conninfo_.c_str());
    if (PQstatus(pg) != CONNECTION_OK) {
        std::string e = first_line(PQerrorMessage(pg));
        PQfinish(pg);
        return "setting the password: " + e;
    }
    char* verifier = PQencryptPasswordConn(pg, password.c_str(), role.c_str(), "scram-sha-256");
    std::string v = verifier ? verifier : "";
    std::string err = verifier ? "" : first_line(PQerrorMessage(pg));
    PQfreemem(verifier);
    PQfinish(pg);
    if (v.empty()) return "setting the password: " + err;
    return transact("setting the password", [&](pqxx::work& tx) {
        tx.exec_params("SELECT impasse.set_password($1, $2)", role, v);
    });
}

}  // namespace impasse::programme
