// The version of Impasse and of the formats it reads and writes.
#pragma once

namespace impasse {

const char* version_string();  // "0.1.0"

constexpr const char* kScenarioFormat = "impasse/1";
constexpr const char* kTranscriptFormat = "impasse-transcript/1";

}  // namespace impasse
