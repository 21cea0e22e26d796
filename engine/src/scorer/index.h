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

struct SignalIndex {
    std::unordered_map<std::string, std::vector<SignalRef>> by_stem;
    std::unordered_map<std::string, std::vector<SignalRef>> by_exact;
    std::vector<SignalRef> by_prefix;  // anchored on a prefix: tried at every word
    std::vector<SignalRef> features;
    std::unordered_set<std::string> stopwords;
    uint32_t total = 0;

    void build(const Rubric& rubric);
    const Signal& signal(const Rubric& rubric, const SignalRef& ref) const;
};

// Per-id scores and evidence from the signals alone (no moment weighting). `patient_line` may
// be empty.
Score match_signals(const Rubric& rubric, const SignalIndex& index, std::string_view text,
                    std::string_view patient_line);

}  // namespace impasse
