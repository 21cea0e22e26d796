// Features of a typed answer for the response model: the same code for training and scoring.
#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "impasse/response_model.h"
#include "impasse/text.h"

namespace impasse {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t fnv(uint64_t h, std::string_view s) {
    for (unsigned char c : s) {
        h ^= c;
        h *= kFnvPrime;
    }
    return h;
}

// Builds one feature from parts joined by single spaces; hashes as it goes and keeps the name
// only when the caller asked for names.
class Emitter {
  public:
    Emitter(std::vector<FeatureHit>& out, std::vector<std::string>* names)
        : out_(out), names_(names) {}

    void add(std::initializer_list<std::string_view> parts, uint32_t start, uint32_t end,
             float value = 1.0f) {
        uint64_t h = kFnvOffset;
        bool first = true;
        for (std::string_view p : parts) {
            if (!first) h = fnv(h, " ");
            h = fnv(h, p);
            first = false;
        }
        out_.push_back({h, value, start, end});
        if (names_) {
            std::string n;
            first = true;
            for (std::string_view p : parts) {
                if (!first) n += ' ';
                n += p;
                first = false;
            }
            names_->push_back(std::move(n));
        }
    }

  private:
    std::vector<FeatureHit>& out_;
    std::vector<std::string>* names_;
};

const char* length_bin(size_t words) {
    if (words == 0) return "0";
    if (words == 1) return "1";
    if (words <= 3) return "2-3";
    if (words <= 7) return "4-7";
    if (words <= 15) return "8-15";
    if (words <= 30) return "16-30";
    if (words <= 60) return "31-60";
    return "61+";
}

const std::vector<std::string>& echo_stopwords() {
    static const std::vector<std::string> words{
        "that", "this",   "with",    "have",  "just",   "like",   "what", "about", "they",
        "them", "there",  "then",    "than",  "your",   "yours",  "were", "been",  "being",
        "from", "into",   "would",   "could", "should", "really", "know", "think", "going",
        "want", "said",   "says",    "some",  "when",   "here",   "it's", "don't", "didn't",
        "i'm",  "you're", "very",    "much",  "more",   "also",   "only", "even",  "well",
        "okay", "yeah",   "because", "maybe", "sure",   "thing"};
    return words;
}

}  // namespace

uint64_t feature_hash(std::string_view name) {
    return fnv(kFnvOffset, name);
}

std::vector<FeatureHit> extract_features(std::string_view text, const ModelContext& ctx,
                                         std::vector<std::string>* names) {
    return extract_features(text::analyze(text), ctx, names);
}

std::vector<FeatureHit> extract_features(const text::Analysis& a, const ModelContext& ctx,
                                         std::vector<std::string>* names) {
    std::vector<FeatureHit> out;
    Emitter emit(out, names);
    const auto& toks = a.tokens;
    out.reserve(toks.size() * 5 + 16);

    // Words: unigram (negated ones marked), stem, and n-grams within a sentence, with sentence
    // boundaries as pseudo-words so openings ("<s> what") and endings ("you ?") are features.
    std::vector<std::string_view> grams;  // per token: the form used in n-grams
    grams.reserve(toks.size());
    for (const auto& t : toks)
        grams.push_back(t.word ? std::string_view(t.norm)
                               : (t.norm == "?" ? std::string_view("?") : std::string_view()));
    for (size_t i = 0; i < toks.size(); ++i) {
        const auto& t = toks[i];
        auto s = static_cast<uint32_t>(t.start), e = static_cast<uint32_t>(t.end);
        if (t.word) {
            emit.add({t.negated ? "w!" : "w", t.norm}, s, e);
            if (t.stem != t.norm) emit.add({"s", t.stem}, s, e);
        } else if (t.norm == "?") {
            emit.add({"w", "?"}, s, e);
        }
    }
    std::vector<size_t> idx;
    for (const auto& sent : a.sentences) {
        // The sentence's usable tokens (words and '?'), with <s> before.
        idx.clear();
        for (size_t i = sent.first; i < sent.last && i < toks.size(); ++i)
            if (!grams[i].empty()) idx.push_back(i);
        if (idx.empty()) continue;
        auto start_of = [&](size_t k) { return static_cast<uint32_t>(toks[idx[k]].start); };
        auto end_of = [&](size_t k) { return static_cast<uint32_t>(toks[idx[k]].end); };
        emit.add({"b", "<s>", grams[idx[0]]}, start_of(0), end_of(0));
        if (idx.size() > 1)
            emit.add({"t", "<s>", grams[idx[0]], grams[idx[1]]}, start_of(0), end_of(1));
        for (size_t k = 0; k + 1 < idx.size(); ++k) {
            emit.add({"b", grams[idx[k]], grams[idx[k + 1]]}, start_of(k), end_of(k + 1));
            if (k + 2 < idx.size())
                emit.add({"t", grams[idx[k]], grams[idx[k + 1]], grams[idx[k + 2]]}, start_of(k),
                         end_of(k + 2));
        }
        if (sent.question) {
            emit.add({"q", sent.open_question ? "open" : "closed"},
                     static_cast<uint32_t>(sent.start), static_cast<uint32_t>(sent.end));
        }
    }
    auto whole = static_cast<uint32_t>(0);
    emit.add({"len", length_bin(a.word_count)}, whole, whole);
    size_t questions = 0;
    for (const auto& sent : a.sentences)
        questions += sent.question ? 1 : 0;
    emit.add({"nq", questions == 0 ? "0" : questions == 1 ? "1" : "2+"}, whole, whole);
    if (!a.sentences.empty()) {
        const auto& last = a.sentences.back();
        emit.add({"endq", last.question ? (last.open_question ? "open" : "closed") : "none"}, whole,
                 whole);
    }

    // Echo: how much of the patient's line the answer picks up (not a fault by itself).
    if (!ctx.patient_line.empty()) {
        // A moment's patient line comes back with every answer to it: its stems are kept per
        // thread, for up to 512 lines of up to 2 KB (then the cache starts again), so a batch
        // does not re-read the same line thousands of times and a hostile one cannot grow it.
        thread_local std::unordered_map<std::string, std::vector<std::string>> cache;
        std::vector<std::string> uncached;
        const std::vector<std::string>* found = nullptr;
        if (ctx.patient_line.size() <= 2048) {
            auto it = cache.find(ctx.patient_line);
            if (it == cache.end()) {
                if (cache.size() >= 512) cache.clear();
                it = cache
                         .emplace(ctx.patient_line,
                                  text::content_stems(ctx.patient_line, echo_stopwords()))
                         .first;
            }
            found = &it->second;
        } else {
            uncached = text::content_stems(ctx.patient_line, echo_stopwords());
            found = &uncached;
        }
        const std::vector<std::string>& theirs = *found;
        size_t shared = 0;
        if (!theirs.empty()) {
            std::vector<std::string> mine = text::content_stems(a, echo_stopwords());
            for (const auto& w : mine)
                if (std::find(theirs.begin(), theirs.end(), w) != theirs.end()) ++shared;
        }
        emit.add({"echo", shared == 0   ? "0"
                          : shared == 1 ? "1"
                          : shared <= 3 ? "2-3"
                                        : "4+"},
                 whole, whole);
    }

    // Normalise the text's features to unit length so long answers are not louder.
    size_t n = out.size();
    if (n > 0) {
        float v = static_cast<float>(1.0 / std::sqrt(static_cast<double>(n)));
        for (auto& f : out)
            f.value = v;
    }
    // The moment, at full weight.
    emit.add({"ctx", "rt", ctx.rupture_type.empty() ? "none" : ctx.rupture_type}, whole, whole);
    if (!ctx.stage.empty()) emit.add({"ctx", "st", ctx.stage}, whole, whole);
    if (!ctx.marker.empty()) emit.add({"ctx", "mk", ctx.marker}, whole, whole);
    return out;
}

}  // namespace impasse

#include "impasse/vocabulary.h"

namespace impasse {

const std::vector<std::string>& miti_behaviours() {
    static const std::vector<std::string> codes{"question_open",
                                                "question_closed",
                                                "reflection_simple",
                                                "reflection_complex",
                                                "affirm",
                                                "seeking_collaboration",
                                                "emphasizing_autonomy",
                                                "giving_information",
                                                "persuade_with_permission",
                                                "persuade",
                                                "confront",
                                                "other"};
    return codes;
}

std::vector<std::string> response_model_labels() {
    std::vector<std::string> out;
    for (const auto& t : vocab::principles())
        out.push_back("principle:" + std::string(t.id));
    for (const auto& t : vocab::counter_markers())
        out.push_back("counter_marker:" + std::string(t.id));
    for (const auto& t : vocab::resolution_strategies())
        out.push_back("strategy:" + std::string(t.id));
    for (const auto& b : miti_behaviours())
        out.push_back("behaviour:" + b);
    out.push_back("risk_check");
    for (int k = 2; k <= 5; ++k)
        out.push_back("overall>=" + std::to_string(k));
    return out;
}

}  // namespace impasse
