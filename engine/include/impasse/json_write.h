// The one JSON writer. Every JSON the program writes (play --json events, transcripts,
// validate/graph/spot --format json, score output, reports, exports, rows of the record) goes
// through write(), never through nlohmann's dump() directly: dump() throws on a string that is
// not valid UTF-8, and an escaped exception is an abort that loses the user's turn.
//
// write() never throws: invalid UTF-8 in a string is written as U+FFFD (nothing outside
// impasse/utf8.h's valid() should reach here, but a hostile byte must not crash the writer),
// and a failure to allocate gives "null". Values are expected to be shallow (parsed input is
// depth-checked with json_read.h first), since writing recurses once per level.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace impasse::json_out {

// `j` as JSON text: compact when `indent` < 0, else pretty with that many spaces per level;
// with `ascii`, every non-ASCII character as a \u escape.
std::string write(const nlohmann::json& j, int indent = -1, bool ascii = false) noexcept;
std::string write(const nlohmann::ordered_json& j, int indent = -1, bool ascii = false) noexcept;

}  // namespace impasse::json_out
