// Contexts and JSON for `impasse score`.
#include "cli/score_common.h"

#include <cmath>

#include "impasse/json_read.h"
#include "impasse/json_write.h"
#include "impasse/vocabulary.h"

namespace impasse::cli {
namespace {

double round3(double v) {
    return std::round(v * 1000.0) / 1000.0;
}

template <size_t N>
nlohmann::ordered_json by_id(const std::array<double, N>& values,
                             const std::vector<vocab::Term>& terms) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    for (size_t i = 0; i < N && i < terms.size(); ++i)
        o[std::string(terms[i].id)] = round3(values[i]);
    return o;
}

}  // namespace

std::string moment_from_context(const nlohmann::ordered_json& c, MomentHolder* out) {
    if (c.is_null()) return "";
    if (!c.is_object()) return "\"context\" must be an object";
    static const char* known[] = {"rupture_type", "markers",  "marker", "stage",
                                  "patient_line", "scenario", "node"};
    for (const auto& kv : c.items()) {
        bool ok = false;
        for (const char* k : known)
            ok = ok || kv.key() == k;
        if (!ok) return "unknown context key \"" + kv.key() + "\"";
    }
    Moment& m = out->moment;
    if (c.contains("rupture_type")) {
        const auto& rt = c["rupture_type"];
        if (!rt.is_string() || !vocab::contains(vocab::rupture_types(), rt.get<std::string>()))
            return "\"rupture_type\" must be \"withdrawal\" or \"confrontation\"";
        m.rupture_type = rt.get<std::string>();
    }
    auto add_marker = [&](const nlohmann::ordered_json& mk) -> std::string {
        MarkerRef ref;
        if (mk.is_string()) {
            ref.id = mk.get<std::string>();
        } else if (mk.is_object() && mk.contains("id") && mk["id"].is_string()) {
            ref.id = mk["id"].get<std::string>();
            if (mk.contains("salience") && mk["salience"].is_number_integer())
                ref.salience = mk["salience"].get<int>();
        } else {
            return "a marker is an id or {\"id\": ..., \"salience\": 1..5}";
        }
        if (!vocab::contains(vocab::markers(), ref.id)) return "unknown marker \"" + ref.id + "\"";
        m.markers.push_back(std::move(ref));
        return "";
    };
    if (c.contains("marker") && !c["marker"].is_null()) {
        std::string e = add_marker(c["marker"]);
        if (!e.empty()) return e;
    }
    if (c.contains("markers")) {
        if (!c["markers"].is_array()) return "\"markers\" must be a list";
        for (const auto& mk : c["markers"]) {
            std::string e = add_marker(mk);
            if (!e.empty()) return e;
        }
    }
    if (c.contains("stage")) {
        if (!c["stage"].is_string() ||
            !vocab::contains(vocab::stages(), c["stage"].get<std::string>()))
            return "\"stage\" must be one of marker, disembedding, exploration, avoidance, "
                   "underlying_need";
        m.stage = c["stage"].get<std::string>();
    }
    if (c.contains("patient_line")) {
        if (!c["patient_line"].is_string()) return "\"patient_line\" must be text";
        out->line_node.say = c["patient_line"].get<std::string>();
        m.node = &out->line_node;
    }
    if (c.contains("scenario") || c.contains("node")) {
        if (!c.contains("scenario") || !c["scenario"].is_string() || !c.contains("node") ||
            !c["node"].is_string())
            return "\"scenario\" and \"node\" go together, both as text";
        if (m.node == &out->line_node)
            return "give either \"patient_line\" or \"scenario\" + \"node\", not both";
        return moment_from_scenario(c["scenario"].get<std::string>(), c["node"].get<std::string>(),
                                    out);
    }
    return "";
}

nlohmann::ordered_json score_json(const nlohmann::ordered_json& id, const Score& s) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    o["id"] = id;
    o["overall"] = std::round(s.overall * 10.0) / 10.0;
    o["principles"] = by_id(s.principles, vocab::principles());
    o["counter_markers"] = by_id(s.counter_markers, vocab::counter_markers());
    o["strategies"] = by_id(s.strategies, vocab::resolution_strategies());
    nlohmann::ordered_json ev = nlohmann::ordered_json::array();
    for (const auto& e : s.evidence)
        ev.push_back(
            {{"kind", e.kind}, {"id", e.id}, {"start", e.start}, {"end", e.end}, {"text", e.text}});
    o["evidence"] = std::move(ev);
    // Why the answer could not be read ("empty", "punctuation", "not_english", "too_long"),
    // or null when it could.
    if (s.unreadable.empty())
        o["unreadable"] = nullptr;
    else
        o["unreadable"] = s.unreadable;
    return o;
}

std::string dump_line(const nlohmann::ordered_json& j) {
    return json_out::write(j);
}

// One JSONL line in, one JSON line out.
std::string score_line(const Scorer& scorer, const std::string& line) {
    std::string why;
    nlohmann::ordered_json in = json_in::parse_ordered(line, &why);
    nlohmann::ordered_json id = nullptr;
    auto fail = [&](const std::string& msg) {
        nlohmann::ordered_json o = nlohmann::ordered_json::object();
        o["id"] = id;
        o["error"] = msg;
        return dump_line(o);
    };
    if (in.is_discarded())
        return fail(why == "is not valid JSON" ? "not valid JSON (or not valid UTF-8)"
                                               : "the line " + why);
    if (!in.is_object()) return fail("each line must be a JSON object");
    if (in.contains("id")) id = in["id"];
    if (!in.contains("text")) return fail("missing \"text\"");
    if (!in["text"].is_string()) return fail("\"text\" must be a string");
    MomentHolder holder;
    if (in.contains("context")) {
        std::string err = moment_from_context(in["context"], &holder);
        if (!err.empty()) return fail(err);
    }
    Score s = scorer.score_text(in["text"].get_ref<const std::string&>(), holder.moment);
    return score_text_json(id, s);
}

}  // namespace impasse::cli
