// ModelScorer: typed text read by the response model; options by their authors' ratings.
#include "impasse/model_scorer.h"

#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <system_error>
#include <thread>
#include <unordered_set>

#include "impasse/paths.h"
#include "impasse/text.h"
#include "impasse/utf8.h"
#include "impasse/vocabulary.h"

namespace impasse {
namespace {

constexpr size_t kMaxWords = 400;
constexpr size_t kMaxBytes = 4000;
constexpr double kReported = 0.02;   // probabilities under this are reported as 0
constexpr double kRiskShown = 0.5;   // a risk question this clear is protected
constexpr double kRiskFloor = 60.0;  // ... and its overall kept at least this
constexpr double kRiskCounterCap = 0.2;

ModelContext context_of(const Moment& m) {
    ModelContext c;
    c.rupture_type = m.rupture_type;
    for (const auto& mk : m.markers) {
        if (c.marker.empty()) c.marker = mk.id;
        if (c.rupture_type.empty()) c.rupture_type = std::string(vocab::marker_rupture_type(mk.id));
    }
    if (c.rupture_type.empty() && m.scenario) c.rupture_type = m.scenario->rupture_type;
    c.stage = !m.stage.empty() ? m.stage : (m.node ? m.node->stage : std::string());
    c.patient_line = !m.patient_line.empty() ? m.patient_line : (m.node ? m.node->say : "");
    return c;
}

void trim(std::string_view text, uint32_t* s, uint32_t* e) {
    while (*s < *e && std::isspace(static_cast<unsigned char>(text[*s])))
        ++*s;
    while (*e > *s && std::isspace(static_cast<unsigned char>(text[*e - 1])))
        --*e;
}

// Text with ASCII letters in which at least two words in five are common English words that other
// languages do not share ("the", "you", "what", "it's"): English, without asking CLD2 (which
// cost more than the model itself). Anything else is left to CLD2.
bool plainly_english(std::string_view text, const text::Analysis& a) {
    // Letters must be ASCII; typographic punctuation (dashes, curly quotes, ellipsis: U+2000 to
    // U+207F) and no-break spaces are common in typed English and do not count.
    for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) continue;
        auto at = [&](size_t k) {
            return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
        };
        if (c == 0xE2 && (at(1) == 0x80 || at(1) == 0x81) && (at(2) & 0xC0) == 0x80) {
            i += 2;
        } else if (c == 0xC2 && at(1) == 0xA0) {
            i += 1;
        } else {
            return false;
        }
    }
    // Words other languages also use ("no", "me", "a", "so", "in", "was", "i", "on", "for")
    // are left out.
    static const std::unordered_set<std::string_view> common{
        "the",       "you",     "your",    "you're",  "you've", "you'd", "it",      "it's",
        "that",      "that's",  "what",    "and",     "to",     "of",    "this",    "my",
        "we",        "we're",   "with",    "have",    "but",    "just",  "be",      "are",
        "is",        "can",     "can't",   "like",    "about",  "how",   "feel",    "feeling",
        "think",     "know",    "do",      "did",     "didn't", "don't", "doesn't", "if",
        "not",       "really",  "i'm",     "i've",    "i'd",    "there", "there's", "they",
        "he",        "she",     "him",     "her",     "them",   "their", "our",     "us",
        "when",      "why",     "where",   "who",     "which",  "would", "could",   "should",
        "been",      "were",    "had",     "has",     "here",   "right", "now",     "then",
        "than",      "yeah",    "okay",    "um",      "uh",     "mm",    "hmm",     "sounds",
        "something", "hear",    "sorry",   "want",    "going",  "gonna", "kind",    "kinda",
        "maybe",     "mean",    "because", "some",    "more",   "very",  "thing",   "things",
        "wonder",    "seems",   "bit",     "lot",     "let",    "let's", "isn't",   "wasn't",
        "from",      "by",      "up",      "out",     "or",     "at",    "all",     "any",
        "much",      "well",    "also",    "only",    "even",   "still", "back",    "actually",
        "sort",      "guess",   "sure",    "get",     "said",   "say",   "one",     "time",
        "today",     "week",    "last",    "session", "here's", "way",   "said",    "talk",
        "talking",   "happened"};
    size_t english = 0;
    for (const auto& t : a.tokens)
        if (t.word && common.count(t.norm)) ++english;
    return english * 5 >= a.word_count * 2;
}

}  // namespace

std::string unreadable_reason(std::string_view text) {
    if (utf8::blank(text)) return "empty";  // spaces only, visible or not
    if (text.size() > kMaxBytes) return "too_long";
    return unreadable_reason(text, text::analyze(text));
}

std::string unreadable_reason(std::string_view text, const text::Analysis& a) {
    if (utf8::blank(text)) return "empty";  // spaces only, visible or not
    if (text.size() > kMaxBytes) return "too_long";
    size_t words = a.word_count;
    if (words == 0) return "punctuation";
    if (words > kMaxWords) return "too_long";
    // Another language: CLD2 must be sure, and see little English. Short answers ("ok", "mm")
    // are too short to tell and are read as English.
    if (words >= 3 && !plainly_english(text, a) && text::valid_utf8(text)) {
        CLD2::Language lang3[3];
        int percent3[3];
        int bytes = 0;
        bool reliable = false;
        CLD2::Language top = CLD2::DetectLanguageSummary(text.data(), static_cast<int>(text.size()),
                                                         true, lang3, percent3, &bytes, &reliable);
        int english = 0;
        for (int i = 0; i < 3; ++i)
            if (lang3[i] == CLD2::ENGLISH) english += percent3[i];
        if (reliable && top != CLD2::ENGLISH && top != CLD2::UNKNOWN_LANGUAGE &&
            top != CLD2::TG_UNKNOWN_LANGUAGE && english < 30)
            return "not_english";
    }
    return "";
}

std::string unreadable_message(std::string_view reason) {
    if (reason == "empty") return "There is nothing to read yet: write what you would say.";
    if (reason == "punctuation")
        return "This answer has no words, only punctuation or symbols, so it was not scored.";
    if (reason == "not_english")
        return "This answer does not look like English, and Impasse only reads English, so it "
               "was not scored. (English with a second-language accent is fine.)";
    if (reason == "too_long")
        return "This answer is far longer than one turn of speech (over 400 words), so it was not "
               "scored; say the one thing you would say next.";
    return "";
}

bool RiskLexicon::asks(std::string_view text) const {
    return asks(text::analyze(text));
}

bool RiskLexicon::asks(const text::Analysis& a) const {
    for (const auto& sent : a.sentences) {
        if (!sent.question) continue;
        std::vector<const std::string*> words;
        for (size_t i = sent.first; i < sent.last && i < a.tokens.size(); ++i)
            if (a.tokens[i].word) words.push_back(&a.tokens[i].norm);
        for (const auto& phrase : phrases) {
            for (size_t at = 0; at + phrase.size() <= words.size(); ++at) {
                bool all = true;
                for (size_t k = 0; k < phrase.size() && all; ++k) {
                    const std::string& p = phrase[k];
                    const std::string& w = *words[at + k];
                    all = !p.empty() && p.back() == '*'
                              ? w.compare(0, p.size() - 1, p, 0, p.size() - 1) == 0
                              : w == p;
                }
                if (all) return true;
            }
        }
    }
    return false;
}

bool load_risk_lexicon(const std::string& path, RiskLexicon* out, std::string* error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (error) *error = path + ": cannot open the risk lexicon";
        return false;
    }
    std::string line;
    size_t n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (n > 10000 || line.size() > 200) {
            if (error) *error = path + ":" + std::to_string(n) + ":1: line too long or too many";
            return false;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        if (!text::valid_utf8(line)) {
            if (error) *error = path + ":" + std::to_string(n) + ":1: not valid UTF-8";
            return false;
        }
        std::vector<std::string> words;
        for (const auto& t : text::tokenize(line))
            if (t.word) words.push_back(t.norm);
        if (!line.empty() && line.back() == '*' && !words.empty()) words.back() += '*';
        if (words.empty()) {
            if (error) *error = path + ":" + std::to_string(n) + ":1: a phrase needs a word";
            return false;
        }
        out->phrases.push_back(std::move(words));
    }
    return true;
}

ModelScorer::ModelScorer(std::shared_ptr<const ResponseModel> model,
                         std::shared_ptr<const RubricScorer> rubric, RiskLexicon risk)
    : model_(std::move(model)), rubric_(std::move(rubric)), lexicon_(std::move(risk)) {
    auto find = [&](const std::string& id) { return model_->label_index(id); };
    for (size_t i = 0; i < kPrincipleCount; ++i)
        principle_[i] = find("principle:" + std::string(vocab::principles()[i].id));
    for (size_t i = 0; i < kCounterMarkerCount; ++i)
        counter_[i] = find("counter_marker:" + std::string(vocab::counter_markers()[i].id));
    for (size_t i = 0; i < kStrategyCount; ++i)
        strategy_[i] = find("strategy:" + std::string(vocab::resolution_strategies()[i].id));
    for (size_t i = 0; i < kBehaviourCount; ++i)
        behaviour_[i] = find("behaviour:" + miti_behaviours()[i]);
    for (int k = 2; k <= 5; ++k)
        overall_[static_cast<size_t>(k - 2)] = find("overall>=" + std::to_string(k));
    risk_ = find("risk_check");
    // Evidence is quoted for principles, counter-markers and strategies only.
    evidence_labels_.assign(model_->labels().size(), false);
    auto quote = [&](int l) {
        if (l >= 0) evidence_labels_[static_cast<size_t>(l)] = true;
    };
    std::for_each(principle_.begin(), principle_.end(), quote);
    std::for_each(counter_.begin(), counter_.end(), quote);
    std::for_each(strategy_.begin(), strategy_.end(), quote);
}

std::string ModelScorer::version() const {
    return "model-" + model_->version();
}

Score ModelScorer::score_option(const Response& response, const Moment& moment) const {
    return rubric_->score_option(response, moment);
}

Score ModelScorer::score_text(std::string_view text, const Moment& moment) const {
    Score s;
    // Too long to analyse: said so before any work is done on it.
    if (text.size() > kMaxBytes) {
        s.unreadable = unreadable_reason(text);
        return s;
    }
    const text::Analysis an = text::analyze(text);  // once, for every reading below
    s.unreadable = unreadable_reason(text, an);
    if (!s.unreadable.empty()) return s;
    std::vector<LabelPrediction> pred =
        model_->predict(an, context_of(moment), &evidence_labels_, kReported);
    auto take = [&](int label, double* into, const char* kind, std::string_view id) {
        if (label < 0) return;
        const LabelPrediction& p = pred[static_cast<size_t>(label)];
        *into = p.p < kReported ? 0.0 : std::round(p.p * 1000.0) / 1000.0;
        if (*into <= 0 || !kind) return;
        uint32_t a = p.start, b = p.end;
        if (a >= b) {  // nothing in the words raised it: the whole answer is the evidence
            a = 0;
            b = static_cast<uint32_t>(text.size());
        }
        trim(text, &a, &b);
        s.evidence.push_back({kind, std::string(id), a, b, std::string(text.substr(a, b - a))});
    };
    for (size_t i = 0; i < kPrincipleCount; ++i)
        take(principle_[i], &s.principles[i], "principle", vocab::principles()[i].id);
    for (size_t i = 0; i < kCounterMarkerCount; ++i)
        take(counter_[i], &s.counter_markers[i], "counter_marker", vocab::counter_markers()[i].id);
    for (size_t i = 0; i < kStrategyCount; ++i)
        take(strategy_[i], &s.strategies[i], "strategy", vocab::resolution_strategies()[i].id);
    for (size_t i = 0; i < kBehaviourCount; ++i)
        take(behaviour_[i], &s.behaviours[i], nullptr, "");
    take(risk_, &s.risk_check, nullptr, "");
    if (s.risk_check < kRiskShown && lexicon_.asks(an)) s.risk_check = 0.9;

    // Overall: the expected 1..5 rating from the cumulative models, kept monotone.
    double expected = 1.0, upper = 1.0;
    for (int l : overall_) {
        double p = l < 0 ? 0.0 : pred[static_cast<size_t>(l)].p;
        upper = std::min(upper, p);
        expected += upper;
    }
    s.overall = std::round(25.0 * (expected - 1.0) * 10.0) / 10.0;

    // Asking plainly about risk is right, whatever else the answer does.
    if (s.risk_check >= kRiskShown) {
        for (auto& c : s.counter_markers)
            c = std::min(c, kRiskCounterCap);
        s.overall = std::max(s.overall, kRiskFloor);
    }
    return s;
}

std::unique_ptr<ModelScorer> make_model_scorer(const std::string& model_path,
                                               const std::string& rubric_path,
                                               const std::string& risk_path, std::string* error) {
    // The rubric is read while the model is (each takes a good part of the start-up time).
    std::shared_ptr<const RubricScorer> rubric;
    std::string rubric_error;
    std::thread reader;
    try {
        reader = std::thread([&] { rubric = make_rubric_scorer(rubric_path, &rubric_error); });
    } catch (const std::system_error&) {  // no thread to be had: read it afterwards
    }
    std::shared_ptr<const ResponseModel> model = ResponseModel::load(model_path, error);
    if (reader.joinable())
        reader.join();
    else
        rubric = make_rubric_scorer(rubric_path, &rubric_error);
    if (!model) return nullptr;
    if (!rubric) {
        if (error) *error = rubric_error;
        return nullptr;
    }
    RiskLexicon risk;
    if (!risk_path.empty() && !load_risk_lexicon(risk_path, &risk, error)) return nullptr;
    return std::make_unique<ModelScorer>(std::move(model), std::move(rubric), std::move(risk));
}

std::unique_ptr<Scorer> make_default_scorer(std::string* error) {
    std::string dir = paths::assets();
    if (dir.empty()) {
        if (error)
            *error =
                "cannot find Impasse's assets folder (set IMPASSE_DATA_ROOT to the folder "
                "holding assets/ and scenarios/)";
        return nullptr;
    }
    return make_model_scorer(dir + "/model/response-model.txt", dir + "/rubric.yaml",
                             dir + "/lexicons/risk.txt", error);
}

}  // namespace impasse
