// Matching the rubric's signals against one analysed response.
#include <algorithm>
#include <atomic>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scorer/index.h"
#include "text/utf8.h"

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

struct Words {
    const text::Analysis* a;
    std::vector<size_t> tok;   // word position -> token index
    std::vector<size_t> send;  // word position -> end word position of its sentence
    std::vector<const std::string*> stem_text;  // word position -> its stem
    std::vector<int32_t> stem;  // word position -> stem symbol (-1: not in the rubric)
    std::vector<int32_t> form;  // word position -> exact-form symbol
    std::vector<const std::vector<bool>*> pre;  // word position -> which prefixes it has
    std::vector<const std::vector<SignalRef>*> pre_anchored;  // prefix-anchored signals here
    const text::Token& at(size_t wp) const { return a->tokens[tok[wp]]; }
};

bool elem_matches(const CompiledElem& e, const Words& w, size_t wp) {
    int32_t st = w.stem[wp], fm = w.form[wp];
    if (st >= 0)
        for (int32_t x : e.stems)
            if (x == st) return true;
    if (fm >= 0)
        for (int32_t x : e.exacts)
            if (x == fm) return true;
    const std::vector<bool>& has = *w.pre[wp];
    for (uint32_t id : e.prefix_ids)
        if (has[id]) return true;
    return false;
}

bool match_from(const std::vector<CompiledElem>& el, size_t ei, size_t wp, size_t wend,
                const Words& w, size_t* last) {
    if (ei == el.size()) return true;
    const CompiledElem& e = el[ei];
    switch (e.kind) {
        case PatternElem::Kind::word:
            if (wp >= wend || !elem_matches(e, w, wp)) return false;
            *last = wp;
            return match_from(el, ei + 1, wp + 1, wend, w, last);
        case PatternElem::Kind::gap:
            for (int k = 0; k <= e.max_gap && wp + static_cast<size_t>(k) <= wend; ++k)
                if (match_from(el, ei + 1, wp + static_cast<size_t>(k), wend, w, last)) return true;
            return false;
        case PatternElem::Kind::not_next:
            if (wp < wend && elem_matches(e, w, wp)) return false;
            return match_from(el, ei + 1, wp, wend, w, last);
        case PatternElem::Kind::sentence_start:
            return match_from(el, ei + 1, wp, wend, w, last);
    }
    return false;
}

// Part of a word (the "'s" of "let's", the "n't" of "don't") widens to the whole written word,
// so evidence quotes what the trainee typed. Only ASCII letters, digits and apostrophes
// (straight or U+2019) are crossed, so offsets stay on UTF-8 boundaries.
bool word_byte(std::string_view t, size_t i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'';
}
bool curly_before(std::string_view t, size_t i) {  // a U+2019 ends at i
    return i >= 3 && t.substr(i - 3, 3) == "\xE2\x80\x99";
}
bool curly_at(std::string_view t, size_t i) {
    return t.substr(i, 3) == "\xE2\x80\x99";
}
void widen_to_words(std::string_view t, size_t* start, size_t* end) {
    size_t a = *start, b = *end;
    for (;;) {
        if (a > 0 && word_byte(t, a - 1))
            --a;
        else if (curly_before(t, a) && a >= 4 && word_byte(t, a - 4))
            a -= 3;
        else
            break;
    }
    for (;;) {
        if (b < t.size() && word_byte(t, b))
            ++b;
        else if (b + 3 < t.size() && curly_at(t, b) && word_byte(t, b + 3))
            b += 3;
        else
            break;
    }
    // An apostrophe that only quotes ('word') is not part of the word.
    while (a < *start && t[a] == '\'')
        ++a;
    while (b > *end && t[b - 1] == '\'')
        --b;
    *start = a;
    *end = b;
}

struct Accumulator {
    const Rubric& rubric;
    std::vector<double>& best;  // per global signal
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
        widen_to_words(text, &start, &end);
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
    static std::atomic<uint64_t> generations{0};
    generation = ++generations;
    total = 0;
    auto sym = [&](const std::string& v) {
        auto it = symbols.find(v);
        if (it != symbols.end()) return it->second;
        int32_t id = static_cast<int32_t>(symbols.size());
        symbols.emplace(v, id);
        by_stem.emplace_back();
        by_exact.emplace_back();
        return id;
    };
    auto add = [&](EntryKind kind, uint16_t entry, const std::vector<Signal>& sigs) {
        for (size_t i = 0; i < sigs.size(); ++i) {
            SignalRef ref{kind, entry, static_cast<uint16_t>(i), total++};
            const Signal& s = sigs[i];
            signals.push_back(&s);
            std::vector<CompiledElem> ce;
            for (const auto& e : s.elems) {
                CompiledElem c;
                c.kind = e.kind;
                c.max_gap = e.max_gap;
                for (const auto& a : e.alts) {
                    if (a.match == PatternElem::Match::stem)
                        c.stems.push_back(sym(a.value));
                    else if (a.match == PatternElem::Match::exact)
                        c.exacts.push_back(sym(a.value));
                    else {
                        c.prefixes.push_back(a.value);
                        auto it = std::find(prefixes.begin(), prefixes.end(), a.value);
                        c.prefix_ids.push_back(static_cast<uint32_t>(it - prefixes.begin()));
                        if (it == prefixes.end()) prefixes.push_back(a.value);
                    }
                }
                ce.push_back(std::move(c));
            }
            // The most selective later word element: all plain alternatives, fewest of them.
            int req = -1;
            bool seen_anchor = false;
            for (size_t k = 0; k < ce.size(); ++k) {
                if (ce[k].kind != PatternElem::Kind::word) continue;
                if (!seen_anchor) {
                    seen_anchor = true;
                    continue;
                }
                if (!ce[k].prefixes.empty()) continue;
                size_t n = ce[k].stems.size() + ce[k].exacts.size();
                if (req < 0 || n < ce[static_cast<size_t>(req)].stems.size() +
                                       ce[static_cast<size_t>(req)].exacts.size())
                    req = static_cast<int>(k);
            }
            required.push_back(req);
            compiled.push_back(std::move(ce));
            if (s.feature != Signal::Feature::none) {
                features.push_back(ref);
                continue;
            }
            const CompiledElem* anchor = nullptr;
            for (const auto& e : compiled.back())
                if (e.kind == PatternElem::Kind::word) {
                    anchor = &e;
                    break;
                }
            if (!anchor) continue;
            if (!anchor->prefixes.empty()) {
                by_prefix.push_back(ref);
                continue;
            }
            auto put = [&](std::vector<SignalRef>& list) {
                for (const auto& r : list)
                    if (r.global == ref.global) return;
                list.push_back(ref);
            };
            for (int32_t x : anchor->stems)
                put(by_stem[static_cast<size_t>(x)]);
            for (int32_t x : anchor->exacts)
                put(by_exact[static_cast<size_t>(x)]);
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
    for (auto& list : by_stem)
        std::sort(list.begin(), list.end(), hedges_first);
    for (auto& list : by_exact)
        std::sort(list.begin(), list.end(), hedges_first);
    std::sort(by_prefix.begin(), by_prefix.end(), hedges_first);
    stopwords.insert(rubric.stopwords.begin(), rubric.stopwords.end());
}

Score match_signals(const Rubric& rubric, const SignalIndex& index, std::string_view text,
                    std::string_view patient_line, size_t* word_count) {
    text::Analysis a = text::analyze_impl(text, rubric.language, false);
    if (word_count) *word_count = a.word_count;
    Words w;
    w.a = &a;
    w.tok.reserve(a.word_count);
    for (size_t i = 0; i < a.tokens.size(); ++i)
        if (a.tokens[i].word) w.tok.push_back(i);
    w.send.assign(w.tok.size(), 0);
    w.stem.resize(w.tok.size());
    w.stem_text.resize(w.tok.size());
    w.form.resize(w.tok.size());
    // Which of the rubric's prefixes each word form has, remembered per thread.
    struct PrefixInfo {
        std::string stem_text;         // the word form's Snowball stem
        int32_t stem = -1, form = -1;  // the word form's symbols
        std::vector<bool> has;
        std::vector<SignalRef> anchored;  // prefix-anchored signals whose anchor fits the word
    };
    thread_local std::unordered_map<std::string, PrefixInfo> prefix_cache;
    thread_local uint64_t prefix_owner = 0;
    if (prefix_owner != index.generation || prefix_cache.size() > 50000) {
        prefix_cache.clear();
        prefix_owner = index.generation;
    }
    w.pre.resize(w.tok.size());
    w.pre_anchored.resize(w.tok.size());
    thread_local std::vector<char> present;  // symbols that occur somewhere in the text
    present.assign(index.symbols.size(), 0);
    for (size_t i = 0; i < w.tok.size(); ++i) {
        const text::Token& t = w.at(i);
        auto it = prefix_cache.find(t.norm);
        if (it == prefix_cache.end()) {
            PrefixInfo info;
            info.stem_text = text::stem(t.norm);
            info.stem = w.stem[i] = index.symbol_of(info.stem_text);
            info.form = w.form[i] = index.symbol_of(t.norm);
            info.has.resize(index.prefixes.size());
            for (size_t k = 0; k < index.prefixes.size(); ++k)
                info.has[k] = t.norm.compare(0, index.prefixes[k].size(), index.prefixes[k]) == 0;
            w.pre[i] = &info.has;
            for (const SignalRef& ref : index.by_prefix) {
                for (const auto& e : index.compiled[ref.global]) {
                    if (e.kind != PatternElem::Kind::word) continue;
                    if (elem_matches(e, w, i)) info.anchored.push_back(ref);
                    break;
                }
            }
            it = prefix_cache.emplace(t.norm, std::move(info)).first;
        }
        w.stem[i] = it->second.stem;
        w.stem_text[i] = &it->second.stem_text;
        w.form[i] = it->second.form;
        if (w.stem[i] >= 0) present[static_cast<size_t>(w.stem[i])] = 1;
        if (w.form[i] >= 0) present[static_cast<size_t>(w.form[i])] = 1;
        w.pre[i] = &it->second.has;
        w.pre_anchored[i] = &it->second.anchored;
    }
    for (size_t i = w.tok.size(); i-- > 0;) {
        bool last_in_sentence = i + 1 == w.tok.size() || w.at(i + 1).sentence != w.at(i).sentence;
        w.send[i] = last_in_sentence ? i + 1 : w.send[i + 1];
    }

    thread_local std::vector<double> best;  // per signal, reused across calls on this thread
    best.assign(index.total, 0.0);
    Accumulator acc{rubric, best, {}, {}, {}, {}};
    int hedge_sentence = -1;  // the sentence and word position where the last hedge began
    size_t hedge_from = 0;
    std::vector<const std::vector<SignalRef>*> lists;
    for (size_t wp = 0; wp < w.tok.size(); ++wp) {
        const text::Token& t = w.at(wp);
        bool sentence_first = wp == 0 || w.at(wp - 1).sentence != t.sentence;
        lists.clear();
        if (w.stem[wp] >= 0) lists.push_back(&index.by_stem[static_cast<size_t>(w.stem[wp])]);
        if (w.form[wp] >= 0) lists.push_back(&index.by_exact[static_cast<size_t>(w.form[wp])]);
        if (!w.pre_anchored[wp]->empty()) lists.push_back(w.pre_anchored[wp]);
        for (const auto* list : lists) {
            for (const SignalRef& ref : *list) {
                if (int req = index.required[ref.global]; req >= 0) {
                    const CompiledElem& e = index.compiled[ref.global][static_cast<size_t>(req)];
                    bool any = false;
                    for (int32_t x : e.stems)
                        any = any || present[static_cast<size_t>(x)];
                    for (int32_t x : e.exacts)
                        any = any || present[static_cast<size_t>(x)];
                    if (!any) continue;
                }
                const Signal& s = index.signal(rubric, ref);
                bool anchored =
                    !s.elems.empty() && s.elems[0].kind == PatternElem::Kind::sentence_start;
                if (anchored && !sentence_first) continue;
                size_t last = wp;
                if (!match_from(index.compiled[ref.global], anchored ? 1 : 0, wp, w.send[wp], w,
                                &last))
                    continue;
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
    // The same patient line is answered many times in a row: keep its stems per thread.
    thread_local std::string last_line;
    thread_local std::vector<std::string> last_stems;
    thread_local std::vector<std::string> last_all;  // every word stem of the line
    thread_local uint64_t last_owner = 0;
    if (patient_line != last_line || last_owner != index.generation) {
        last_line.assign(patient_line.data(), patient_line.size());
        last_stems = patient_line.empty() ? std::vector<std::string>()
                                          : text::content_stems(patient_line, rubric.stopwords);
        last_all.clear();
        for (const auto& t : text::tokenize(patient_line))
            if (t.word) last_all.push_back(text::stem(t.norm));
        last_owner = index.generation;
    }
    const std::vector<std::string>& patient_stems = last_stems;
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
                    if (!hit) continue;
                    size_t from =
                        s.feature == Signal::Feature::open_question ? sen.open_start : sen.start;
                    acc.add(ref, s.weight, std::max(from, sen.start), sen.end, text);
                }
                break;
            case Signal::Feature::echo: {
                // Runs of words the patient also used, holding at least one content word,
                // are quoted whole ("whatever you think is best"); `min` counts the distinct
                // content words echoed.
                if (patient_stems.empty()) break;
                auto has = [](const std::vector<std::string>& v, const std::string& x) {
                    return std::find(v.begin(), v.end(), x) != v.end();
                };
                std::vector<std::pair<size_t, size_t>> runs;  // word positions [first, last]
                std::vector<const std::string*> seen;
                size_t wp = 0;
                while (wp < w.tok.size()) {
                    if (!has(last_all, *w.stem_text[wp])) {
                        ++wp;
                        continue;
                    }
                    size_t first = wp;
                    bool content = false;
                    size_t first_content = 0, last_content = 0;
                    while (wp < w.tok.size() && w.at(wp).sentence == w.at(first).sentence &&
                           has(last_all, *w.stem_text[wp])) {
                        const text::Token& t = w.at(wp);
                        const std::string& st = *w.stem_text[wp];
                        if (t.norm.size() >= 4 && !index.stopwords.count(t.norm) &&
                            has(patient_stems, st)) {
                            if (!content) first_content = wp;
                            content = true;
                            last_content = wp;
                            bool dup = false;
                            for (const auto* x : seen)
                                dup = dup || *x == st;
                            if (!dup) seen.push_back(&st);
                        }
                        ++wp;
                    }
                    // Quoted from the first to the last content word ("best", not "best is").
                    if (content) runs.emplace_back(first_content, last_content);
                }
                if (seen.size() >= static_cast<size_t>(std::max(1, s.threshold)))
                    for (const auto& [f, l] : runs)
                        acc.add(ref, s.weight, w.at(f).start, w.at(l).end, text);
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
    // A principle implied by another is at least that one's score times the factor, shown by
    // the same words.
    std::array<double, kPrincipleCount> direct = acc.score.principles;
    for (size_t i = 0; i < kPrincipleCount; ++i) {
        for (const auto& [j, f] : rubric.principles[i].implied_by) {
            if (f * direct[j] <= acc.score.principles[i]) continue;
            acc.score.principles[i] = f * direct[j];
            std::vector<EvidenceSpan> copies;
            for (const auto& ev : acc.score.evidence)
                if (ev.kind == "principle" && ev.id == rubric.principles[j].id)
                    copies.push_back(ev);
            for (auto& ev : copies) {
                ev.id = rubric.principles[i].id;
                bool dup = false;
                for (const auto& have : acc.score.evidence)
                    dup = dup || (have.id == ev.id && have.start == ev.start && have.end == ev.end);
                if (!dup) acc.score.evidence.push_back(std::move(ev));
            }
        }
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
