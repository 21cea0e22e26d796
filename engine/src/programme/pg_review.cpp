// The supervisor's side: a cohort's shared drills, one drill's turns with their notes, writing a
// note. Row-level security decides what each query returns; nothing here filters by person.
#include <cctype>

#include "impasse/json_read.h"
#include "impasse/json_write.h"
#include "programme/pg_server.h"

namespace impasse::programme {
namespace {

nlohmann::json parse_or_null(const pqxx::field& f) {
    if (f.is_null()) return nullptr;
    auto j = json_in::parse(f.as<std::string>());
    return j.is_discarded() ? nlohmann::json() : j;
}

std::string notes_sql(const std::string& where) {
    return "SELECT n.uid::text, n.drill_uid::text, n.turn_uid::text, n.cohort, "
           "COALESCE(p.display_name, n.author::text), n.text, COALESCE(n.overall, 0), "
           "n.principles::text, " +
           iso_sql("n.updated_at") +
           " FROM impasse.notes n LEFT JOIN impasse.people p ON p.role_name = n.author WHERE " +
           where + " ORDER BY n.updated_at, n.uid";
}

ProgrammeNote read_note(const pqxx::row& row) {
    ProgrammeNote n;
    n.uid = row[0].as<std::string>();
    n.drill_uid = row[1].as<std::string>();
    n.turn_uid = row[2].as<std::string>();
    n.cohort = row[3].as<std::string>();
    n.author = row[4].as<std::string>();
    n.text = row[5].as<std::string>();
    n.overall = row[6].as<int>();
    auto p = json_in::parse(row[7].as<std::string>());
    n.principles = p.is_object() ? p : nlohmann::json::object();
    n.updated_at = row[8].as<std::string>();
    return n;
}

// 8-4-4-4-12 hexadecimal digits, as PostgreSQL writes a uuid.
bool looks_like_uuid(const std::string& s) {
    if (s.size() != 36) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

}  // namespace

std::string PgServer::cohort_drills(const std::string& cohort, const CohortPage& page,
                                    std::vector<CohortDrill>* drills) {
    drills->clear();
    if (!page.older_than.empty() && !looks_like_uuid(page.older_than))
        return "'" + page.older_than + "' is not a drill uid";
    // Keyset paging: the drills after (started_at, uid) of `older_than`, through the index on
    // (cohort, started_at DESC); the notes are counted for the page's rows only.
    const std::string sql =
        "SELECT d.uid::text, COALESCE(p.display_name, d.owner::text), d.owner::text, d.scenario, " +
        iso_sql("d.started_at") + ", COALESCE(" + iso_sql("d.ended_at") +
        ", ''), d.ending, d.status, COALESCE(d.mean_score, -1), d.turn_count, "
        "(SELECT count(*) FROM impasse.notes n WHERE n.drill_uid = d.uid AND n.cohort = d.cohort) "
        "FROM impasse.drills d LEFT JOIN impasse.people p ON p.role_name = d.owner "
        "WHERE d.cohort = $1 AND ($2 = '' OR (d.started_at, d.uid) < (SELECT o.started_at, o.uid "
        "FROM impasse.drills o WHERE o.uid = NULLIF($2, '')::uuid AND o.cohort = $1)) "
        "ORDER BY d.started_at DESC, d.uid DESC LIMIT NULLIF($3, 0)";
    std::string missing;
    std::string err = transact("reading the cohort", [&](pqxx::work& tx) {
        if (!page.older_than.empty() &&
            tx.exec_params("SELECT 1 FROM impasse.drills WHERE uid = $1::uuid AND cohort = $2",
                           page.older_than, cohort)
                .empty()) {
            missing =
                "no shared drill " + page.older_than + " in cohort " + cohort + " that you can see";
            return;
        }
        for (const auto& row :
             tx.exec_params(sql, cohort, page.older_than, static_cast<long long>(page.limit))) {
            CohortDrill c;
            c.drill_uid = row[0].as<std::string>();
            c.trainee = row[1].as<std::string>();
            c.trainee_role = row[2].as<std::string>();
            c.scenario = row[3].as<std::string>();
            c.started_at = row[4].as<std::string>();
            c.ended_at = row[5].as<std::string>();
            c.ending = row[6].as<std::string>();
            c.status = row[7].as<std::string>();
            c.mean_score = row[8].as<double>();
            c.turns = row[9].as<int>();
            c.notes = row[10].as<int>();
            drills->push_back(std::move(c));
        }
    });
    return err.empty() ? missing : err;
}

std::string PgServer::drill_turns(const std::string& drill_uid, const std::string& cohort,
                                  std::vector<SharedTurn>* turns,
                                  std::vector<ProgrammeNote>* notes) {
    turns->clear();
    notes->clear();
    return transact("reading the drill", [&](pqxx::work& tx) {
        auto rows = tx.exec_params(
            "SELECT uid::text, idx, node, input::text, COALESCE(overall, -1), record::text "
            "FROM impasse.turns WHERE drill_uid = $1::uuid AND cohort = $2 ORDER BY idx",
            drill_uid, cohort);
        for (const auto& row : rows) {
            SharedTurn t;
            t.uid = row[0].as<std::string>();
            t.index = row[1].as<int>();
            t.node = row[2].as<std::string>();
            t.input = parse_or_null(row[3]);
            t.overall = row[4].as<double>();
            t.record = parse_or_null(row[5]);
            turns->push_back(std::move(t));
        }
        for (const auto& row : tx.exec_params(notes_sql("n.drill_uid = $1::uuid AND n.cohort = $2"),
                                              drill_uid, cohort))
            notes->push_back(read_note(row));
    });
}

std::string PgServer::add_note(const NoteDraft& note, std::string* note_uid) {
    return transact("writing the note", [&](pqxx::work& tx) {
        // Which cohort's copy: the only one this supervisor can see, or the one named.
        auto where = tx.exec_params(
            "SELECT cohort, drill_uid::text FROM impasse.turns WHERE uid = $1::uuid "
            "AND ($2 = '' OR cohort = $2) ORDER BY cohort",
            note.turn_uid, note.cohort);
        if (where.empty())
            throw std::runtime_error("no shared turn " + note.turn_uid + " that you can see" +
                                     (note.cohort.empty() ? "" : " in cohort " + note.cohort));
        if (where.size() > 1) {
            std::string list;
            for (const auto& row : where)
                list += (list.empty() ? "" : ", ") + row[0].as<std::string>();
            throw std::runtime_error("turn " + note.turn_uid + " is shared with cohorts " + list +
                                     "; say which with --cohort");
        }
        auto r = tx.exec_params(
            "INSERT INTO impasse.notes (cohort, drill_uid, turn_uid, text, overall, principles) "
            "VALUES ($1, $2::uuid, $3::uuid, $4, NULLIF($5::integer, 0)::smallint, $6::jsonb) "
            "ON CONFLICT (turn_uid, cohort, author) DO UPDATE SET text = EXCLUDED.text, "
            "overall = EXCLUDED.overall, principles = EXCLUDED.principles, updated_at = now() "
            "RETURNING uid::text",
            where[0][0].as<std::string>(), where[0][1].as<std::string>(), note.turn_uid, note.text,
            note.overall, json_out::write(note.principles));
        if (note_uid) *note_uid = r[0][0].as<std::string>();
    });
}

std::string PgServer::cohort_ratings(const std::string& cohort,
                                     std::vector<agreement::TurnRating>* ratings) {
    ratings->clear();
    return transact("reading the ratings", [&](pqxx::work& tx) {
        auto rows = tx.exec_params(
            "SELECT n.turn_uid::text, n.author::text, COALESCE(n.overall, 0), n.principles::text, "
            "COALESCE(t.overall, -1), COALESCE(t.record->'scores'->'principles', '{}')::text, "
            "COALESCE(t.input->>'kind' = 'option', false) FROM impasse.notes n JOIN impasse.turns "
            "t ON t.uid = n.turn_uid AND t.cohort = "
            "n.cohort "
            "WHERE n.cohort = $1 AND (n.overall IS NOT NULL OR n.principles <> '{}'::jsonb) "
            "ORDER BY n.turn_uid, n.author",
            cohort);
        for (const auto& row : rows) {
            agreement::TurnRating r;
            r.turn_uid = row[0].as<std::string>();
            r.rater = row[1].as<std::string>();
            r.overall = row[2].as<int>();
            auto p = json_in::parse(row[3].as<std::string>());
            if (p.is_object()) r.principles = p;
            r.scorer_overall = row[4].as<double>();
            auto s = json_in::parse(row[5].as<std::string>());
            if (s.is_object()) r.scorer_principles = s;
            r.chosen_option = row[6].as<bool>();
            ratings->push_back(std::move(r));
        }
    });
}

}  // namespace impasse::programme
