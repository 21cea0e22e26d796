#include "targets.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "cli/score_common.h"
#include "impasse/audience.h"
#include "impasse/paths.h"
#include "impasse/rubric.h"
#include "impasse/rubric_scorer.h"
#include "impasse/scenario_loader.h"
#include "impasse/session.h"
#include "impasse/text.h"
#include "impasse/transcript.h"

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

Target find(std::string_view name) {
    if (name == "scenario_loader") return scenario_loader;
    if (name == "rubric_loader") return rubric_loader;
    if (name == "transcript") return transcript;
    if (name == "score_text") return score_text;
    if (name == "score_jsonl") return score_jsonl;
    if (name == "audience_request") return audience_request;
    return nullptr;
}

}  // namespace impasse::fuzz
