// The tokenizer's internals; UTF-8 decoding is impasse/utf8.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "impasse/text.h"
#include "impasse/utf8.h"

namespace impasse::text {

// The one strict decoder (impasse/utf8.h), under the tokenizer's names.
using Utf8 = utf8::Decoded;

inline Utf8 decode_utf8(std::string_view s, size_t i) {
    return utf8::decode(s, i);
}

// The tokenizer, also counting invalid bytes into `*invalid` when given.
std::vector<Token> tokenize_counting(std::string_view text, size_t* invalid);

// analyze(), leaving Token::stem empty when `with_stems` is false (for callers that cache stems
// per word form themselves).
Analysis analyze_impl(std::string_view text, const LanguageRules& rules, bool with_stems);

}  // namespace impasse::text
