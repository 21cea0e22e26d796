// Matching the rubric's signals against one analysed response.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "scorer/index.h"

namespace impasse {
namespace {

constexpr size_t kMaxEvidencePerId = 12;

const char* kind_name(EntryKind k) {
    switch (k) {
        case EntryKind::principle:
            return "principle";
        case EntryKind::counter_marker:
            return "counter_marker";
        case EntryKind::strategy:
            return "strategy";
        case EntryKind::hedge:
            return "hedge";
    }
    return "";
}

bool alt_matches(const PatternElem::Alt& a, const text::Token& t) {
    switch (a.match) {
        case PatternElem::Match::stem:
            return t.stem == a.value;
        case PatternElem::Match::exact:
            return t.norm == a.value;
        case PatternElem::Match::prefix:
            return t.norm.compare(0, a.value.size(), a.value) == 0;
    }
    return false;
}

bool elem_matches(const PatternElem& e, const text::Token& t) {
    for (const auto& a : e.alts)
        if (alt_matches(a, t)) return true;
    return false;
}

struct Words {
    const text::Analysis* a;
    std::vector<size_t> tok;   // word position -> token index
    std::vector<size_t> send;  // word position -> end word position of its sentence
    const text::Token& at(size_t wp) const { return a->tokens[tok[wp]]; }
};

bool match_from(const std::vector<PatternElem>& el, size_t ei, size_t wp, size_t wend,
                const Words& w, size_t* last) {
    if (ei == el.size()) return true;
    const PatternElem& e = el[ei];
    switch (e.kind) {
        case PatternElem::Kind::word:
            if (wp >= wend || !elem_matches(e, w.at(wp))) return false;
            *last = wp;
            return match_from(el, ei + 1, wp + 1, wend, w, last);
        case PatternElem::Kind::gap:
            for (int k = 0; k <= e.max_gap && wp + static_cast<size_t>(k) <= wend; ++k)
                if (match_from(el, ei + 1, wp + static_cast<size_t>(k), wend, w, last)) return true;
            return false;
        case PatternElem::Kind::not_next:
            if (wp < wend && elem_matches(e, w.at(wp))) return false;
            return match_from(el, ei + 1, wp, wend, w, last);
        case PatternElem::Kind::sentence_start:
            return match_from(el, ei + 1, wp, wend, w, last);
    }
    return false;
}

struct Accumulator {
    const Rubric& rubric;
    std::vector<double> best;  // per global signal
    Score score;
    std::array<size_t, kPrincipleCount> np{};
    std::array<size_t, kCounterMarkerCount> nc{};
    std::array<size_t, kStrategyCount> ns{};

    size_t& count(EntryKind k, size_t i) {
        return k == EntryKind::principle ? np[i] : k == EntryKind::counter_marker ? nc[i] : ns[i];
    }
    const RubricEntry& entry(EntryKind k, size_t i) const {
        return k == EntryKind::principle        ? rubric.principles[i]
               : k == EntryKind::counter_marker ? rubric.counter_markers[i]
                                                : rubric.strategies[i];
    }

    void add(const SignalRef& ref, double weight, size_t start, size_t end, std::string_view text) {
        if (weight <= 0) return;
        best[ref.global] = std::max(best[ref.global], weight);
        size_t& n = count(ref.kind, ref.entry);
        if (n >= kMaxEvidencePerId) return;
        for (const auto& ev : score.evidence)  // one span per place and id
            if (ev.start == start && ev.end == end && ev.id == entry(ref.kind, ref.entry).id)
                return;
        ++n;
        score.evidence.push_back({kind_name(ref.kind), entry(ref.kind, ref.entry).id, start, end,
                                  std::string(text.substr(start, end - start))});
    }
};

double combine(const std::vector<Signal>& sigs, const std::vector<double>& best, uint32_t first) {
    double keep = 1.0;
    for (size_t i = 0; i < sigs.size(); ++i)
        keep *= 1.0 - std::min(1.0, best[first + i]);
    return 1.0 - keep;
}

}  // namespace

void SignalIndex::build(const Rubric& rubric) {
    total = 0;
    auto add = [&](EntryKind kind, uint16_t entry, const std::vector<Signal>& sigs) {
        for (size_t i = 0; i < sigs.size(); ++i) {
            SignalRef ref{kind, entry, static_cast<uint16_t>(i), total++};
            const Signal& s = sigs[i];
            if (s.feature != Signal::Feature::none) {
                features.push_back(ref);
                continue;
            }
            const PatternElem* anchor = nullptr;
            for (const auto& e : s.elems)
                if (e.kind == PatternElem::Kind::word) {
                    anchor = &e;
                    break;
                }
            if (!anchor) continue;
            bool any_prefix = false;
            for (const auto& a : anchor->alts)
                any_prefix = any_prefix || a.match == PatternElem::Match::prefix;
            if (any_prefix) {
                by_prefix.push_back(ref);
                continue;
            }
            for (const auto& a : anchor->alts) {
                auto& list =
                    a.match == PatternElem::Match::stem ? by_stem[a.value] : by_exact[a.value];
                bool dup = false;
                for (const auto& r : list)
                    dup = dup || r.global == ref.global;
                if (!dup) list.push_back(ref);
            }
        }
    };
    add(EntryKind::hedge, 0, rubric.hedges);
    for (size_t i = 0; i < kPrincipleCount; ++i)
        add(EntryKind::principle, static_cast<uint16_t>(i), rubric.principles[i].signals);
    for (size_t i = 0; i < kCounterMarkerCount; ++i)
        add(EntryKind::counter_marker, static_cast<uint16_t>(i), rubric.counter_markers[i].signals);
    for (size_t i = 0; i < kStrategyCount; ++i)
        add(EntryKind::strategy, static_cast<uint16_t>(i), rubric.strategies[i].signals);
    // Hedges first at each word, so a hedge softens what follows it at the same word.
    auto hedges_first = [](const SignalRef& a, const SignalRef& b) {
        return (a.kind == EntryKind::hedge) > (b.kind == EntryKind::hedge) ||
               ((a.kind == EntryKind::hedge) == (b.kind == EntryKind::hedge) &&
                a.global < b.global);
    };
    for (auto& kv : by_stem)
        std::sort(kv.second.begin(), kv.second.end(), hedges_first);
    for (auto& kv : by_exact)
        std::sort(kv.second.begin(), kv.second.end(), hedges_first);
    std::sort(by_prefix.begin(), by_prefix.end(), hedges_first);
    stopwords.insert(rubric.stopwords.begin(), rubric.stopwords.end());
}

const Signal& SignalIndex::signal(const Rubric& rubric, const SignalRef& ref) const {
    switch (ref.kind) {
        case EntryKind::hedge:
            return rubric.hedges[ref.signal];
        case EntryKind::principle:
            return rubric.principles[ref.entry].signals[ref.signal];
        case EntryKind::counter_marker:
            return rubric.counter_markers[ref.entry].signals[ref.signal];
        case EntryKind::strategy:
            return rubric.strategies[ref.entry].signals[ref.signal];
    }
    return rubric.hedges[ref.signal];
}

Score match_signals(const Rubric& rubric, const SignalIndex& index, std::string_view text,
                    std::string_view patient_line) {
    text::Analysis a = text::analyze(text, rubric.language);
    Words w;
    w.a = &a;
    w.tok.reserve(a.word_count);
    for (size_t i = 0; i < a.tokens.size(); ++i)
        if (a.tokens[i].word) w.tok.push_back(i);
    w.send.assign(w.tok.size(), 0);
    for (size_t i = w.tok.size(); i-- > 0;) {
        bool last_in_sentence = i + 1 == w.tok.size() || w.at(i + 1).sentence != w.at(i).sentence;
        w.send[i] = last_in_sentence ? i + 1 : w.send[i + 1];
    }

    Accumulator acc{rubric, std::vector<double>(index.total, 0.0), {}, {}, {}, {}};
    int hedge_sentence = -1;  // the sentence and word position where the last hedge began
    size_t hedge_from = 0;
    std::vector<const std::vector<SignalRef>*> lists;
    for (size_t wp = 0; wp < w.tok.size(); ++wp) {
        const text::Token& t = w.at(wp);
        bool sentence_first = wp == 0 || w.at(wp - 1).sentence != t.sentence;
        lists.clear();
        if (auto it = index.by_stem.find(t.stem); it != index.by_stem.end())
            lists.push_back(&it->second);
        if (auto it = index.by_exact.find(t.norm); it != index.by_exact.end())
            lists.push_back(&it->second);
        if (!index.by_prefix.empty()) lists.push_back(&index.by_prefix);
        for (const auto* list : lists) {
            for (const SignalRef& ref : *list) {
                const Signal& s = index.signal(rubric, ref);
                bool anchored =
                    !s.elems.empty() && s.elems[0].kind == PatternElem::Kind::sentence_start;
                if (anchored && !sentence_first) continue;
                size_t last = wp;
                if (!match_from(s.elems, anchored ? 1 : 0, wp, w.send[wp], w, &last)) continue;
                if (ref.kind == EntryKind::hedge) {
                    if (hedge_sentence != t.sentence) {
                        hedge_sentence = t.sentence;
                        hedge_from = wp;
                    }
                    continue;
                }
                if (t.negated && !s.when_negated) continue;
                const text::Sentence& sen = a.sentences[static_cast<size_t>(t.sentence)];
                if (s.mood == Signal::Mood::question && !sen.question) continue;
                if (s.mood == Signal::Mood::statement && sen.question) continue;
                double weight = s.weight;
                bool hedged = hedge_sentence == t.sentence && hedge_from <= wp;
                if (hedged) {
                    double f = s.when_hedged >= 0                      ? s.when_hedged
                               : ref.kind == EntryKind::counter_marker ? rubric.hedge_factor
                                                                       : 1.0;
                    weight *= f;
                }
                acc.add(ref, weight, t.start, w.at(last).end, text);
            }
        }
    }

    // Computed features.
    std::vector<std::string> patient_stems;
    if (!patient_line.empty()) patient_stems = text::content_stems(patient_line, rubric.stopwords);
    bool any_question = false;
    for (const auto& s : a.sentences)
        any_question = any_question || s.question || s.open_question;
    std::vector<const SignalRef*> deferred;
    for (const SignalRef& ref : index.features) {
        const Signal& s = index.signal(rubric, ref);
        switch (s.feature) {
            case Signal::Feature::question:
            case Signal::Feature::open_question:
                for (const auto& sen : a.sentences) {
                    bool hit =
                        s.feature == Signal::Feature::question ? sen.question : sen.open_question;
                    if (hit) acc.add(ref, s.weight, sen.start, sen.end, text);
                }
                break;
            case Signal::Feature::echo: {
                if (patient_stems.empty()) break;
                std::vector<size_t> echoed;
                std::vector<const std::string*> seen;
                for (size_t wp = 0; wp < w.tok.size(); ++wp) {
                    const text::Token& t = w.at(wp);
                    if (t.norm.size() < 4 || index.stopwords.count(t.norm)) continue;
                    if (std::find(patient_stems.begin(), patient_stems.end(), t.stem) ==
                        patient_stems.end())
                        continue;
                    bool dup = false;
                    for (const auto* st : seen)
                        dup = dup || *st == t.stem;
                    if (dup) continue;
                    seen.push_back(&t.stem);
                    echoed.push_back(wp);
                }
                if (echoed.size() >= static_cast<size_t>(std::max(1, s.threshold)))
                    for (size_t wp : echoed)
                        acc.add(ref, s.weight, w.at(wp).start, w.at(wp).end, text);
                break;
            }
            case Signal::Feature::long_text:
                if (a.word_count >= static_cast<size_t>(s.threshold) && !w.tok.empty())
                    acc.add(ref, s.weight, w.at(0).start, w.at(w.tok.size() - 1).end, text);
                break;
            case Signal::Feature::low_engagement:
                deferred.push_back(&ref);
                break;
            case Signal::Feature::none:
                break;
        }
    }

    uint32_t g = static_cast<uint32_t>(rubric.hedges.size());
    double principle_sum = 0;
    for (size_t i = 0; i < kPrincipleCount; ++i) {
        acc.score.principles[i] = combine(rubric.principles[i].signals, acc.best, g);
        principle_sum += acc.score.principles[i];
        g += static_cast<uint32_t>(rubric.principles[i].signals.size());
    }
    for (const SignalRef* ref : deferred) {
        const Signal& s = index.signal(rubric, *ref);
        if (principle_sum == 0 && !any_question &&
            a.word_count >= static_cast<size_t>(std::max(1, s.threshold)))
            acc.add(*ref, s.weight, w.at(0).start, w.at(w.tok.size() - 1).end, text);
    }
    for (size_t i = 0; i < kCounterMarkerCount; ++i) {
        acc.score.counter_markers[i] = combine(rubric.counter_markers[i].signals, acc.best, g);
        g += static_cast<uint32_t>(rubric.counter_markers[i].signals.size());
    }
    for (size_t i = 0; i < kStrategyCount; ++i) {
        acc.score.strategies[i] = combine(rubric.strategies[i].signals, acc.best, g);
        g += static_cast<uint32_t>(rubric.strategies[i].signals.size());
    }
    std::sort(acc.score.evidence.begin(), acc.score.evidence.end(),
              [](const EvidenceSpan& x, const EvidenceSpan& y) {
                  return x.start != y.start ? x.start < y.start : x.end < y.end;
              });
    return std::move(acc.score);
}

}  // namespace impasse
