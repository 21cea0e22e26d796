// The workshop's audience room: its secrets, one vote per voter per moment (moving, never
// doubling), results hidden until revealed, typed answers checked, scored and summarised without
// their authors, per-client rate limits, bounds, and exact tallies under concurrent voting.
#include <doctest/doctest.h>

#include <atomic>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "impasse/audience.h"
#include "impasse/demo.h"
#include "impasse/scenario_loader.h"
#include "scorer_fixture.h"

using namespace impasse;

namespace {

AudienceMoment three_options() {
    AudienceMoment m;
    m.patient = "I don't know why I keep coming here.";
    m.cue = "looks at the floor";
    m.options = {{"A", "You sound unsure about this.", "notice"},
                 {"B", "Let's get back to the worksheet.", "push_on"},
                 {"C", "What is it like to say that to me?", "explore"}};
    return m;
}

std::unique_ptr<AudienceRoom> make_room(AudienceLimits limits = {},
                                        AudienceRoom::Clock clock = nullptr,
                                        const Scorer* scorer = nullptr) {
    std::string error;
    auto room = AudienceRoom::create(scorer, limits, &error, std::move(clock));
    REQUIRE_MESSAGE(room, error);
    return room;
}

// A voter on a phone of its own (each call a new address).
std::string voter(AudienceRoom& room) {
    static std::atomic<int> phones{0};
    int n = phones++;
    std::string client = "10.8." + std::to_string(n / 250) + "." + std::to_string(n % 250);
    std::string id;
    REQUIRE(room.new_voter(client, &id) == AudienceError::none);
    return id;
}

int count_of(const AudienceResults& r, const std::string& id) {
    for (const auto& [option, n] : r.counts)
        if (option == id) return n;
    FAIL("no option " << id);
    return -1;
}

}  // namespace

TEST_CASE("audience: the room's code and token are random, well-formed and checked") {
    auto a = make_room();
    auto b = make_room();
    CHECK(a->code().size() == 6);
    for (char c : a->code())
        CHECK(audience::kCodeAlphabet.find(c) != std::string_view::npos);
    CHECK(audience::valid_hex_id(a->token()));
    CHECK(a->token() != b->token());

    std::string lower = a->code();
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(a->check_code(a->code()));
    CHECK(a->check_code(" " + lower + " "));
    CHECK_FALSE(a->check_code(""));
    CHECK_FALSE(a->check_code(a->code().substr(0, 5)));
    CHECK_FALSE(a->check_code(a->code() + "X"));
    std::string other = a->code();
    other[0] = other[0] == 'A' ? 'B' : 'A';
    CHECK_FALSE(a->check_code(other));

    CHECK(a->check_token(a->token()));
    CHECK_FALSE(a->check_token(b->token()));
    CHECK_FALSE(a->check_token(""));
    CHECK_FALSE(a->check_token(a->token().substr(1)));

    // Many codes: every alphabet position is reachable and none outside it ever appears.
    std::set<char> seen;
    for (int i = 0; i < 60; ++i) {
        std::string code = make_room()->code();  // (the room is gone after this line)
        seen.insert(code.begin(), code.end());
    }
    CHECK(seen.size() > 20);
    CHECK(seen.count('0') == 0);
    CHECK(seen.count('O') == 0);
    CHECK(seen.count('1') == 0);
    CHECK(seen.count('I') == 0);
}

TEST_CASE("audience: one vote per voter per moment; voting again moves it") {
    auto room = make_room();
    std::string v1 = voter(*room), v2 = voter(*room);
    CHECK(audience::valid_hex_id(v1));
    CHECK(v1 != v2);

    CHECK(room->vote(v1, "A") == AudienceError::no_moment);
    CHECK(room->open() == AudienceError::no_moment);
    CHECK(room->set_moment(three_options()) == 1);
    CHECK(room->state() == VotingState::closed);
    CHECK(room->vote(v1, "A") == AudienceError::voting_closed);
    // Before voting first opens the room sees the moment but not the choices.
    nlohmann::json before = room->voter_view(v1);
    CHECK(before["moment"]["patient"] == room->presenter_view()["moment"]["patient"]);
    CHECK(before["moment"]["options"].empty());
    CHECK(before["options_hidden"] == true);
    CHECK(room->presenter_view()["moment"]["options"].size() == 3);
    REQUIRE(room->open() == AudienceError::none);
    CHECK(room->voter_view(v1)["options_hidden"] == false);

    CHECK(room->vote(v1, "A") == AudienceError::none);
    CHECK(room->vote(v2, "A") == AudienceError::none);
    CHECK(room->vote(v1, "C") == AudienceError::none);  // changes her mind
    CHECK(room->vote(v1, "C") == AudienceError::none);  // and taps again
    AudienceResults r = room->results();
    CHECK(count_of(r, "A") == 1);
    CHECK(count_of(r, "B") == 0);
    CHECK(count_of(r, "C") == 1);
    CHECK(r.votes == 2);

    // Strict about who and what.
    CHECK(room->vote("0123456789abcdef0123456789abcdef", "A") == AudienceError::unknown_voter);
    CHECK(room->vote("not-a-voter", "A") == AudienceError::unknown_voter);
    CHECK(room->vote(std::string(32, 'A'), "A") == AudienceError::unknown_voter);  // upper case
    CHECK(room->vote(v1, "D") == AudienceError::unknown_option);
    CHECK(room->vote(v1, "a") == AudienceError::unknown_option);
    CHECK(room->vote(v1, "") == AudienceError::unknown_option);
    CHECK(room->vote(v1, "notice") == AudienceError::unknown_option);  // keys are not ids
    CHECK(room->vote(v1, std::string(100000, 'A')) == AudienceError::unknown_option);
    CHECK(room->results().votes == 2);

    // Voters see their own vote, not the tally, until the presenter reveals it.
    nlohmann::json view = room->voter_view(v1);
    CHECK(view["state"] == "open");
    CHECK(view["your_vote"] == "C");
    CHECK_FALSE(view.contains("results"));
    CHECK(view["moment"]["options"].size() == 3);
    CHECK_FALSE(view["moment"]["options"][0].contains("key"));
    CHECK(view.dump().find("notice") == std::string::npos);
    CHECK(room->voter_view(voter(*room))["your_vote"].is_null());

    room->close();
    CHECK(room->vote(v2, "B") == AudienceError::voting_closed);
    CHECK(room->voter_view(v2)["moment"]["options"].size() == 3);  // still shown once opened
    CHECK(count_of(room->results(), "A") == 1);
    REQUIRE(room->reveal() == AudienceError::none);
    room->close();  // a revealed vote stays revealed
    CHECK(room->state() == VotingState::revealed);
    CHECK(room->vote(v2, "B") == AudienceError::voting_closed);
    view = room->voter_view(v2);
    REQUIRE(view.contains("results"));
    CHECK(view["results"]["votes"] == 2);
    CHECK(view["results"]["counts"][2]["id"] == "C");
    CHECK(view["results"]["counts"][2]["votes"] == 1);

    nlohmann::json p = room->presenter_view();
    CHECK(p["room"] == room->code());
    CHECK(p["moment"]["options"][0]["key"] == "notice");
    CHECK(p["results"]["votes"] == 2);
    CHECK(p.dump().find(v1) == std::string::npos);  // no voter ids anywhere

    // A new moment starts afresh: no votes, closed, answers off.
    CHECK(room->set_moment(three_options()) == 2);
    CHECK(room->state() == VotingState::closed);
    CHECK(room->results().votes == 0);
    CHECK(room->voter_view(v1)["your_vote"].is_null());
    REQUIRE(room->open() == AudienceError::none);
    CHECK(room->vote(v1, "B") == AudienceError::none);
    CHECK(count_of(room->results(), "B") == 1);

    // An ending has nothing to vote on.
    AudienceMoment end;
    end.patient = "Goodbye.";
    room->set_moment(end);
    CHECK(room->open() == AudienceError::no_moment);
}

TEST_CASE("audience: typed answers are checked, scored and summarised without their authors") {
    const Scorer& scorer = test::scorer();
    auto room = make_room({}, nullptr, &scorer);
    std::string v1 = voter(*room), v2 = voter(*room), v3 = voter(*room);
    AudienceMoment m = three_options();
    m.where = test::moment("withdrawal");
    room->set_moment(m);
    CHECK(room->answer(v1, "I wonder what it's like for you") ==
          AudienceError::answers_not_allowed);
    REQUIRE(room->allow_answers(true) == AudienceError::none);
    CHECK(room->answer(v1, "I wonder what it's like for you") == AudienceError::voting_closed);
    REQUIRE(room->open() == AudienceError::none);

    CHECK(room->answer(v1, std::string(281, 'a')) == AudienceError::answer_too_long);
    CHECK(room->answer(v1, "   ") == AudienceError::answer_empty);
    CHECK(room->answer(v1, "") == AudienceError::answer_empty);
    CHECK(room->answer(v1, "line\nbreak") == AudienceError::answer_invalid);
    CHECK(room->answer(v1, "tab\there") == AudienceError::answer_invalid);
    CHECK(room->answer(v1, "bad \xC3\x28 bytes") == AudienceError::answer_invalid);
    CHECK(room->answer(v1, "flip \xE2\x80\xAE this") == AudienceError::answer_invalid);
    CHECK(room->answer("0123456789abcdef0123456789abcdef", "hello there") ==
          AudienceError::unknown_voter);
    CHECK(room->results().answers.count == 0);

    const std::string good =
        "  I notice you went quiet when I mentioned the homework, what is that like for you?  ";
    const std::string poor = "You need to do the homework, that is how therapy works.";
    CHECK(room->answer(v1, good) == AudienceError::none);
    CHECK(room->answer(v1, "again") == AudienceError::already_answered);
    CHECK(room->answer(v2, poor) == AudienceError::none);
    CHECK(room->answer(v3, "<script>alert('homework')</script> \xC3\xA5") == AudienceError::none);

    AudienceResults r = room->results();
    CHECK(r.answers.count == 3);
    int in_histogram = 0;
    for (int n : r.answers.histogram)
        in_histogram += n;
    CHECK(in_histogram == 3);
    // The scores are the scorer's own, for the trimmed text.
    double want_good = scorer.score_text(good.substr(2, good.size() - 4), m.where).overall;
    double want_poor = scorer.score_text(poor, m.where).overall;
    REQUIRE(r.answers.texts.size() == 3);
    bool found_good = false;
    for (const auto& [text, score] : r.answers.texts)
        if (text == good.substr(2, good.size() - 4)) {
            found_good = true;
            CHECK(score == doctest::Approx(want_good));
        }
    CHECK(found_good);
    CHECK(want_good > want_poor);
    CHECK(r.answers.texts.front().second >= r.answers.texts.back().second);  // best first
    CHECK(r.answers.mean > 0);
    // "homework" is in all three; common words are left out.
    REQUIRE_FALSE(r.answers.words.empty());
    CHECK(r.answers.words.front().first == "homework");
    CHECK(r.answers.words.front().second == 3);
    for (const auto& [w, n] : r.answers.words) {
        CHECK(w != "you");
        CHECK(w != "the");
    }

    // Voters see the summary on reveal, never the texts; the presenter sees the texts.
    CHECK(room->voter_view(v1)["answered"] == true);
    CHECK(room->voter_view(voter(*room))["answered"] == false);
    room->reveal();
    nlohmann::json view = room->voter_view(v2);
    CHECK(view["results"]["answers"]["count"] == 3);
    CHECK_FALSE(view["results"]["answers"].contains("texts"));
    CHECK(room->presenter_view()["results"]["answers"]["texts"].size() == 3);

    // A new moment forgets the answers and who answered.
    room->set_moment(m);
    CHECK(room->results().answers.count == 0);
    CHECK(room->voter_view(v1)["answered"] == false);
}

TEST_CASE("audience: per-client token buckets and a bound on clients") {
    double now = 1000.0;
    AudienceLimits limits;
    limits.burst = 3;
    limits.rate_per_second = 1;
    limits.max_clients = 2;
    auto room = make_room(limits, [&] { return now; });

    CHECK(room->allow("10.0.0.1") == AudienceError::none);
    CHECK(room->allow("10.0.0.1") == AudienceError::none);
    CHECK(room->allow("10.0.0.1") == AudienceError::none);
    CHECK(room->allow("10.0.0.1") == AudienceError::rate_limited);
    CHECK(room->allow("10.0.0.2") == AudienceError::none);  // others are unaffected
    now += 1.0;
    CHECK(room->allow("10.0.0.1") == AudienceError::none);
    CHECK(room->allow("10.0.0.1") == AudienceError::rate_limited);
    CHECK(room->allow("10.0.0.2") == AudienceError::none);
    CHECK(room->allow("10.0.0.2") == AudienceError::none);

    // A third client while both others are recent: refused rather than growing without bound.
    CHECK(room->allow("10.0.0.3") == AudienceError::room_full);
    // Once the others are idle long enough to be full again, they are forgotten.
    now += 10.0;
    CHECK(room->allow("10.0.0.3") == AudienceError::none);
    CHECK(room->allow("") == AudienceError::bad_request);
    CHECK(room->allow(std::string(65, '1')) == AudienceError::bad_request);
}

TEST_CASE("audience: voter ids are bounded") {
    AudienceLimits limits;
    limits.max_voters = 3;
    auto room = make_room(limits);
    std::string id;
    for (int i = 0; i < 3; ++i)
        CHECK(room->new_voter("10.0.0." + std::to_string(i), &id) == AudienceError::none);
    CHECK(room->new_voter("10.0.0.9", &id) == AudienceError::room_full);
    CHECK(room->known_voter(id));
    CHECK_FALSE(room->known_voter("0123456789abcdef0123456789abcdef"));
    CHECK(room->new_voter("", &id) == AudienceError::bad_request);
}

TEST_CASE("audience: one address cannot take every voter id, and unused ids expire") {
    AudienceLimits limits;
    limits.max_voters = 300;  // more than 61 addresses x 4
    limits.max_voters_per_client = 4;
    limits.unused_voter_seconds = 60;
    double now = 1000;
    auto room = make_room(limits, [&] { return now; });
    room->set_moment(three_options());
    REQUIRE(room->open() == AudienceError::none);
    std::vector<std::string> ids(4);
    for (auto& id : ids)
        REQUIRE(room->new_voter("10.0.0.1", &id) == AudienceError::none);
    std::string more;
    CHECK(room->new_voter("10.0.0.1", &more) == AudienceError::rate_limited);
    // Sixty addresses, as many ids as they may each hold: the room still has room for phones.
    for (int a = 0; a < 60; ++a)
        for (int i = 0; i < 8; ++i)
            (void)room->new_voter("10.1.0." + std::to_string(a), &more);
    std::string phone;
    CHECK(room->new_voter("10.2.0.1", &phone) == AudienceError::none);
    // One of the first four votes; a minute later the unused three are gone, it is not.
    CHECK(room->vote(ids[0], "A") == AudienceError::none);
    now += 59;
    CHECK(room->new_voter("10.0.0.1", &more) == AudienceError::rate_limited);
    now += 2;
    CHECK(room->new_voter("10.0.0.1", &more) == AudienceError::none);
    CHECK(room->known_voter(ids[0]));
    CHECK_FALSE(room->known_voter(ids[1]));
    CHECK(room->known_voter(more));
    // A full room makes room by dropping unused ids that are old enough.
    AudienceLimits small;
    small.max_voters = 2;
    small.unused_voter_seconds = 60;
    auto full = make_room(small, [&] { return now; });
    REQUIRE(full->new_voter("10.0.0.1", &more) == AudienceError::none);
    REQUIRE(full->new_voter("10.0.0.2", &more) == AudienceError::none);
    CHECK(full->new_voter("10.0.0.3", &more) == AudienceError::room_full);
    now += 61;
    CHECK(full->new_voter("10.0.0.3", &more) == AudienceError::none);
}

TEST_CASE("audience: answers of invisible or unusual spaces only are empty") {
    for (const char* blank :
         {"\xC2\xA0", "\xC2\xA0 \xC2\xA0", "\xE2\x80\x8B\xE2\x80\x8B", "\xEF\xBB\xBF",
          " \xEF\xBB\xBF\xE2\x80\x83\xE3\x80\x80 ", "\xE2\x81\xA0\xE2\x80\x8D"}) {
        CHECK_MESSAGE(audience::check_answer(blank, 280, nullptr) == AudienceError::answer_empty,
                      blank);
    }
    std::string clean;
    CHECK(audience::check_answer("\xC2\xA0ok\xE2\x80\x8B", 280, &clean) == AudienceError::none);
    CHECK(audience::check_answer("caf\xC3\xA9", 280, &clean) == AudienceError::none);
    CHECK(clean == "caf\xC3\xA9");
}

TEST_CASE("audience: concurrent votes and changes are each counted exactly once") {
    auto room = make_room();
    room->set_moment(three_options());
    REQUIRE(room->open() == AudienceError::none);
    const int threads = 8, per_thread = 40, rounds = 600;
    std::vector<std::vector<std::string>> voters(threads);
    for (auto& vs : voters)
        for (int i = 0; i < per_thread; ++i)
            vs.push_back(voter(*room));

    // Each worker owns its voters, so "the last vote accepted" is well defined per voter.
    std::vector<std::vector<int>> last(threads, std::vector<int>(per_thread, -1));
    std::atomic<bool> done{false};
    std::atomic<int> accepted{0}, refused{0};
    std::thread presenter([&] {
        while (!done) {
            room->close();
            std::this_thread::yield();
            room->open();
            (void)room->presenter_view();
            std::this_thread::yield();
        }
    });
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            std::mt19937 rng(static_cast<unsigned>(t) + 1);
            for (int i = 0; i < rounds; ++i) {
                int who = static_cast<int>(rng() % per_thread);
                int option = static_cast<int>(rng() % 3);
                const std::string& id = voters[static_cast<size_t>(t)][static_cast<size_t>(who)];
                AudienceError e = room->vote(id, std::string(1, static_cast<char>('A' + option)));
                if (e == AudienceError::none) {
                    last[static_cast<size_t>(t)][static_cast<size_t>(who)] = option;
                    ++accepted;
                } else {
                    CHECK(e == AudienceError::voting_closed);
                    ++refused;
                }
                if (i % 50 == 0) (void)room->voter_view(id);
            }
        });
    for (auto& w : workers)
        w.join();
    done = true;
    presenter.join();

    std::array<int, 3> want{};
    int voted = 0;
    for (const auto& per : last)
        for (int option : per)
            if (option >= 0) {
                ++want[static_cast<size_t>(option)];
                ++voted;
            }
    AudienceResults r = room->results();
    CHECK(accepted + refused == threads * rounds);
    CHECK(accepted > 0);
    CHECK(r.votes == voted);
    CHECK(count_of(r, "A") == want[0]);
    CHECK(count_of(r, "B") == want[1]);
    CHECK(count_of(r, "C") == want[2]);
    // And each voter's own view agrees with what they last did.
    for (int t = 0; t < threads; ++t)
        for (int i = 0; i < per_thread; ++i) {
            nlohmann::json v =
                room->voter_view(voters[static_cast<size_t>(t)][static_cast<size_t>(i)]);
            int option = last[static_cast<size_t>(t)][static_cast<size_t>(i)];
            if (option < 0)
                CHECK(v["your_vote"].is_null());
            else
                CHECK(v["your_vote"] == std::string(1, static_cast<char>('A' + option)));
        }
}

TEST_CASE("audience: a demo's moment is lettered, keyed by response id, and scored there") {
    LoadResult lr = load_scenario_file(std::string(IMPASSE_SOURCE_DIR) +
                                       "/tests/golden/withdrawal-resolved/scenario.yaml");
    REQUIRE(lr.scenario);
    Demo demo(lr.scenario, 7, nullptr);
    AudienceMoment m = audience_moment(demo);
    CHECK(m.patient == demo.session().line());
    CHECK(m.cue == demo.session().cue());
    auto available = demo.session().available();
    REQUIRE(m.options.size() == available.size());
    for (size_t i = 0; i < m.options.size(); ++i) {
        CHECK(m.options[i].id == std::string(1, static_cast<char>('A' + i)));
        CHECK(m.options[i].key == available[i]->id);
        CHECK(m.options[i].text == available[i]->text);
    }
    CHECK(m.where.node == &demo.session().node());
    CHECK(m.scenario == lr.scenario);
}
