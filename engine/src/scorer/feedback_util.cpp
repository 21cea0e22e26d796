#include "scorer/feedback_util.h"

#include <algorithm>

#include "impasse/utf8.h"
#include "impasse/vocabulary.h"

namespace impasse::feedback_util {

namespace {
constexpr size_t kQuoteBytes = 90;
}  // namespace

std::string quote_for(const Score& s, std::string_view kind, std::string_view id) {
    const EvidenceSpan* best = nullptr;
    for (const auto& e : s.evidence) {
        if (e.kind != kind || e.id != id) continue;
        // Prefer a phrase over a single word, and a phrase over a whole paragraph.
        auto len = e.text.size();
        auto rank = [](size_t n) { return n < 6 ? 2 * n : n <= kQuoteBytes ? 1000 - n : n; };
        if (!best || rank(len) > rank(best->text.size())) best = &e;
    }
    if (!best) return "";
    std::string q = best->text;
    if (q.size() > kQuoteBytes) {
        q = std::string(utf8::cut(q, kQuoteBytes)) + "\xE2\x80\xA6";
    }
    return q;
}

std::string lower_label(std::string_view label) {
    std::string s(label);
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && !(s.size() > 1 && s[1] >= 'A' && s[1] <= 'Z'))
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

const Response* expert_response(const Node& node) {
    for (const auto& r : node.responses)
        if (r.expert) return &r;
    const Response* best = nullptr;
    int best_sum = -1;
    for (const auto& r : node.responses) {
        int sum = 0;
        for (const auto& kv : r.ratings)
            sum += kv.second;
        sum -= 2 * static_cast<int>(r.counter_markers.size());
        if (sum > best_sum) {
            best_sum = sum;
            best = &r;
        }
    }
    return best;
}

std::string next_stage(const std::string& stage) {
    const auto& st = vocab::stages();
    int i = vocab::index_of(st, stage);
    if (i < 0) return std::string(st[1].id);
    size_t n = std::min(st.size() - 1, static_cast<size_t>(i) + 1);
    return std::string(st[n].id);
}

std::vector<size_t> risked_counters(const Score& s,
                                    const std::array<double, kCounterMarkerCount>& weights,
                                    double threshold) {
    std::vector<size_t> risks;
    for (size_t i = 0; i < kCounterMarkerCount; ++i)
        if (s.counter_markers[i] >= threshold) risks.push_back(i);
    std::sort(risks.begin(), risks.end(), [&](size_t a, size_t b) {
        return s.counter_markers[a] * weights[a] > s.counter_markers[b] * weights[b];
    });
    return risks;
}

}  // namespace impasse::feedback_util
