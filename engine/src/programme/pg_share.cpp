// The trainee's side: pushing a shared drill (idempotent upserts keyed by the laptop's uids, one
// transaction), withdrawing it, pulling the notes on it. Rows go up as one jsonb parameter per
// table, unpacked by jsonb_to_recordset on the server: one round trip per table, no SQL text
// built from data.
#include "impasse/json_read.h"
#include "impasse/json_write.h"
#include "programme/pg_server.h"

namespace impasse::programme {
namespace {

using nlohmann::json;

json turns_json(const std::vector<TurnRow>& turns) {
    json a = json::array();
    for (const auto& t : turns)
        a.push_back({{"uid", t.uid},
                     {"idx", t.index},
                     {"node", t.node},
                     {"input", t.input},
                     {"overall", t.overall},
                     {"record", t.record},
                     {"created_at", t.created_at}});
    return a;
}

json checkins_json(const std::vector<CheckIn>& checkins) {
    json a = json::array();
    for (const auto& c : checkins)
        a.push_back({{"uid", c.uid},
                     {"turn", c.turn},
                     {"feelings", c.feelings},
                     {"intensity", c.intensity},
                     {"urges", c.urges},
                     {"body", c.body},
                     {"created_at", c.created_at}});
    return a;
}

json journal_json(const std::vector<JournalEntry>& journal) {
    json a = json::array();
    for (const auto& j : journal)
        a.push_back(
            {{"uid", j.uid}, {"node", j.node}, {"text", j.text}, {"created_at", j.created_at}});
    return a;
}

json ratings_json(const std::vector<SelfRating>& ratings) {
    json a = json::array();
    for (const auto& r : ratings)
        a.push_back(
            {{"principle", r.principle}, {"rating", r.rating}, {"created_at", r.created_at}});
    return a;
}

const char* const kUpsertDrill = R"sql(
INSERT INTO impasse.drills (uid, cohort, scenario, scenario_hash, seed, started_at, ended_at,
  ending, status, mean_score, turn_count, include_inner, distress, pause_note)
VALUES ($1::uuid, $2, $3, $4, $5::numeric, $6::timestamptz, NULLIF($7, '')::timestamptz, $8, $9,
  NULLIF($10::double precision, -1), $11::integer, $12::boolean,
  CASE WHEN $12::boolean AND $13::integer >= 0 THEN $13::smallint END,
  CASE WHEN $12::boolean THEN $14 END)
ON CONFLICT (uid, cohort) DO UPDATE SET scenario = EXCLUDED.scenario,
  scenario_hash = EXCLUDED.scenario_hash, seed = EXCLUDED.seed, started_at = EXCLUDED.started_at,
  ended_at = EXCLUDED.ended_at, ending = EXCLUDED.ending, status = EXCLUDED.status,
  mean_score = EXCLUDED.mean_score, turn_count = EXCLUDED.turn_count,
  include_inner = EXCLUDED.include_inner, distress = EXCLUDED.distress,
  pause_note = EXCLUDED.pause_note, updated_at = now()
)sql";

// Turns no longer on the drill's final path (rewound away since the last push) go, with the
// notes on them; then every current turn is inserted or replaced by its uid.
const char* const kDropStaleTurns = R"sql(
DELETE FROM impasse.turns WHERE drill_uid = $1::uuid AND cohort = $2
  AND uid NOT IN (SELECT (e->>'uid')::uuid FROM jsonb_array_elements($3::jsonb) e)
)sql";

const char* const kUpsertTurns = R"sql(
INSERT INTO impasse.turns (uid, cohort, drill_uid, idx, node, input, overall, record, created_at)
SELECT t.uid, $2, $1::uuid, t.idx, t.node, t.input, NULLIF(t.overall, -1), t.record, t.created_at
FROM jsonb_to_recordset($3::jsonb) AS t(uid uuid, idx integer, node text, input jsonb,
  overall double precision, record jsonb, created_at timestamptz)
ON CONFLICT (uid, cohort) DO UPDATE SET idx = EXCLUDED.idx, node = EXCLUDED.node,
  input = EXCLUDED.input, overall = EXCLUDED.overall, record = EXCLUDED.record,
  created_at = EXCLUDED.created_at
)sql";

// Inner skills nothing refers to: deleted, then inserted whole when still included.
const char* const kReplaceCheckins = R"sql(
INSERT INTO impasse.checkins (uid, cohort, drill_uid, turn, feelings, intensity, urges, body,
  created_at)
SELECT c.uid, $2, $1::uuid, c.turn, c.feelings, c.intensity, c.urges, c.body, c.created_at
FROM jsonb_to_recordset($3::jsonb) AS c(uid uuid, turn integer, feelings jsonb,
  intensity smallint, urges jsonb, body text, created_at timestamptz)
)sql";

const char* const kReplaceJournal = R"sql(
INSERT INTO impasse.journal (uid, cohort, drill_uid, node, text, created_at)
SELECT j.uid, $2, $1::uuid, j.node, j.text, j.created_at
FROM jsonb_to_recordset($3::jsonb) AS j(uid uuid, node text, text text, created_at timestamptz)
)sql";

const char* const kReplaceRatings = R"sql(
INSERT INTO impasse.self_ratings (drill_uid, cohort, principle, rating, created_at)
SELECT $1::uuid, $2, r.principle, r.rating, r.created_at
FROM jsonb_to_recordset($3::jsonb) AS r(principle text, rating double precision,
  created_at timestamptz)
)sql";

}  // namespace

std::string PgServer::push(const SharedDrill& s) {
    const DrillRow& d = s.drill;
    return transact("sending the drill", [&](pqxx::work& tx) {
        tx.exec_params(kUpsertDrill, d.uid, s.cohort, d.scenario_id, d.scenario_hash,
                       std::to_string(d.seed), d.started_at, d.ended_at, d.ending, d.status,
                       d.mean_score, static_cast<int>(s.turns.size()), s.include_inner, d.distress,
                       d.pause_note);
        std::string turns = json_out::write(turns_json(s.turns));
        tx.exec_params(kDropStaleTurns, d.uid, s.cohort, turns);
        tx.exec_params(kUpsertTurns, d.uid, s.cohort, turns);
        tx.exec_params("DELETE FROM impasse.checkins WHERE drill_uid = $1::uuid AND cohort = $2",
                       d.uid, s.cohort);
        tx.exec_params("DELETE FROM impasse.journal WHERE drill_uid = $1::uuid AND cohort = $2",
                       d.uid, s.cohort);
        tx.exec_params(
            "DELETE FROM impasse.self_ratings WHERE drill_uid = $1::uuid AND cohort = $2", d.uid,
            s.cohort);
        if (!s.include_inner) return;
        tx.exec_params(kReplaceCheckins, d.uid, s.cohort,
                       json_out::write(checkins_json(s.checkins)));
        tx.exec_params(kReplaceJournal, d.uid, s.cohort, json_out::write(journal_json(s.journal)));
        tx.exec_params(kReplaceRatings, d.uid, s.cohort,
                       json_out::write(ratings_json(s.self_ratings)));
    });
}

std::string PgServer::withdraw(const std::string& drill_uid, const std::string& cohort) {
    // The foreign keys delete its turns, inner skills and notes with it.
    return transact("withdrawing the drill", [&](pqxx::work& tx) {
        tx.exec_params(
            "DELETE FROM impasse.drills WHERE uid = $1::uuid AND cohort = $2 "
            "AND owner = session_user",
            drill_uid, cohort);
    });
}

std::string PgServer::pull_notes(std::vector<ProgrammeNote>* notes) {
    notes->clear();
    const std::string sql =
        "SELECT n.uid::text, n.drill_uid::text, n.turn_uid::text, n.cohort, "
        "COALESCE(p.display_name, n.author::text), n.text, COALESCE(n.overall, 0), "
        "n.principles::text, " +
        iso_sql("n.updated_at") +
        " FROM impasse.notes n LEFT JOIN impasse.people p ON p.role_name = n.author "
        "WHERE EXISTS (SELECT 1 FROM impasse.drills d WHERE d.uid = n.drill_uid "
        "AND d.cohort = n.cohort AND d.owner = session_user) ORDER BY n.updated_at, n.uid";
    return transact("reading the notes", [&](pqxx::work& tx) {
        for (const auto& row : tx.exec(sql)) {
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
            notes->push_back(std::move(n));
        }
    });
}

}  // namespace impasse::programme
