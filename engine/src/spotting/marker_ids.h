// Private helpers of the spotting drill: marker ids in ids.yaml order, and the messages for
// ids that are not markers.
#pragma once

#include <string>
#include <string_view>

#include "impasse/diagnostic.h"

namespace impasse::spotting {

inline constexpr std::string_view kNone = "none";

// True for the 14 marker ids of ids.yaml.
bool known_marker(std::string_view id);

// Sort key: the id's position in ids.yaml; unknown ids after all known ones.
int marker_order(std::string_view id);

// "'x' is not a marker id; did you mean '…'?" (the hint only when one is close).
std::string unknown_marker_message(std::string_view id);

Diagnostic error_at(const std::string& file, int line, int column, const char* code,
                    std::string message);

}  // namespace impasse::spotting
