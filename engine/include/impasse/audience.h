// AudienceRoom: one live audience vote at a workshop — who may vote, on what, and what the room
// said. No networking here: a server (app/cli/audience_server.h) or a test drives it.
//
// Mental model: the presenter owns the room (its code and token are made at creation from the
// system's CSPRNG) and shows it one moment at a time (set_moment): the patient's line, the cue
// and the options. Voting is closed, open or revealed, and only the presenter moves it. A voter
// is an id the room issued (the browser keeps it as a cookie); each voter has at most one vote
// per moment, and voting again moves it, so every voter is counted exactly once. When the
// presenter allows it, voters may also type an answer while voting is open: it is validated,
// scored by the scorer, and summarised (a histogram of scores and the most frequent words). One
// answer per voter per moment, kept apart from who wrote it (the room only remembers that the
// voter has answered). A new moment starts with no votes, voting closed and typed answers off.
//
// Every input from the audience is checked here (room code, voter id, option id, answer text)
// and every store is bounded (AudienceLimits); allow() is a per-client token bucket for the
// server to call before anything else.
//
// Errors are values (AudienceError, with a stable code); nothing throws. Thread safety: every
// member function may be called from many threads at once (one mutex; typed answers are scored
// outside it). Ownership: the scorer is borrowed and must outlive the room (null: answers are
// not scored, only counted and summarised); a moment keeps its scenario alive for scoring.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "impasse/demo.h"
#include "impasse/scenario.h"
#include "impasse/scorer.h"

namespace impasse {

enum class AudienceError {
    none,
    wrong_room,           // the room code does not match
    bad_request,          // a field is missing, of the wrong type or malformed
    unknown_voter,        // the voter id was not issued by this room
    unknown_option,       // not an option of the current moment
    no_moment,            // nothing to vote on (no moment yet, or it has no options)
    voting_closed,        // votes and answers only while voting is open
    answers_not_allowed,  // the presenter has not allowed typed answers
    answer_empty,         // nothing but spaces
    answer_too_long,      // over AudienceLimits::max_answer_bytes
    answer_invalid,       // not UTF-8, or control characters
    already_answered,     // one typed answer per voter per moment
    moment_changed,       // the moment moved on while the answer was being scored
    rate_limited,         // the client's token bucket is empty
    room_full,            // a bound was reached (voters, answers, clients)
    no_randomness,        // the system's random source could not be read
};

// Stable snake_case code ("wrong_room") and a one-line message for people.
const char* audience_error_code(AudienceError e);
const char* audience_error_message(AudienceError e);

enum class VotingState { closed, open, revealed };
const char* voting_state_name(VotingState s);  // "closed", "open", "revealed"

struct AudienceOption {
    std::string id;    // what the audience sends back: "A", "B", ...
    std::string text;  // what they read
    std::string key;   // the presenter's own reference (a response id); never shown to voters
};

struct AudienceMoment {
    std::string patient;  // the patient's line
    std::string cue;      // non-verbal cue, may be empty
    std::vector<AudienceOption> options;
    // Where typed answers are given, for the scorer. `scenario` keeps `where`'s pointers alive.
    ScenarioPtr scenario;
    Moment where;
};

struct AudienceLimits {
    size_t max_answer_bytes = 280;
    size_t max_voters = 5000;           // voter ids held at once
    size_t max_voters_per_client = 8;   // ids held by one address (a phone needs one)
    double unused_voter_seconds = 300;  // an id that never voted or answered is dropped after
    size_t max_clients = 5000;          // rate-limit buckets kept at once
    size_t max_option_id_bytes = 64;
    double rate_per_second = 5.0;  // sustained requests per client
    double burst = 20.0;           // requests a client may make at once
    size_t summary_words = 12;     // words in the answers' summary
};

// What typed answers add up to (text kept without who wrote it).
struct AnswerSummary {
    int count = 0;
    double mean = 0.0;               // mean overall score, 0..100
    std::array<int, 5> histogram{};  // overall score in [0,20), [20,40), ... [80,100]
    std::vector<std::pair<std::string, int>> words;     // content word -> answers using it
    std::vector<std::pair<std::string, double>> texts;  // answer -> overall score, best first
};

struct AudienceResults {
    int serial = 0;  // which moment (0: none yet)
    VotingState state = VotingState::closed;
    bool answers_allowed = false;
    std::vector<std::pair<std::string, int>> counts;  // option id -> votes, in option order
    int votes = 0;                                    // sum of counts = voters who voted
    AnswerSummary answers;
};

class AudienceRoom {
  public:
    using Clock = std::function<double()>;  // monotonic seconds (injectable for tests)

    // A room with a fresh code and token. Null with `*error` set when the random source fails.
    static std::unique_ptr<AudienceRoom> create(const Scorer* scorer, AudienceLimits limits,
                                                std::string* error, Clock clock = nullptr);
    ~AudienceRoom();
    AudienceRoom(const AudienceRoom&) = delete;
    AudienceRoom& operator=(const AudienceRoom&) = delete;

    // Six characters from an alphabet without look-alikes (no 0/O, 1/I/L).
    const std::string& code() const { return code_; }
    // 32 lower-case hex characters (128 bits); the presenter's controls need it.
    const std::string& token() const { return token_; }
    const AudienceLimits& limits() const { return limits_; }

    // The code as typed (any case, surrounding spaces ignored) matches this room's.
    bool check_code(std::string_view typed) const;
    // `presented` is this room's token (constant-time comparison).
    bool check_token(std::string_view presented) const;

    // Takes one request from `client`'s bucket (a client: an address, at most 64 bytes).
    // rate_limited when empty; room_full when too many clients are tracked at once.
    AudienceError allow(std::string_view client);

    // Audience.
    // A fresh voter id for `client` (its address). Ids that never voted or answered expire
    // after unused_voter_seconds; rate_limited when `client` holds max_voters_per_client,
    // room_full when the room holds max_voters (after dropping the expired ones).
    AudienceError new_voter(std::string_view client, std::string* id);
    bool known_voter(std::string_view id) const;
    AudienceError vote(std::string_view voter, std::string_view option);
    AudienceError answer(std::string_view voter, std::string_view text);

    // Presenter. set_moment returns the new moment's serial (1, 2, ...); voting is closed,
    // typed answers are off and nobody has voted.
    int set_moment(AudienceMoment moment);
    AudienceError open();  // no_moment when there is nothing to vote on
    void close();          // revealed stays revealed
    AudienceError reveal();
    AudienceError allow_answers(bool on);  // no_moment before the first moment

    // Reading.
    VotingState state() const;
    AudienceResults results() const;
    // What one voter sees: {"state","serial","moment":{patient,cue,options:[{id,text}]}|null,
    //  "options_hidden","answers_allowed","max_answer_bytes","your_vote":id|null,"answered",
    //  "results":{votes,counts:[{id,votes}],answers:{count,mean,histogram,words}} once revealed}
    // The options are left out (an empty list, "options_hidden" true) until voting first opens
    // at this moment, so that the room thinks of its own answer before it reads the choices.
    nlohmann::json voter_view(std::string_view voter) const;
    // Everything, for the presenter: the voter view's fields without your_vote/answered, with
    // "room", each option's "key", the live results always, and the answers' texts.
    nlohmann::json presenter_view() const;

  private:
    AudienceRoom(const Scorer* scorer, AudienceLimits limits, Clock clock);
    struct Bucket {
        double tokens = 0;
        double at = 0;
    };
    struct Answer {
        std::string text;
        double score = 0;
    };
    void add_answer_locked(std::string text, double score);
    AudienceResults results_locked() const;
    nlohmann::json moment_json_locked(bool with_keys, bool with_options) const;

    const Scorer* scorer_;
    const AudienceLimits limits_;
    Clock clock_;
    std::string code_, token_;

    mutable std::mutex mutex_;
    std::map<std::string, Bucket, std::less<>> buckets_;
    struct Voter {
        std::string client;  // the address it was issued to
        double issued = 0;
        bool used = false;  // has voted or answered: never expires
    };
    void expire_voters_locked(double now);
    std::map<std::string, Voter, std::less<>> voters_;  // issued ids
    std::map<std::string, size_t, std::less<>> voters_per_client_;
    int serial_ = 0;
    std::shared_ptr<const AudienceMoment> moment_;
    VotingState state_ = VotingState::closed;
    bool opened_ = false;  // voting has been opened (or revealed) at this moment
    bool answers_allowed_ = false;
    std::map<std::string, size_t, std::less<>> votes_;  // voter -> option index
    std::vector<int> counts_;                           // per option
    std::vector<Answer> answers_;
    std::map<std::string, bool, std::less<>> answered_;  // voters who answered this moment
    std::map<std::string, int> word_counts_;             // content word -> answers using it
};

// The current moment of a workshop demo: the patient's line and cue, and the responses
// available now lettered "A", "B", ... (at most 26) in the case's order, each keyed by its
// response id. At an ending there are no options.
AudienceMoment audience_moment(const Demo& demo);

// Validators shared with the server (exposed for tests).
namespace audience {
constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
bool valid_hex_id(std::string_view id);  // exactly 32 lower-case hex characters
// none when `text` may be kept as a typed answer (then `*clean` is it, trimmed), else why not.
AudienceError check_answer(std::string_view text, size_t max_bytes, std::string* clean);
// Fills `out` with `n` bytes from the system's CSPRNG (/dev/urandom). False when unreadable.
bool random_bytes(unsigned char* out, size_t n);
std::string random_hex(size_t bytes);  // 2 * bytes hex characters; "" when the source fails
// The distinct content words of an answer (lower-case, 3+ letters, common words left out).
std::vector<std::string> content_words(std::string_view text);
}  // namespace audience

}  // namespace impasse
