// What the room shows: the live results, the voter's view (results only once revealed, so the
// room's first answer is its own) and the presenter's view (everything, always).
#include <algorithm>
#include <cmath>
#include <string>

#include "impasse/audience.h"

namespace impasse {

namespace {

nlohmann::json results_json(const AudienceResults& r, bool with_texts) {
    nlohmann::json counts = nlohmann::json::array();
    for (const auto& [id, n] : r.counts)
        counts.push_back({{"id", id}, {"votes", n}});
    nlohmann::json words = nlohmann::json::array();
    for (const auto& [w, n] : r.answers.words)
        words.push_back({{"word", w}, {"count", n}});
    nlohmann::json answers = {{"count", r.answers.count},
                              {"mean", std::round(r.answers.mean * 10) / 10},
                              {"histogram", r.answers.histogram},
                              {"words", words}};
    if (with_texts) {
        nlohmann::json texts = nlohmann::json::array();
        for (const auto& [t, s] : r.answers.texts)
            texts.push_back(
                {{"text", t}, {"score", s < 0 ? nlohmann::json() : nlohmann::json(std::round(s))}});
        answers["texts"] = texts;
    }
    return {{"votes", r.votes}, {"counts", counts}, {"answers", answers}};
}

}  // namespace

AudienceResults AudienceRoom::results_locked() const {
    AudienceResults r;
    r.serial = serial_;
    r.state = state_;
    r.answers_allowed = answers_allowed_;
    if (moment_)
        for (size_t i = 0; i < moment_->options.size(); ++i) {
            r.counts.emplace_back(moment_->options[i].id, counts_[i]);
            r.votes += counts_[i];
        }
    AnswerSummary& a = r.answers;
    a.count = static_cast<int>(answers_.size());
    int scored = 0;
    double sum = 0;
    for (const Answer& x : answers_) {
        a.texts.emplace_back(x.text, x.score);
        if (x.score < 0) continue;
        ++scored;
        sum += x.score;
        int bin = std::clamp(static_cast<int>(x.score / 20.0), 0, 4);
        ++a.histogram[static_cast<size_t>(bin)];
    }
    a.mean = scored ? sum / scored : 0.0;
    std::stable_sort(a.texts.begin(), a.texts.end(),
                     [](const auto& l, const auto& r2) { return l.second > r2.second; });
    std::vector<std::pair<std::string, int>> words(word_counts_.begin(), word_counts_.end());
    std::stable_sort(words.begin(), words.end(),
                     [](const auto& l, const auto& r2) { return l.second > r2.second; });
    if (words.size() > limits_.summary_words) words.resize(limits_.summary_words);
    a.words = std::move(words);
    return r;
}

AudienceResults AudienceRoom::results() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return results_locked();
}

nlohmann::json AudienceRoom::moment_json_locked(bool with_keys, bool with_options) const {
    if (!moment_) return nullptr;
    nlohmann::json options = nlohmann::json::array();
    for (const AudienceOption& o : moment_->options) {
        if (!with_options) break;
        nlohmann::json j = {{"id", o.id}, {"text", o.text}};
        if (with_keys) j["key"] = o.key;
        options.push_back(std::move(j));
    }
    return {{"patient", moment_->patient}, {"cue", moment_->cue}, {"options", options}};
}

nlohmann::json AudienceRoom::voter_view(std::string_view voter) const {
    std::lock_guard<std::mutex> lock(mutex_);
    nlohmann::json j = {{"state", voting_state_name(state_)},
                        {"serial", serial_},
                        {"moment", moment_json_locked(false, opened_)},
                        {"options_hidden", moment_ && !opened_ && !moment_->options.empty()},
                        {"answers_allowed", answers_allowed_},
                        {"max_answer_bytes", limits_.max_answer_bytes},
                        {"your_vote", nullptr},
                        {"answered", answered_.find(voter) != answered_.end()}};
    auto v = votes_.find(voter);
    if (v != votes_.end() && moment_) j["your_vote"] = moment_->options[v->second].id;
    if (state_ == VotingState::revealed) j["results"] = results_json(results_locked(), false);
    return j;
}

nlohmann::json AudienceRoom::presenter_view() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return {{"room", code_},
            {"state", voting_state_name(state_)},
            {"serial", serial_},
            {"moment", moment_json_locked(true, true)},
            {"answers_allowed", answers_allowed_},
            {"max_answer_bytes", limits_.max_answer_bytes},
            {"voters", voters_.size()},
            {"results", results_json(results_locked(), true)}};
}

}  // namespace impasse
