// Sync against an in-memory programme server: what is sent (the final path, inner skills only
// when included), what is not sent again, a lost connection mid-outbox, withdrawals, and the
// notes pulled back. The real server's side (RLS, transactions, faults) is
// tests/scripts/programme_pg.sh.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "impasse/programme_sync.h"

namespace fs = std::filesystem;
using namespace impasse;
using namespace impasse::programme;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        char tmpl[] = "/tmp/impasse-sync-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(path); }
};

// Holds copies by (drill uid, cohort); `lose_after` pushes in, the connection drops.
class MemoryServer final : public Server {
  public:
    std::map<std::pair<std::string, std::string>, SharedDrill> copies;
    std::vector<ProgrammeNote> notes;
    int pushes = 0;
    int lose_after = -1;
    bool lost = false;
    std::string refuse_cohort;

    bool connected() const override { return !lost; }
    std::string init(const std::string&, bool*) override { return "no"; }
    std::string add_cohort(const std::string&, const std::string&) override { return "no"; }
    std::string add_person(const std::string&, const std::string&, const std::string&,
                           const std::string&) override {
        return "no";
    }
    std::string join_cohort(const std::string&, const std::string&, const std::string&) override {
        return "no";
    }
    std::string set_password(const std::string&, const std::string&) override { return "no"; }
    std::string push(const SharedDrill& d) override {
        if (lost || pushes == lose_after) {
            lost = true;
            return "connection lost";
        }
        if (d.cohort == refuse_cohort) return "not a trainee of " + d.cohort;
        ++pushes;
        copies[{d.drill.uid, d.cohort}] = d;
        return "";
    }
    std::string withdraw(const std::string& uid, const std::string& cohort) override {
        if (lost) return "connection lost";
        copies.erase({uid, cohort});
        return "";
    }
    std::string pull_notes(std::vector<ProgrammeNote>* out) override {
        if (lost) return "connection lost";
        *out = notes;
        return "";
    }
    std::string cohort_drills(const std::string&, const CohortPage&,
                              std::vector<CohortDrill>*) override {
        return "no";
    }
    std::string drill_turns(const std::string&, const std::string&, std::vector<SharedTurn>*,
                            std::vector<ProgrammeNote>*) override {
        return "no";
    }
    std::string add_note(const NoteDraft&, std::string*) override { return "no"; }
    std::string cohort_ratings(const std::string&, std::vector<agreement::TurnRating>*) override {
        return "no";
    }
    std::string add_assignment(const AssignmentDraft&, std::string*) override { return "no"; }
    std::string delete_assignment(const std::string&) override { return "no"; }
    std::string assignment_progress(const std::string&, std::vector<AssignmentProgress>*) override {
        return "no";
    }
    std::vector<ProgrammeAssignment> assignments;
    std::map<std::string, std::string> statuses;
    std::string pull_assignments(std::vector<ProgrammeAssignment>* out) override {
        if (lost) return "connection lost";
        *out = assignments;
        return "";
    }
    std::string push_assignment_status(const std::string& uid, const std::string& status) override {
        if (lost) return "connection lost";
        statuses[uid] = status;
        return "";
    }
};

// A finished drill with `n` answered turns and one check-in; returns its id.
int64_t drill_with_turns(Store& store, int n) {
    auto id = store.begin_drill("nadia-this-isnt-working", "hash", 3, nullptr);
    REQUIRE(id);
    for (int i = 0; i < n; ++i) {
        TurnRow t;
        t.index = i;
        t.node = "n" + std::to_string(i);
        t.input = {{"kind", "text"}, {"text", "answer " + std::to_string(i)}};
        t.overall = 50 + i;
        t.record = {{"i", i}};
        REQUIRE(store.append_turn(*id, t).empty());
    }
    CheckIn c;
    c.drill_id = *id;
    c.turn = 0;
    c.feelings = {"irritated"};
    c.intensity = 6;
    REQUIRE(store.add_checkin(c).empty());
    REQUIRE(store.finish_drill(*id, "resolved").empty());
    return *id;
}

}  // namespace

TEST_CASE("programme sync: the final path goes up once; inner skills only when included") {
    TempDir tmp;
    auto store = Store::open(tmp.path.string(), nullptr);
    REQUIRE(store);
    int64_t a = drill_with_turns(*store, 3);
    int64_t b = drill_with_turns(*store, 2);
    REQUIRE(store->truncate_turns(a, 2).empty());  // rewound: turn 2 is off the final path
    std::string ua = store->drill(a)->uid, ub = store->drill(b)->uid;
    REQUIRE(store->share_drill(ua, "c1", false).empty());
    REQUIRE(store->share_drill(ub, "c1", true).empty());

    MemoryServer server;
    SyncReport r;
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(r.pushed == 2);
    const SharedDrill& ca = server.copies.at({ua, "c1"});
    CHECK(ca.turns.size() == 2);
    CHECK(ca.checkins.empty());
    CHECK(ca.drill.distress == -1);
    const SharedDrill& cb = server.copies.at({ub, "c1"});
    CHECK(cb.checkins.size() == 1);
    CHECK(cb.turns[1].uid == store->turns(b)[1].uid);

    // Nothing changed: nothing is sent again.
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(r.pushed == 0);
    CHECK(r.unchanged == 2);
    CHECK(server.pushes == 2);

    // Changed offline (now with its check-ins): sent again.
    REQUIRE(store->share_drill(ua, "c1", true).empty());
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(r.pushed == 1);
    CHECK(server.copies.at({ua, "c1"}).checkins.size() == 1);
}

TEST_CASE("programme sync: a lost connection stops it; what was not sent waits; refusals go on") {
    TempDir tmp;
    auto store = Store::open(tmp.path.string(), nullptr);
    REQUIRE(store);
    std::vector<std::string> uids;
    for (int i = 0; i < 3; ++i) {
        uids.push_back(store->drill(drill_with_turns(*store, 1))->uid);
        REQUIRE(store->share_drill(uids.back(), "c1", false).empty());
    }
    MemoryServer server;
    server.lose_after = 1;
    SyncReport r;
    CHECK_FALSE(sync(*store, server, &r).empty());
    CHECK(server.copies.size() == 1);
    int waiting = 0;
    for (const auto& s : store->shares())
        waiting += s.pushed_at.empty();
    CHECK(waiting == 2);

    server.lost = false;
    server.lose_after = -1;
    server.refuse_cohort = "c2";
    REQUIRE(store->share_drill(uids[0], "c2", false).empty());
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(r.pushed == 2);
    CHECK(r.unchanged == 1);
    CHECK(r.refused.size() == 1);
    CHECK(server.copies.size() == 3);
}

TEST_CASE("programme sync: notes come back; a withdrawal deletes the copy and leaves the notes") {
    TempDir tmp;
    auto store = Store::open(tmp.path.string(), nullptr);
    REQUIRE(store);
    int64_t a = drill_with_turns(*store, 2);
    std::string ua = store->drill(a)->uid;
    REQUIRE(store->share_drill(ua, "c1", false).empty());
    MemoryServer server;
    SyncReport r;
    REQUIRE(sync(*store, server, &r).empty());
    ProgrammeNote n;
    n.uid = "note-1";
    n.drill_uid = ua;
    n.turn_uid = store->turns(a)[0].uid;
    n.cohort = "c1";
    n.author = "Supervisor One";
    n.text = "You owned your part here.";
    n.overall = 4;
    n.principles = {{"accept_responsibility", 2}};
    server.notes = {n};
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(r.notes == 1);
    auto local = store->programme_notes(ua);
    REQUIRE(local.size() == 1);
    CHECK(local[0].overall == 4);
    CHECK(local[0].principles["accept_responsibility"] == 2);
    CHECK(store->export_all()["programme"]["notes"][0]["text"] == n.text);

    // A note the supervisor deleted goes from the record at the next pull.
    server.notes.clear();
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(store->programme_notes(ua).empty());

    server.notes = {n};
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(store->withdraw_share(ua, "c2") != "");  // never shared there
    REQUIRE(store->withdraw_share(ua, "c1").empty());
    server.notes.clear();  // the server deleted them with the drill
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(r.withdrawn == 1);
    CHECK(server.copies.empty());
    CHECK(store->shares().empty());
    CHECK(store->programme_notes(ua).size() == 1);  // the trainee's copy stays
}

TEST_CASE("programme sync: assignments come back; only their status goes up, once") {
    TempDir tmp;
    auto store = Store::open(tmp.path.string(), nullptr);
    REQUIRE(store);
    MemoryServer server;
    ProgrammeAssignment a;
    a.uid = "asg-1";
    a.cohort = "c1";
    a.title = "Week 3 assessment";
    a.scenario = "nadia-this-isnt-working";
    a.assessment = true;
    a.seed = 18446744073709551615ull;  // the largest seed survives the record's text column
    a.scenario_hash = "b818e23d764e89fa";
    a.scorer_version = "model-1";
    a.due = "2027-03-01";
    ProgrammeAssignment b = a;
    b.uid = "asg-2";
    b.assessment = false;
    b.seed = 0;
    b.due = "";
    server.assignments = {a, b};
    SyncReport r;
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(r.assignments == 2);
    CHECK(r.statuses == 0);
    auto local = store->programme_assignment("asg-1");
    REQUIRE(local);
    CHECK(local->seed == a.seed);
    CHECK(local->scenario_hash == a.scenario_hash);
    CHECK(local->scorer_version == "model-1");
    CHECK(local->status.empty());
    CHECK(store->programme_assignments().front().uid == "asg-1");  // by due date, undated last

    // Playing it: started, then done; each status is sent once; done never goes back.
    REQUIRE(store->set_assignment_status("asg-1", "started", "drill-uid").empty());
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(r.statuses == 1);
    CHECK(server.statuses.at("asg-1") == "started");
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(r.statuses == 0);
    REQUIRE(store->set_assignment_status("asg-1", "done", "").empty());
    REQUIRE(store->set_assignment_status("asg-1", "started", "").empty());
    CHECK(store->programme_assignment("asg-1")->status == "done");
    CHECK(store->programme_assignment("asg-1")->drill_uid == "drill-uid");
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(server.statuses.at("asg-1") == "done");
    CHECK(server.statuses.count("asg-2") == 0);  // never started: nothing about it is sent
    CHECK(store->set_assignment_status("no-such", "started", "") != "");

    // The supervisor deleted one: it goes from the record; the other keeps its status.
    server.assignments = {a};
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(store->programme_assignments().size() == 1);
    CHECK(store->programme_assignment("asg-1")->status == "done");
    CHECK(store->export_all()["programme"]["assignments"][0]["seed"] == a.seed);
}

TEST_CASE("programme sync: a set of moments is done when each moment was played to its end") {
    TempDir tmp;
    auto store = Store::open(tmp.path.string(), nullptr);
    REQUIRE(store);
    MemoryServer server;
    ProgrammeAssignment a;
    a.uid = "set-1";
    a.cohort = "c1";
    a.title = "Two moments";
    a.scenario = "moment-a";
    a.moments = {{"moment-a", "aaaa"}, {"moment-b", "bbbb"}};
    server.assignments = {a};
    SyncReport r;
    REQUIRE(sync(*store, server, &r).empty());
    auto local = store->programme_assignment("set-1");
    REQUIRE(local);
    REQUIRE(local->moments.size() == 2);
    CHECK(local->moments[1].scenario == "moment-b");
    CHECK(local->moments[1].hash == "bbbb");
    CHECK(local->played.empty());

    bool done = true;
    CHECK(store->mark_moment_played("set-1", "moment-c", &done) != "");  // not in the set
    REQUIRE(store->mark_moment_played("set-1", "moment-a", &done).empty());
    CHECK_FALSE(done);
    CHECK(store->programme_assignment("set-1")->status == "started");
    REQUIRE(store->mark_moment_played("set-1", "moment-a", &done).empty());  // again: no change
    CHECK(store->programme_assignment("set-1")->played.size() == 1);
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(server.statuses.at("set-1") == "started");
    REQUIRE(store->mark_moment_played("set-1", "moment-b", &done).empty());
    CHECK(done);
    CHECK(store->programme_assignment("set-1")->status == "done");
    // A pull keeps what was played; the export shows the set.
    REQUIRE(sync(*store, server, &r).empty());
    CHECK(server.statuses.at("set-1") == "done");
    CHECK(store->programme_assignment("set-1")->played.size() == 2);
    auto exported = store->export_all()["programme"]["assignments"][0];
    CHECK(exported["moments"].size() == 2);
    CHECK(exported["played"].size() == 2);
}
