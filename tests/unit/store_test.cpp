// The trainee's record: permissions, committed turns, rewinds, migrations, refusals.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "impasse/store.h"
#include "store/migrations.h"

namespace fs = std::filesystem;
using impasse::Store;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        char tmpl[] = "/tmp/impasse-store-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(path); }
};

int mode_of(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

impasse::TurnRow turn(int i, const std::string& node, double overall) {
    impasse::TurnRow t;
    t.index = i;
    t.node = node;
    t.input = {{"kind", "option"}, {"response", "r" + std::to_string(i)}};
    t.overall = overall;
    t.record = {{"node", node}, {"i", i}};
    return t;
}

}  // namespace

TEST_CASE("store: the data folder and database are private to the user") {
    TempDir tmp;
    fs::path dir = tmp.path / "data" / "impasse";
    std::string err;
    auto store = Store::open(dir.string(), &err);
    REQUIRE_MESSAGE(store, err);
    CHECK(mode_of(dir) == 0700);
    CHECK(mode_of(dir / "impasse.db") == 0600);
    CHECK(store->schema_version() == impasse::kStoreSchemaVersion);
    CHECK(impasse::store_schema::latest_version() == impasse::kStoreSchemaVersion);
}

TEST_CASE("store: an existing data folder is never chmod-ed; a warning says it is open") {
    TempDir tmp;
    fs::path dir = tmp.path / "shared";
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms(0755));
    std::string err, warning;
    auto store = Store::open(dir.string(), &err, &warning);
    REQUIRE_MESSAGE(store, err);
    CHECK(mode_of(dir) == 0755);
    CHECK(warning.find("other users (mode 0755)") != std::string::npos);
    fs::permissions(dir, fs::perms(0700));
    store = Store::open(dir.string(), &err, &warning);
    REQUIRE_MESSAGE(store, err);
    CHECK(warning.empty());
}

TEST_CASE("store: turns are recorded, rewound and read back in order") {
    TempDir tmp;
    std::string err;
    auto store = Store::open(tmp.path.string(), &err);
    REQUIRE(store);
    auto id = store->begin_drill("daniel-polite-disengagement", "abc123", 42, &err);
    REQUIRE(id);
    for (int i = 0; i < 4; ++i)
        REQUIRE(store->append_turn(*id, turn(i, "n" + std::to_string(i), 50 + i)).empty());
    auto unfinished = store->last_unfinished();
    REQUIRE(unfinished);
    CHECK(unfinished->id == *id);
    CHECK(unfinished->turns == 4);
    CHECK(unfinished->seed == 42);
    CHECK(store->truncate_turns(*id, 2).empty());
    auto turns = store->turns(*id);
    REQUIRE(turns.size() == 2);
    CHECK(turns[1].node == "n1");
    CHECK(turns[1].input["response"] == "r1");
    CHECK(turns[1].overall == doctest::Approx(51));
    CHECK(store->finish_drill(*id, "resolved").empty());
    CHECK_FALSE(store->last_unfinished());
    auto d = store->drill(*id);
    REQUIRE(d);
    CHECK(d->status == "finished");
    CHECK(d->ending == "resolved");
    CHECK(d->mean_score == doctest::Approx(50.5));
}

TEST_CASE("store: a drill open in one Store is refused to another until it is let go") {
    TempDir tmp;
    std::string err;
    auto first = Store::open(tmp.path.string(), &err);
    auto second = Store::open(tmp.path.string(), &err);
    REQUIRE(first);
    REQUIRE(second);
    auto id = first->begin_drill("x", "h", 1, &err);
    REQUIRE(id);
    CHECK(first->lease_drill(*id).empty());  // the holder may ask again
    std::string refused = second->lease_drill(*id);
    CHECK(refused.find("is open in another Impasse") != std::string::npos);
    CHECK(mode_of(tmp.path / "locks") == 0700);
    CHECK(mode_of(tmp.path / "locks" / ("drill-" + std::to_string(*id) + ".lock")) == 0600);
    // Another drill is not affected.
    auto other = second->begin_drill("y", "h", 2, &err);
    REQUIRE(other);
    CHECK_FALSE(first->lease_drill(*other).empty());
    // Closing the holder (as a crash does) lets the drill go.
    first.reset();
    CHECK(second->lease_drill(*id).empty());
    CHECK(second->finish_drill(*id, "resolved").empty());
    auto third = Store::open(tmp.path.string(), &err);
    REQUIRE(third);
    CHECK(third->lease_drill(*id).empty());  // a finished drill's lease was let go
}

TEST_CASE("store: what was committed survives closing without a clean shutdown") {
    TempDir tmp;
    std::string err;
    int64_t id = 0;
    {
        auto store = Store::open(tmp.path.string(), &err);
        REQUIRE(store);
        id = *store->begin_drill("x", "h", 1, &err);
        REQUIRE(store->append_turn(id, turn(0, "a", 70)).empty());
        // A copy of the files as they are now, as if the process had been killed here.
        fs::create_directory(tmp.path / "copy");
        for (const char* f : {"impasse.db", "impasse.db-wal"})
            if (fs::exists(tmp.path / f)) fs::copy_file(tmp.path / f, tmp.path / "copy" / f);
    }
    auto copy = Store::open((tmp.path / "copy").string(), &err);
    REQUIRE_MESSAGE(copy, err);
    auto turns = copy->turns(id);
    REQUIRE(turns.size() == 1);
    CHECK(turns[0].node == "a");
}

TEST_CASE("store: every older schema is upgraded, keeping its data") {
    for (int version = 1; version < impasse::kStoreSchemaVersion; ++version) {
        CAPTURE(version);
        TempDir tmp;
        fs::path db_path = tmp.path / "impasse.db";
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
        for (int step = 1; step <= version; ++step)
            REQUIRE(sqlite3_exec(db, impasse::store_schema::step_sql(step), nullptr, nullptr,
                                 nullptr) == SQLITE_OK);
        std::string setup = "PRAGMA user_version = " + std::to_string(version) +
                            "; INSERT INTO drills (scenario_id, scenario_hash, seed, started_at) "
                            "VALUES ('old', 'h', 7, '2026-01-01T00:00:00.000Z');";
        REQUIRE(sqlite3_exec(db, setup.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
        std::string err;
        auto store = Store::open(tmp.path.string(), &err);
        REQUIRE_MESSAGE(store, err);
        CHECK(store->schema_version() == impasse::kStoreSchemaVersion);
        auto drills = store->drills();
        REQUIRE(drills.size() == 1);
        CHECK(drills[0].scenario_id == "old");
        CHECK(drills[0].distress == -1);
        CHECK(store->set_distress(drills[0].id, 6).empty());
        int64_t demo = 0;
        CHECK(store->save_demo(&demo, "old", "{}").empty());
        CHECK(demo > 0);
    }
}

namespace {

bool looks_like_uuid4(const std::string& u) {
    if (u.size() != 36 || u[8] != '-' || u[13] != '-' || u[18] != '-' || u[23] != '-') return false;
    if (u[14] != '4' || std::string("89ab").find(u[19]) == std::string::npos) return false;
    for (size_t i = 0; i < u.size(); ++i)
        if (i != 8 && i != 13 && i != 18 && i != 23 &&
            std::string("0123456789abcdef").find(u[i]) == std::string::npos)
            return false;
    return true;
}

}  // namespace

TEST_CASE("store: a schema-4 record gains laptop ids for every row, and new rows get their own") {
    TempDir tmp;
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((tmp.path / "impasse.db").c_str(), &db) == SQLITE_OK);
    for (int step = 1; step <= 4; ++step)
        REQUIRE(sqlite3_exec(db, impasse::store_schema::step_sql(step), nullptr, nullptr,
                             nullptr) == SQLITE_OK);
    const char* old_rows =
        "PRAGMA user_version = 4;"
        "INSERT INTO drills (id, scenario_id, scenario_hash, seed, started_at) VALUES "
        "(1, 'a', 'h', 1, '2026-01-01T00:00:00.000Z'), (2, 'b', 'h', 2, "
        "'2026-01-02T00:00:00.000Z');"
        "INSERT INTO turns (drill_id, idx, node, input, record, created_at) VALUES "
        "(1, 0, 'n0', '{}', '{}', 't'), (1, 1, 'n1', '{}', '{}', 't'), (2, 0, 'm0', '{}', '{}', "
        "'t');"
        "INSERT INTO checkins (drill_id, turn, feelings, intensity, urges, created_at) VALUES "
        "(1, 0, '[\"irritated\"]', 5, '[]', 't');"
        "INSERT INTO journal (drill_id, text, created_at) VALUES (1, 'old note', 't');";
    REQUIRE(sqlite3_exec(db, old_rows, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);

    std::string err;
    auto store = Store::open(tmp.path.string(), &err);
    REQUIRE_MESSAGE(store, err);
    CHECK(store->schema_version() == impasse::kStoreSchemaVersion);
    std::set<std::string> seen;
    auto drills = store->drills();
    REQUIRE(drills.size() == 2);
    for (const auto& d : drills) {
        CHECK(looks_like_uuid4(d.uid));
        seen.insert(d.uid);
        for (const auto& t : store->turns(d.id)) {
            CHECK(looks_like_uuid4(t.uid));
            seen.insert(t.uid);
        }
    }
    auto checkins = store->checkins();
    REQUIRE(checkins.size() == 1);
    CHECK(looks_like_uuid4(checkins[0].uid));
    seen.insert(checkins[0].uid);
    auto journal = store->journal();
    REQUIRE(journal.size() == 1);
    CHECK(journal[0].text == "old note");
    CHECK(looks_like_uuid4(journal[0].uid));
    seen.insert(journal[0].uid);
    CHECK(seen.size() == 7);  // 2 drills + 3 turns + 1 check-in + 1 journal entry, all distinct

    // A drill recorded now gets its id at once, and keeps it when reopened.
    auto id = store->begin_drill("c", "h", 3, &err);
    REQUIRE(id);
    REQUIRE(store->append_turn(*id, turn(0, "x", 60)).empty());
    std::string drill_uid = store->drill(*id)->uid;
    std::string turn_uid = store->turns(*id)[0].uid;
    CHECK(looks_like_uuid4(drill_uid));
    CHECK(looks_like_uuid4(turn_uid));
    CHECK(seen.count(drill_uid) == 0);
    impasse::JournalEntry e;
    e.drill_id = *id;
    e.text = "new";
    REQUIRE(store->add_journal(e).empty());
    CHECK(looks_like_uuid4(e.uid));
    // A rewound turn is gone; its replacement is a new turn with a new id.
    REQUIRE(store->truncate_turns(*id, 0).empty());
    REQUIRE(store->append_turn(*id, turn(0, "y", 40)).empty());
    CHECK(store->turns(*id)[0].uid != turn_uid);
    store.reset();
    store = Store::open(tmp.path.string(), &err);
    REQUIRE(store);
    CHECK(store->drill(*id)->uid == drill_uid);

    // The export carries them, and references drills by them.
    auto x = store->export_all();
    CHECK(x["format"] == "impasse-data/2");
    CHECK(x["drills"][0]["uid"] == drills[0].uid);
    CHECK(x["drills"][0]["turns"][0]["uid"] == store->turns(drills[0].id)[0].uid);
    CHECK(x["checkins"][0]["drill_uid"] == drills[0].uid);
    CHECK(x["journal"][0]["uid"] == journal[0].uid);
}

TEST_CASE("store: a database from a newer Impasse is refused and left alone") {
    TempDir tmp;
    fs::path db_path = tmp.path / "impasse.db";
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE drills (id INTEGER); PRAGMA user_version = 99;", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    std::string before = slurp(db_path);
    std::string err;
    CHECK_FALSE(Store::open(tmp.path.string(), &err));
    CHECK(err.find("newer Impasse") != std::string::npos);
    CHECK(slurp(db_path) == before);
}

TEST_CASE("store: a file that is not a database is reported and never overwritten") {
    TempDir tmp;
    fs::path db_path = tmp.path / "impasse.db";
    {
        std::ofstream out(db_path, std::ios::binary);
        out << "these are my notes, not a database\n";
    }
    std::string before = slurp(db_path);
    std::string err;
    CHECK_FALSE(Store::open(tmp.path.string(), &err));
    CHECK(err.find("not an SQLite database") != std::string::npos);
    CHECK(err.find(db_path.string()) != std::string::npos);
    CHECK(slurp(db_path) == before);
}

TEST_CASE("store: a damaged SQLite file is reported and never overwritten") {
    TempDir tmp;
    {
        std::string err;
        auto store = Store::open(tmp.path.string(), &err);
        REQUIRE(store);
        auto id = store->begin_drill("x", "h", 1, &err);
        for (int i = 0; i < 50; ++i)
            store->append_turn(*id, turn(i, std::string(300, 'n'), 1));
    }
    fs::path db_path = tmp.path / "impasse.db";
    {
        std::fstream f(db_path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(100);
        std::string junk(3000, '\x5a');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    std::string before = slurp(db_path);
    std::string err;
    CHECK_FALSE(Store::open(tmp.path.string(), &err));
    CHECK(!err.empty());
    CHECK(slurp(db_path) == before);
}

TEST_CASE("store: check-ins, journal, self-ratings, settings, export and delete") {
    TempDir tmp;
    std::string err;
    auto store = Store::open(tmp.path.string(), &err);
    REQUIRE(store);
    auto id = *store->begin_drill("x", "h", 3, &err);
    impasse::CheckIn c;
    c.drill_id = id;
    c.turn = 2;
    c.feelings = {"irritated", "defensive"};
    c.intensity = 7;
    c.urges = {"defend"};
    c.body = "jaw tight";
    REQUIRE(store->add_checkin(c).empty());
    CHECK(c.id > 0);
    c.intensity = 11;
    CHECK_FALSE(store->add_checkin(c).empty());
    impasse::JournalEntry j;
    j.drill_id = id;
    j.text = "I wanted to explain myself again.";
    REQUIRE(store->add_journal(j).empty());
    REQUIRE(store->add_self_rating({id, "non_defensive", 0.4, ""}).empty());
    REQUIRE(store->set_setting("theme", "light").empty());
    CHECK(store->setting("theme") == std::optional<std::string>("light"));

    auto all = store->export_all();
    CHECK(all["drills"].size() == 1);
    CHECK(all["checkins"][0]["feelings"][1] == "defensive");
    CHECK(all["checkins"][0]["body"] == "jaw tight");
    CHECK(all["journal"][0]["text"] == "I wanted to explain myself again.");
    CHECK(all["self_ratings"][0]["principle"] == "non_defensive");
    CHECK(all["settings"]["theme"] == "light");

    REQUIRE(store->delete_all().empty());
    auto empty = store->export_all();
    CHECK(empty["drills"].empty());
    CHECK(empty["checkins"].empty());
    CHECK(empty["journal"].empty());
    CHECK(slurp(tmp.path / "impasse.db").find("jaw tight") == std::string::npos);
}
