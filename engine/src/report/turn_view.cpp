#include "report/turn_view.h"

#include "impasse/vocabulary.h"
#include "json_get.h"

namespace impasse::report {
namespace {

using json_get::num;
using json_get::obj;
using json_get::str;

std::vector<double> by_vocab(const nlohmann::json& obj, const std::vector<vocab::Term>& terms) {
    std::vector<double> out;
    for (const auto& t : terms)
        out.push_back(num(obj, std::string(t.id).c_str()));
    return out;
}

}  // namespace

TurnView view_turn(const nlohmann::json& record, const nlohmann::json& input, double overall) {
    TurnView v;
    v.node = str(record, "node");
    v.patient = str(record, "patient");
    v.cue = str(record, "cue");
    v.stage = str(record, "stage");
    if (record.is_object() && record.contains("markers") && record["markers"].is_array()) {
        for (const auto& m : record["markers"]) {
            if (m.is_string())
                v.markers.push_back(m.get<std::string>());
            else if (m.is_object())
                v.markers.push_back(str(m, "id"));
        }
    }
    const nlohmann::json& in = input.is_object() ? input : json_get::any(record, "input");
    v.input_kind = str(in, "kind");
    v.response = str(in, "response");
    v.said = str(in, "text");
    if (v.said.empty()) v.said = str(record, "said");
    if (v.response.empty()) v.response = str(record, "routed_to");
    v.overall = overall;
    nlohmann::json scores = obj(record, "scores");
    if (v.overall < 0) v.overall = num(scores, "overall");
    v.principles = by_vocab(obj(scores, "principles"), vocab::principles());
    v.counter_markers = by_vocab(obj(scores, "counter_markers"), vocab::counter_markers());
    nlohmann::json fb = json_get::any(record, "feedback");
    v.feedback = fb.is_string() ? fb.get<std::string>() : str(fb, "summary");
    nlohmann::json after = obj(record, "state_after");
    nlohmann::json alliance = obj(after, "alliance");
    v.bond = num(alliance, "bond");
    v.task = num(alliance, "task");
    v.goal = num(alliance, "goal");
    return v;
}

}  // namespace impasse::report
