// Reading a stored turn record (a transcript turn, docs/transcript-format.md) for reports,
// tolerant of missing or older fields.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace impasse::report {

struct TurnView {
    std::string node;
    std::string patient;
    std::string cue;
    std::vector<std::string> markers;
    std::string stage;
    std::string input_kind;  // "option" | "text"
    std::string said;        // what the trainee said (option text or typed text)
    std::string response;    // option id or routed response id
    double overall = -1;
    std::vector<double> principles;          // vocabulary order, -1 when absent
    std::vector<double> counter_markers;     // vocabulary order, -1 when absent
    std::string feedback;                    // one line
    double bond = -1, task = -1, goal = -1;  // after the turn
};

TurnView view_turn(const nlohmann::json& record, const nlohmann::json& input, double overall);

}  // namespace impasse::report
