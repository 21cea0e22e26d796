#include "targets.h"

#include <sqlite3.h>
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/score_common.h"
#include "impasse/audience.h"
#include "impasse/json_write.h"
#include "impasse/paths.h"
#include "impasse/report.h"
#include "impasse/rubric.h"
#include "impasse/rubric_scorer.h"
#include "impasse/scenario_loader.h"
#include "impasse/session.h"
#include "impasse/store.h"
#include "impasse/text.h"
#include "impasse/transcript.h"
#include "impasse/xapi.h"

namespace impasse::fuzz {
namespace {

std::string_view bytes(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Built once: the bundled rubric and library (IMPASSE_DATA_ROOT or the install). Without them
// there is nothing meaningful to fuzz, so say so and stop.
const Scorer& scorer() {
    static std::unique_ptr<Scorer> s = [] {
        std::string error;
        auto p = make_default_scorer(&error);
        if (!p) {
            std::fprintf(stderr, "fuzz: no rubric (%s); set IMPASSE_DATA_ROOT\n", error.c_str());
            std::abort();
        }
        return p;
    }();
    return *s;
}

const Library& library() {
    static Library lib = load_library({paths::bundled_scenarios()});
    return lib;
}

}  // namespace

int scenario_loader(const uint8_t* data, size_t size) {
    LoadResult r = load_scenario_text(bytes(data, size), "fuzz.yaml");
    if (r.scenario) {
        // A scenario that loads must also run: a few steps, choosing the first option.
        Session s(r.scenario, 1, &scorer());
        for (int i = 0; i < 6 && !s.at_end(); ++i) {
            auto options = s.available();
            if (!options.empty())
                s.choose(options.front()->id);
            else
                s.say("I wonder what is happening between us right now.");
        }
        (void)transcript_json(s);
    }
    return 0;
}

int rubric_loader(const uint8_t* data, size_t size) {
    RubricLoad r = load_rubric_text(bytes(data, size), "fuzz-rubric.yaml");
    if (r.rubric) {
        RubricScorer s(r.rubric);
        Moment m;
        (void)s.score_text("I think I pushed too hard, and I wonder what that was like for you.",
                           m);
    }
    return 0;
}

int transcript(const uint8_t* data, size_t size) {
    ParsedTranscript t = parse_transcript(bytes(data, size), "fuzz.json");
    if (!t.diagnostics.empty()) return 0;
    // A transcript that parses is replayed against its case when the library has it.
    for (const ScenarioPtr& sc : library().scenarios)
        if (sc->id == t.snapshot.scenario) (void)replay(t, sc, &scorer());
    return 0;
}

int score_text(const uint8_t* data, size_t size) {
    std::string text(bytes(data, size));
    Moment m;
    (void)scorer().score_text(text, m);
    return 0;
}

int score_jsonl(const uint8_t* data, size_t size) {
    std::string line(bytes(data, size));
    (void)cli::score_line(scorer(), line);
    return 0;
}

int audience_request(const uint8_t* data, size_t size) {
    // The bytes as each field a phone sends: the room code, a voter id, an option, an answer.
    // An accepted answer must come back valid UTF-8, non-empty and within the limit; the views
    // that carry it must dump without throwing.
    std::string_view input = bytes(data, size);
    static std::unique_ptr<AudienceRoom> room = [] {
        std::string error;
        auto r = AudienceRoom::create(nullptr, AudienceLimits{}, &error);
        if (!r) std::abort();
        return r;
    }();
    static std::string voter = [] {
        std::string id;
        if (room->new_voter("10.0.0.1", &id) != AudienceError::none) std::abort();
        return id;
    }();
    // A fresh moment each run, open for votes and answers: the room's stores stay small.
    AudienceMoment m;
    m.patient = "I don't know why I keep coming here.";
    m.options = {{"A", "You sound unsure.", "notice"}, {"B", "Go on.", "push_on"}};
    room->set_moment(m);
    (void)room->open();
    (void)room->allow_answers(true);
    (void)room->check_code(input);
    (void)room->check_token(input);
    (void)room->known_voter(input);
    (void)room->allow(input);
    std::string clean;
    AudienceError e = audience::check_answer(input, room->limits().max_answer_bytes, &clean);
    if (e == AudienceError::none &&
        (clean.empty() || clean.size() > input.size() || !text::valid_utf8(clean)))
        std::abort();
    (void)room->vote(voter, input);
    (void)room->answer(voter, input);
    (void)room->voter_view(voter).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    (void)room->presenter_view().dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    return 0;
}

int stored_record(const uint8_t* data, size_t size) {
    // A record whose text columns hold whatever a failing disk or a hand edit left there: the
    // bytes, cut at 0x1F, become a turn's answer and scoring record (JSON columns), its node
    // id and the drill's pause note, written with SQLite directly (the Store never writes such
    // values). Every export must then be made without a crash or an escaped exception, and
    // name the damage (Store::damage) rather than throw.
    struct Record {
        std::string dir;
        std::unique_ptr<Store> store;
        sqlite3* raw = nullptr;
        int64_t drill = 0;
    };
    static Record r = [] {
        Record x;
        char tmpl[] = "/tmp/impasse-fuzz-record-XXXXXX";
        if (!mkdtemp(tmpl)) std::abort();
        x.dir = tmpl;
        static std::string to_remove = x.dir;
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(to_remove, ec);
        });
        std::string error;
        x.store = Store::open(x.dir, &error);
        if (!x.store) std::abort();
        auto id = x.store->begin_drill("nadia-this-isnt-working", "0", 7, &error);
        if (!id) std::abort();
        x.drill = *id;
        TurnRow t;
        t.node = "opening";
        t.input = {{"kind", "text"}, {"text", "I hear you."}};
        t.record = nlohmann::json::object();
        if (!x.store->append_turn(x.drill, t).empty()) std::abort();
        if (sqlite3_open((x.dir + "/impasse.db").c_str(), &x.raw) != SQLITE_OK) std::abort();
        sqlite3_busy_timeout(x.raw, 5000);
        return x;
    }();
    std::string_view in = bytes(data, size);
    std::string_view part[4];
    for (int i = 0; i < 3; ++i) {
        size_t cut = in.find('\x1f');
        part[i] = in.substr(0, cut);
        in = cut == std::string_view::npos ? std::string_view() : in.substr(cut + 1);
    }
    part[3] = in;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(r.raw, "UPDATE turns SET input = ?1, record = ?2, node = ?3", -1, &st,
                       nullptr);
    for (int i = 0; i < 3; ++i)
        sqlite3_bind_text(st, i + 1, part[i].data(), static_cast<int>(part[i].size()),
                          SQLITE_TRANSIENT);
    sqlite3_step(st);
    sqlite3_finalize(st);
    sqlite3_prepare_v2(r.raw, "UPDATE drills SET pause_note = ?1", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, part[3].data(), static_cast<int>(part[3].size()), SQLITE_TRANSIENT);
    sqlite3_step(st);
    sqlite3_finalize(st);

    std::vector<std::string> damage = r.store->damage();
    // Bytes the fuzzer wrote into a JSON column that no longer parse must be named.
    auto turns = r.store->turns(r.drill);
    if (turns.size() != 1) std::abort();
    if (!turns[0].damaged.empty() && damage.empty()) std::abort();
    (void)json_out::write(r.store->export_all(), 2);
    ReportData report = collect_report(*r.store, {}, nullptr);
    (void)render_report_html(report);
    (void)json_out::write(render_report_json(report), 2);
    (void)render_report_csv(report);
    (void)json_out::write(xapi_statements(report, XapiActor{}), 2);
    return 0;
}

Target find(std::string_view name) {
    if (name == "scenario_loader") return scenario_loader;
    if (name == "rubric_loader") return rubric_loader;
    if (name == "transcript") return transcript;
    if (name == "score_text") return score_text;
    if (name == "score_jsonl") return score_jsonl;
    if (name == "audience_request") return audience_request;
    if (name == "stored_record") return stored_record;
    return nullptr;
}

}  // namespace impasse::fuzz
