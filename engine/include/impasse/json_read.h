// The one way outside JSON text is parsed (a `score --jsonl` line, a transcript file, a value
// read back from the record, a phone's request body): never throws, and refuses text nested
// deeper than kMaxDepth arrays and objects before nlohmann parses it, since writing
// (json_write.h) and destroying a value recurse once per level and a line 70,000 levels deep
// overflowed the stack.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace impasse::json_in {

constexpr int kMaxDepth = 128;

// The deepest nesting of arrays and objects in `text` (brackets inside strings do not count),
// counting no further than `limit` + 1.
int depth(std::string_view text, int limit = kMaxDepth);

// `text` parsed; a discarded value when it is not JSON or is nested too deep, and then *why
// (when given) says which in a sentence ("is not valid JSON", "is nested more than 128 levels
// deep").
nlohmann::json parse(std::string_view text, std::string* why = nullptr);
nlohmann::ordered_json parse_ordered(std::string_view text, std::string* why = nullptr);

}  // namespace impasse::json_in
