// The compiled rubric: signals indexed by the word that anchors them, so matching a response
// costs one hash lookup per word instead of one attempt per signal.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "impasse/rubric.h"
#include "impasse/score.h"
#include "impasse/text.h"

namespace impasse {

enum class EntryKind : uint8_t { principle, counter_marker, strategy, hedge };

struct SignalRef {
    EntryKind kind;
    uint16_t entry;   // index in its array (0 for hedges)
    uint16_t signal;  // index in the entry's signals
    uint32_t global;  // 0..total-1, across all signals
};

// A pattern element with its words turned into small integers (symbols), so matching compares
// integers, not strings.
struct CompiledElem {
    PatternElem::Kind kind = PatternElem::Kind::word;
    int max_gap = 0;
    std::vector<int32_t> stems;         // stem symbols
    std::vector<int32_t> exacts;        // exact-form symbols
    std::vector<std::string> prefixes;  // compared as text
    std::vector<uint32_t> prefix_ids;   // the same, as indexes into SignalIndex::prefixes
};

struct SignalIndex {
    std::unordered_map<std::string, int32_t> symbols;  // every stem and form the rubric names
    std::vector<std::string> prefixes;                 // every distinct prefix the rubric names
    std::vector<std::vector<SignalRef>> by_stem;       // anchor stem symbol -> signals
    std::vector<std::vector<SignalRef>> by_exact;      // anchor form symbol -> signals
    std::vector<SignalRef> by_prefix;                  // anchored on a prefix: tried at every word
    std::vector<SignalRef> features;
    std::vector<const Signal*> signals;               // by global index
    std::vector<std::vector<CompiledElem>> compiled;  // by global index
    // By global index: a word element (not the anchor) that must be in the text for the
    // signal to match, or -1. Lets a response skip signals whose rarer words it lacks.
    std::vector<int> required;
    std::unordered_set<std::string> stopwords;
    uint32_t total = 0;
    uint64_t generation = 0;  // unique per build: per-thread caches key on it, not on addresses

    void build(const Rubric& rubric);
    const Signal& signal(const Rubric&, const SignalRef& ref) const { return *signals[ref.global]; }
    int32_t symbol_of(const std::string& s) const {
        auto it = symbols.find(s);
        return it == symbols.end() ? -1 : it->second;
    }
};

// Per-id scores and evidence from the signals alone (no moment weighting). `patient_line` may
// be empty.
Score match_signals(const Rubric& rubric, const SignalIndex& index, std::string_view text,
                    std::string_view patient_line, size_t* word_count = nullptr);

}  // namespace impasse
