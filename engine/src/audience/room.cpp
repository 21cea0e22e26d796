// The room's life: its secrets, its clients' token buckets, its voters and their votes, and the
// presenter's controls. Typed answers are in answers.cpp, the JSON views in views.cpp.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>
#include <utility>

#include "impasse/audience.h"

namespace impasse {

namespace {

double steady_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// Six characters drawn without modulo bias: bytes at or above the largest multiple of the
// alphabet's size are thrown away and drawn again.
bool random_code(std::string* code) {
    const auto& alphabet = audience::kCodeAlphabet;
    const unsigned limit = 256 - 256 % alphabet.size();
    code->clear();
    while (code->size() < 6) {
        unsigned char buf[16];
        if (!audience::random_bytes(buf, sizeof buf)) return false;
        for (unsigned char b : buf)
            if (b < limit && code->size() < 6) *code += alphabet[b % alphabet.size()];
    }
    return true;
}

}  // namespace

AudienceRoom::AudienceRoom(const Scorer* scorer, AudienceLimits limits, Clock clock)
    : scorer_(scorer), limits_(limits), clock_(clock ? std::move(clock) : Clock(steady_seconds)) {}

AudienceRoom::~AudienceRoom() = default;

std::unique_ptr<AudienceRoom> AudienceRoom::create(const Scorer* scorer, AudienceLimits limits,
                                                   std::string* error, Clock clock) {
    std::unique_ptr<AudienceRoom> room(new AudienceRoom(scorer, limits, std::move(clock)));
    room->token_ = audience::random_hex(16);
    if (room->token_.empty() || !random_code(&room->code_)) {
        if (error) *error = audience_error_message(AudienceError::no_randomness);
        return nullptr;
    }
    return room;
}

bool AudienceRoom::check_code(std::string_view typed) const {
    size_t first = typed.find_first_not_of(' ');
    if (first == std::string_view::npos) return false;
    typed = typed.substr(first, typed.find_last_not_of(' ') - first + 1);
    if (typed.size() != code_.size()) return false;
    for (size_t i = 0; i < typed.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(typed[i])) != code_[i]) return false;
    return true;
}

bool AudienceRoom::check_token(std::string_view presented) const {
    // Constant time in the content: a wrong token's first bytes tell the sender nothing.
    if (presented.size() != token_.size()) return false;
    unsigned diff = 0;
    for (size_t i = 0; i < token_.size(); ++i)
        diff |= static_cast<unsigned char>(presented[i]) ^ static_cast<unsigned char>(token_[i]);
    return diff == 0;
}

AudienceError AudienceRoom::allow(std::string_view client) {
    if (client.empty() || client.size() > 64) return AudienceError::bad_request;
    double now = clock_();
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = buckets_.find(client);
    if (it == buckets_.end()) {
        if (buckets_.size() >= limits_.max_clients) {
            // Forget the clients that have been quiet long enough to be full again: to them
            // a fresh bucket is the same as the old one.
            for (auto b = buckets_.begin(); b != buckets_.end();) {
                double tokens = b->second.tokens + (now - b->second.at) * limits_.rate_per_second;
                b = tokens >= limits_.burst ? buckets_.erase(b) : std::next(b);
            }
            if (buckets_.size() >= limits_.max_clients) return AudienceError::room_full;
        }
        it = buckets_.emplace(std::string(client), Bucket{limits_.burst, now}).first;
    }
    Bucket& b = it->second;
    b.tokens = std::min(limits_.burst, b.tokens + (now - b.at) * limits_.rate_per_second);
    b.at = now;
    if (b.tokens < 1.0) return AudienceError::rate_limited;
    b.tokens -= 1.0;
    return AudienceError::none;
}

void AudienceRoom::expire_voters_locked(double now) {
    for (auto v = voters_.begin(); v != voters_.end();) {
        if (v->second.used || now - v->second.issued < limits_.unused_voter_seconds) {
            ++v;
            continue;
        }
        auto c = voters_per_client_.find(v->second.client);
        if (c != voters_per_client_.end() && --c->second == 0) voters_per_client_.erase(c);
        v = voters_.erase(v);
    }
}

AudienceError AudienceRoom::new_voter(std::string_view client, std::string* id) {
    if (client.empty() || client.size() > 64) return AudienceError::bad_request;
    std::string fresh = audience::random_hex(16);
    if (fresh.empty()) return AudienceError::no_randomness;
    double now = clock_();
    std::lock_guard<std::mutex> lock(mutex_);
    auto held = [&] {
        auto c = voters_per_client_.find(client);
        return c == voters_per_client_.end() ? size_t{0} : c->second;
    };
    if (held() >= limits_.max_voters_per_client || voters_.size() >= limits_.max_voters)
        expire_voters_locked(now);
    if (held() >= limits_.max_voters_per_client) return AudienceError::rate_limited;
    if (voters_.size() >= limits_.max_voters) return AudienceError::room_full;
    voters_.emplace(fresh, Voter{std::string(client), now, false});
    ++voters_per_client_[std::string(client)];
    if (id) *id = std::move(fresh);
    return AudienceError::none;
}

bool AudienceRoom::known_voter(std::string_view id) const {
    if (!audience::valid_hex_id(id)) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    return voters_.find(id) != voters_.end();
}

AudienceError AudienceRoom::vote(std::string_view voter, std::string_view option) {
    if (!audience::valid_hex_id(voter)) return AudienceError::unknown_voter;
    if (option.empty() || option.size() > limits_.max_option_id_bytes)
        return AudienceError::unknown_option;
    std::lock_guard<std::mutex> lock(mutex_);
    auto who = voters_.find(voter);
    if (who == voters_.end()) return AudienceError::unknown_voter;
    if (!moment_ || moment_->options.empty()) return AudienceError::no_moment;
    if (state_ != VotingState::open) return AudienceError::voting_closed;
    const auto& options = moment_->options;
    auto at = std::find_if(options.begin(), options.end(),
                           [&](const AudienceOption& o) { return o.id == option; });
    if (at == options.end()) return AudienceError::unknown_option;
    size_t index = static_cast<size_t>(at - options.begin());
    auto [it, inserted] = votes_.try_emplace(std::string(voter), index);
    if (!inserted) {
        --counts_[it->second];  // the vote moves: taken from where it was
        it->second = index;
    }
    ++counts_[index];
    who->second.used = true;
    return AudienceError::none;
}

int AudienceRoom::set_moment(AudienceMoment moment) {
    auto shared = std::make_shared<const AudienceMoment>(std::move(moment));
    std::lock_guard<std::mutex> lock(mutex_);
    moment_ = std::move(shared);
    ++serial_;
    state_ = VotingState::closed;
    opened_ = false;
    answers_allowed_ = false;
    votes_.clear();
    counts_.assign(moment_->options.size(), 0);
    answers_.clear();
    answered_.clear();
    word_counts_.clear();
    return serial_;
}

AudienceError AudienceRoom::open() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!moment_ || moment_->options.empty()) return AudienceError::no_moment;
    state_ = VotingState::open;
    opened_ = true;
    return AudienceError::none;
}

void AudienceRoom::close() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (state_ == VotingState::open) state_ = VotingState::closed;
}

AudienceError AudienceRoom::reveal() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!moment_) return AudienceError::no_moment;
    state_ = VotingState::revealed;
    opened_ = true;
    return AudienceError::none;
}

AudienceError AudienceRoom::allow_answers(bool on) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!moment_) return AudienceError::no_moment;
    answers_allowed_ = on;
    return AudienceError::none;
}

VotingState AudienceRoom::state() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return state_;
}

}  // namespace impasse
