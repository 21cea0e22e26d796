// Assignments: a supervisor sets them for a cohort and reads each trainee's status; a trainee
// pulls their cohorts' assignments and shares only their status (started, done). Row-level
// security decides what each query returns.
#include <cstdlib>

#include "impasse/json_read.h"
#include "programme/pg_server.h"

namespace impasse::programme {

std::string PgServer::add_assignment(const AssignmentDraft& a, std::string* uid) {
    std::string moments;  // "" (NULL) for a case
    if (!a.moments.empty()) {
        nlohmann::json j = nlohmann::json::array();
        for (const auto& m : a.moments)
            j.push_back({{"scenario", m.scenario}, {"hash", m.hash}});
        moments = j.dump();
    }
    return transact("setting the assignment", [&](pqxx::work& tx) {
        auto r = tx.exec_params(
            "INSERT INTO impasse.assignments (cohort, title, scenario, assessment, seed, "
            "scenario_hash, scorer_version, due, moments) VALUES ($1, $2, $3, $4, "
            "CASE WHEN $4 THEN $5::numeric END, CASE WHEN $4 THEN $6 END, "
            "CASE WHEN $4 THEN $7 END, NULLIF($8, '')::date, NULLIF($9, '')::jsonb) "
            "RETURNING uid::text",
            a.cohort, a.title, a.scenario, a.assessment, std::to_string(a.seed), a.scenario_hash,
            a.scorer_version, a.due, moments);
        if (uid) *uid = r[0][0].as<std::string>();
    });
}

std::string PgServer::delete_assignment(const std::string& uid) {
    bool uuid =
        uid.size() == 36 && uid.find_first_not_of("0123456789abcdefABCDEF-") == std::string::npos;
    if (!uuid) return "'" + uid + "' is not an assignment uid";
    bool deleted = false;
    std::string err = transact("deleting the assignment", [&](pqxx::work& tx) {
        // Row-level security lets a supervisor delete only their own cohorts' assignments.
        deleted =
            !tx.exec_params("DELETE FROM impasse.assignments WHERE uid = $1::uuid RETURNING 1", uid)
                 .empty();
    });
    if (!err.empty()) return err;
    return deleted ? "" : "no assignment " + uid + " in a cohort you supervise";
}

std::string PgServer::assignment_progress(const std::string& cohort,
                                          std::vector<AssignmentProgress>* rows) {
    rows->clear();
    const std::string sql =
        "SELECT a.uid::text, a.title, a.scenario, COALESCE(a.due::text, ''), a.assessment, "
        "COALESCE(p.display_name, m.role_name::text), m.role_name::text, "
        "COALESCE(s.status, ''), COALESCE(" +
        iso_sql("s.updated_at") +
        ", '') FROM impasse.assignments a "
        "JOIN impasse.memberships m ON m.cohort = a.cohort AND m.kind = 'trainee' "
        "LEFT JOIN impasse.people p ON p.role_name = m.role_name "
        "LEFT JOIN impasse.assignment_status s ON s.assignment_uid = a.uid "
        "AND s.owner = m.role_name WHERE a.cohort = $1 "
        "ORDER BY a.due NULLS LAST, a.created_at, a.uid, 6, 7";
    return transact("reading the assignments", [&](pqxx::work& tx) {
        for (const auto& row : tx.exec_params(sql, cohort)) {
            AssignmentProgress p;
            p.assignment_uid = row[0].as<std::string>();
            p.title = row[1].as<std::string>();
            p.scenario = row[2].as<std::string>();
            p.due = row[3].as<std::string>();
            p.assessment = row[4].as<bool>();
            p.trainee = row[5].as<std::string>();
            p.trainee_role = row[6].as<std::string>();
            p.status = row[7].as<std::string>();
            p.updated_at = row[8].as<std::string>();
            rows->push_back(std::move(p));
        }
    });
}

std::string PgServer::pull_assignments(std::vector<ProgrammeAssignment>* out) {
    out->clear();
    const std::string sql =
        "SELECT a.uid::text, a.cohort, a.title, a.scenario, a.assessment, "
        "COALESCE(a.seed::text, '0'), COALESCE(a.scenario_hash, ''), "
        "COALESCE(a.scorer_version, ''), COALESCE(a.due::text, ''), "
        "COALESCE(p.display_name, ''), " +
        iso_sql("a.created_at") + ", COALESCE(a.moments::text, '[]')" +
        " FROM impasse.assignments a LEFT JOIN impasse.people p ON p.role_name = a.created_by "
        "WHERE a.cohort IN (SELECT impasse.my_cohorts('trainee')) ORDER BY a.created_at, a.uid";
    return transact("fetching the assignments", [&](pqxx::work& tx) {
        for (const auto& row : tx.exec(sql)) {
            ProgrammeAssignment a;
            a.uid = row[0].as<std::string>();
            a.cohort = row[1].as<std::string>();
            a.title = row[2].as<std::string>();
            a.scenario = row[3].as<std::string>();
            a.assessment = row[4].as<bool>();
            a.seed = std::strtoull(row[5].as<std::string>().c_str(), nullptr, 10);
            a.scenario_hash = row[6].as<std::string>();
            a.scorer_version = row[7].as<std::string>();
            a.due = row[8].as<std::string>();
            a.created_by = row[9].as<std::string>();
            a.created_at = row[10].as<std::string>();
            auto moments = json_in::parse(row[11].as<std::string>());
            if (moments.is_array())
                for (const auto& m : moments)
                    if (m.is_object() && m.value("scenario", nlohmann::json()).is_string())
                        a.moments.push_back({m["scenario"].get<std::string>(),
                                             m.value("hash", nlohmann::json()).is_string()
                                                 ? m["hash"].get<std::string>()
                                                 : ""});
            out->push_back(std::move(a));
        }
    });
}

std::string PgServer::push_assignment_status(const std::string& uid, const std::string& status) {
    return transact("sharing the assignment's status", [&](pqxx::work& tx) {
        tx.exec_params(
            "INSERT INTO impasse.assignment_status (assignment_uid, status) VALUES ($1::uuid, $2) "
            "ON CONFLICT (assignment_uid, owner) DO UPDATE SET status = EXCLUDED.status, "
            "updated_at = now() WHERE impasse.assignment_status.status <> 'done'",
            uid, status);
    });
}

}  // namespace impasse::programme
