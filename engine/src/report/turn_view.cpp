#include "report/turn_view.h"

#include "impasse/vocabulary.h"

namespace impasse::report {
namespace {

std::string str(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return "";
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

double num(const nlohmann::json& j, const char* key, double fallback = -1) {
    if (!j.is_object()) return fallback;
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

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
    const nlohmann::json& in =
        input.is_object()
            ? input
            : (record.is_object() ? record.value("input", nlohmann::json()) : nlohmann::json());
    v.input_kind = str(in, "kind");
    v.response = str(in, "response");
    v.said = str(in, "text");
    if (v.said.empty()) v.said = str(record, "said");
    if (v.response.empty()) v.response = str(record, "routed_to");
    v.overall = overall;
    nlohmann::json scores = record.is_object() ? record.value("scores", nlohmann::json::object())
                                               : nlohmann::json::object();
    if (v.overall < 0) v.overall = num(scores, "overall");
    v.principles =
        by_vocab(scores.value("principles", nlohmann::json::object()), vocab::principles());
    v.counter_markers = by_vocab(scores.value("counter_markers", nlohmann::json::object()),
                                 vocab::counter_markers());
    nlohmann::json fb =
        record.is_object() ? record.value("feedback", nlohmann::json()) : nlohmann::json();
    v.feedback = fb.is_string() ? fb.get<std::string>() : str(fb, "summary");
    nlohmann::json after = record.is_object()
                               ? record.value("state_after", nlohmann::json::object())
                               : nlohmann::json::object();
    nlohmann::json alliance = after.is_object() ? after.value("alliance", nlohmann::json::object())
                                                : nlohmann::json::object();
    v.bond = num(alliance, "bond");
    v.task = num(alliance, "task");
    v.goal = num(alliance, "goal");
    return v;
}

}  // namespace impasse::report
