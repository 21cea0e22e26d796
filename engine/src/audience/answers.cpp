// Typed answers from the audience: checked, scored outside the room's lock (scoring takes
// milliseconds; votes must not wait for it), then kept without who wrote them.
#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "impasse/audience.h"
#include "impasse/text.h"

namespace impasse {

namespace audience {

std::vector<std::string> content_words(std::string_view answer) {
    // Words that say nothing about how an answer meets the patient.
    static const std::set<std::string, std::less<>> common = {
        "the",   "and",    "you",   "your", "are",   "was",   "were", "that",  "this",   "with",
        "for",   "not",    "but",   "have", "has",   "had",   "its",  "it's",  "can",    "could",
        "would", "should", "will",  "what", "how",   "why",   "when", "there", "their",  "they",
        "them",  "then",   "than",  "from", "about", "into",  "just", "some",  "any",    "all",
        "our",   "out",    "get",   "got",  "been",  "being", "also", "very",  "really", "more",
        "did",   "does",   "doing", "here", "who",   "which", "she",  "her",   "him",    "his",
        "one",   "let",    "say",   "said", "like",  "yes",   "yeah", "okay",  "well",   "too"};
    std::set<std::string> seen;
    std::vector<std::string> words;
    for (const text::Token& t : text::tokenize(answer)) {
        if (!t.word || t.norm.size() < 3 || t.norm.size() > 40) continue;
        if (common.count(t.norm)) continue;
        if (seen.insert(t.norm).second) words.push_back(t.norm);
    }
    return words;
}

}  // namespace audience

AudienceError AudienceRoom::answer(std::string_view voter, std::string_view text) {
    if (!audience::valid_hex_id(voter)) return AudienceError::unknown_voter;
    std::string clean;
    AudienceError e = audience::check_answer(text, limits_.max_answer_bytes, &clean);
    if (e != AudienceError::none) return e;

    auto admissible = [&]() {
        if (voters_.find(voter) == voters_.end()) return AudienceError::unknown_voter;
        if (!moment_) return AudienceError::no_moment;
        if (!answers_allowed_) return AudienceError::answers_not_allowed;
        if (state_ != VotingState::open) return AudienceError::voting_closed;
        if (answered_.find(voter) != answered_.end()) return AudienceError::already_answered;
        return AudienceError::none;
    };
    std::shared_ptr<const AudienceMoment> moment;
    int serial = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if ((e = admissible()) != AudienceError::none) return e;
        moment = moment_;
        serial = serial_;
    }

    double score = -1;  // unscored
    if (scorer_) score = scorer_->score_text(clean, moment->where).overall;

    std::lock_guard<std::mutex> lock(mutex_);
    if (serial_ != serial) return AudienceError::moment_changed;
    if ((e = admissible()) != AudienceError::none) return e;
    answered_.emplace(std::string(voter), true);
    auto who = voters_.find(voter);
    if (who != voters_.end()) who->second.used = true;
    add_answer_locked(std::move(clean), score);
    return AudienceError::none;
}

void AudienceRoom::add_answer_locked(std::string text, double score) {
    for (std::string& w : audience::content_words(text))
        ++word_counts_[std::move(w)];
    answers_.push_back({std::move(text), score});
}

}  // namespace impasse
