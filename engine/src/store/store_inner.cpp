// Inner skills (check-ins, journal, self-ratings), settings, export and deletion.
#include "impasse/json_read.h"
#include "impasse/json_write.h"
#include "impasse/store.h"
#include "store/sql.h"

#include <map>

namespace impasse {
namespace {

std::vector<std::string> string_list(const std::string& json_text) {
    std::vector<std::string> out;
    auto j = json_in::parse(json_text);
    if (j.is_array())
        for (const auto& x : j)
            if (x.is_string()) out.push_back(x.get<std::string>());
    return out;
}

}  // namespace

std::string Store::add_checkin(CheckIn& c) {
    if (c.intensity < 0 || c.intensity > 10) return "intensity must be 0..10";
    c.created_at = now_iso8601();
    sql::Stmt s(
        db_,
        "INSERT INTO checkins (drill_id, turn, feelings, intensity, urges, body, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (c.drill_id > 0)
        s.bind(1, c.drill_id);
    else
        s.bind_null(1);
    s.bind(2, c.turn).bind(3, json_out::write(nlohmann::json(c.feelings))).bind(4, c.intensity);
    s.bind(5, json_out::write(nlohmann::json(c.urges))).bind(6, c.body).bind(7, c.created_at);
    if (std::string e = s.run(); !e.empty()) return "cannot record the check-in: " + e;
    c.id = sqlite3_last_insert_rowid(db_);
    sql::Stmt u(db_, "SELECT uid FROM checkins WHERE id = ?");
    u.bind(1, c.id);
    if (u.step()) c.uid = u.text(0);
    return "";
}

std::vector<CheckIn> Store::checkins(int64_t drill_id) const {
    sql::Stmt s(db_,
                "SELECT id, COALESCE(drill_id, 0), COALESCE(turn, -1), feelings, intensity, urges, "
                "body, created_at, COALESCE(uid, '') "
                "FROM checkins WHERE ?1 = 0 OR drill_id = ?1 ORDER BY id");
    s.bind(1, drill_id);
    std::vector<CheckIn> out;
    while (s.step()) {
        CheckIn c;
        c.id = s.i64(0);
        c.drill_id = s.i64(1);
        c.turn = s.i32(2);
        c.feelings = string_list(s.text(3));
        c.intensity = s.i32(4);
        c.urges = string_list(s.text(5));
        c.body = s.text(6);
        c.created_at = s.text(7);
        c.uid = s.text(8);
        out.push_back(std::move(c));
    }
    return out;
}

std::string Store::add_journal(JournalEntry& e) {
    e.created_at = now_iso8601();
    sql::Stmt s(db_, "INSERT INTO journal (drill_id, node, text, created_at) VALUES (?, ?, ?, ?)");
    if (e.drill_id > 0)
        s.bind(1, e.drill_id);
    else
        s.bind_null(1);
    s.bind(2, e.node).bind(3, e.text).bind(4, e.created_at);
    if (std::string err = s.run(); !err.empty()) return "cannot record the journal entry: " + err;
    e.id = sqlite3_last_insert_rowid(db_);
    sql::Stmt u(db_, "SELECT uid FROM journal WHERE id = ?");
    u.bind(1, e.id);
    if (u.step()) e.uid = u.text(0);
    return "";
}

std::vector<JournalEntry> Store::journal(int64_t drill_id) const {
    sql::Stmt s(db_,
                "SELECT id, COALESCE(drill_id, 0), node, text, created_at, COALESCE(uid, '') FROM "
                "journal WHERE ?1 = "
                "0 OR drill_id = ?1 "
                "ORDER BY id");
    s.bind(1, drill_id);
    std::vector<JournalEntry> out;
    while (s.step())
        out.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5)});
    return out;
}

std::string Store::add_self_rating(const SelfRating& r) {
    sql::Stmt s(db_,
                "INSERT OR REPLACE INTO self_ratings (drill_id, principle, rating, created_at) "
                "VALUES (?, ?, ?, ?)");
    s.bind(1, r.drill_id)
        .bind(2, r.principle)
        .bind(3, r.rating)
        .bind(4, r.created_at.empty() ? now_iso8601() : r.created_at);
    return s.run();
}

std::vector<SelfRating> Store::self_ratings() const {
    sql::Stmt s(db_,
                "SELECT drill_id, principle, rating, created_at FROM self_ratings ORDER BY "
                "created_at, drill_id");
    std::vector<SelfRating> out;
    while (s.step())
        out.push_back({s.i64(0), s.text(1), s.dbl(2), s.text(3)});
    return out;
}

std::string Store::set_setting(const std::string& key, const std::string& value) {
    sql::Stmt s(db_, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)");
    s.bind(1, key).bind(2, value);
    return s.run();
}

std::optional<std::string> Store::setting(const std::string& key) const {
    sql::Stmt s(db_, "SELECT value FROM settings WHERE key = ?");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

nlohmann::json Store::export_all() const {
    using nlohmann::json;
    json out = {{"format", "impasse-data/2"},
                {"exported_at", now_iso8601()},
                {"schema_version", schema_version()},
                {"damaged", damage()}};
    json drills_j = json::array();
    for (const auto& d : drills()) {
        json turns_j = json::array();
        for (const auto& t : turns(d.id)) {
            turns_j.push_back({{"uid", t.uid},
                               {"index", t.index},
                               {"node", t.node},
                               {"input", t.input},
                               {"overall", t.overall},
                               {"record", t.record},
                               {"created_at", t.created_at}});
            if (!t.damaged.empty()) turns_j.back()["damaged"] = t.damaged;
        }
        drills_j.push_back({{"id", d.id},
                            {"uid", d.uid},
                            {"scenario", d.scenario_id},
                            {"scenario_hash", d.scenario_hash},
                            {"seed", d.seed},
                            {"started_at", d.started_at},
                            {"ended_at", d.ended_at},
                            {"ending", d.ending},
                            {"status", d.status},
                            {"distress", d.distress},
                            {"pause_note", d.pause_note},
                            {"turns", turns_j}});
    }
    out["drills"] = drills_j;
    // The laptop id of each local drill id, for the references below.
    std::map<int64_t, std::string> drill_uid;
    for (const auto& d : drills())
        drill_uid[d.id] = d.uid;
    auto uid_of = [&drill_uid](int64_t id) {
        auto it = drill_uid.find(id);
        return it == drill_uid.end() ? std::string() : it->second;
    };
    json c = json::array();
    for (const auto& x : checkins())
        c.push_back({{"id", x.id},
                     {"uid", x.uid},
                     {"drill", x.drill_id},
                     {"drill_uid", uid_of(x.drill_id)},
                     {"turn", x.turn},
                     {"feelings", x.feelings},
                     {"intensity", x.intensity},
                     {"urges", x.urges},
                     {"body", x.body},
                     {"created_at", x.created_at}});
    out["checkins"] = c;
    json j = json::array();
    for (const auto& x : journal())
        j.push_back({{"id", x.id},
                     {"uid", x.uid},
                     {"drill", x.drill_id},
                     {"drill_uid", uid_of(x.drill_id)},
                     {"node", x.node},
                     {"text", x.text},
                     {"created_at", x.created_at}});
    out["journal"] = j;
    json r = json::array();
    for (const auto& x : self_ratings())
        r.push_back({{"drill", x.drill_id},
                     {"drill_uid", uid_of(x.drill_id)},
                     {"principle", x.principle},
                     {"rating", x.rating},
                     {"created_at", x.created_at}});
    out["self_ratings"] = r;
    json demos_j = json::array();
    for (const auto& d : demos()) {
        json record = json_in::parse(d.record);
        demos_j.push_back({{"id", d.id},
                           {"scenario", d.scenario_id},
                           {"started_at", d.started_at},
                           {"updated_at", d.updated_at},
                           {"record", record.is_discarded() ? json(d.record) : record}});
    }
    out["demos"] = demos_j;
    json spot_j = json::array();
    for (const auto& s : spottings()) {
        json flags = json_in::parse(s.flags);
        json result = json_in::parse(s.result);
        spot_j.push_back({{"id", s.id},
                          {"scenario", s.scenario_id},
                          {"created_at", s.created_at},
                          {"flags", flags.is_discarded() ? json(s.flags) : flags},
                          {"result", result.is_discarded() ? json(s.result) : result}});
    }
    out["spotting"] = spot_j;
    json s = json::object();
    sql::Stmt st(db_, "SELECT key, value FROM settings ORDER BY key");
    while (st.step())
        s[st.text(0)] = st.text(1);
    out["settings"] = s;
    json shares_j = json::array();
    for (const auto& x : shares())
        shares_j.push_back({{"drill_uid", x.drill_uid},
                            {"cohort", x.cohort},
                            {"include_inner", x.include_inner},
                            {"wanted", x.wanted},
                            {"changed_at", x.changed_at},
                            {"pushed_at", x.pushed_at}});
    json notes_j = json::array();
    for (const auto& n : programme_notes())
        notes_j.push_back({{"uid", n.uid},
                           {"drill_uid", n.drill_uid},
                           {"turn_uid", n.turn_uid},
                           {"cohort", n.cohort},
                           {"author", n.author},
                           {"text", n.text},
                           {"overall", n.overall},
                           {"principles", n.principles},
                           {"updated_at", n.updated_at}});
    json assignments_j = json::array();
    for (const auto& a : programme_assignments()) {
        json moments = json::array();
        for (const auto& m : a.moments)
            moments.push_back({{"scenario", m.scenario}, {"hash", m.hash}});
        assignments_j.push_back({{"uid", a.uid},
                                 {"cohort", a.cohort},
                                 {"title", a.title},
                                 {"scenario", a.scenario},
                                 {"assessment", a.assessment},
                                 {"seed", a.assessment ? json(a.seed) : json(nullptr)},
                                 {"scenario_hash", a.scenario_hash},
                                 {"scorer_version", a.scorer_version},
                                 {"due", a.due},
                                 {"created_by", a.created_by},
                                 {"moments", moments},
                                 {"played", a.played},
                                 {"status", a.status},
                                 {"drill_uid", a.drill_uid}});
    }
    out["programme"] = {{"shares", shares_j}, {"notes", notes_j}, {"assignments", assignments_j}};
    return out;
}

std::string Store::delete_all() {
    std::string e =
        sql::exec(db_,
                  "BEGIN IMMEDIATE; DELETE FROM programme_notes; DELETE FROM programme_shares; "
                  "DELETE FROM programme_assignments; "
                  "DELETE FROM spotting; DELETE FROM demos; DELETE FROM self_ratings; "
                  "DELETE FROM checkins; "
                  "DELETE FROM journal; "
                  "DELETE FROM turns; DELETE FROM drills; DELETE FROM settings; COMMIT;");
    if (!e.empty()) {
        sql::exec(db_, "ROLLBACK");
        return e;
    }
    // Overwrite freed pages so deleted text does not linger in the file.
    sql::exec(db_, "PRAGMA wal_checkpoint(TRUNCATE)");
    return sql::exec(db_, "VACUUM");
}

}  // namespace impasse
