#include "impasse/xapi.h"

#include <cstdint>
#include <cstdio>

#include "impasse/vocabulary.h"
#include "report/turn_view.h"

namespace impasse {
namespace {

const char* kActivityBase = "urn:impasse:scenario:";

// A version-8 style UUID from two FNV-1a hashes of `key`: stable across exports.
std::string stable_uuid(const std::string& key) {
    auto fnv = [](const std::string& s, uint64_t h) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
        return h;
    };
    uint64_t a = fnv(key, 1469598103934665603ull), b = fnv(key + "#", 7809847782465536322ull);
    a = (a & ~0xF000ull) | 0x8000ull;                         // version 8 (custom)
    b = (b & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFFF),
                  static_cast<unsigned>(b >> 48),
                  static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFull));
    return buf;
}

nlohmann::json verb(const char* id, const char* display) {
    return {{"id", std::string("http://adlnet.gov/expapi/verbs/") + id},
            {"display", {{"en-US", display}}}};
}

}  // namespace

nlohmann::json xapi_statements(const ReportData& data, const XapiActor& actor) {
    using nlohmann::json;
    json actor_j = {{"objectType", "Agent"},
                    {"name", actor.name},
                    {"account", {{"homePage", actor.home_page}, {"name", actor.account}}}};
    json out = json::array();
    for (const auto& d : data.drills) {
        json activity = {{"objectType", "Activity"},
                         {"id", kActivityBase + d.drill.scenario_id},
                         {"definition",
                          {{"name", {{"en-US", d.title}}},
                           {"type", "http://adlnet.gov/expapi/activities/simulation"}}}};
        std::string drill_key = "drill:" + std::to_string(d.drill.id) + ":" + d.drill.started_at;
        json registration = stable_uuid(drill_key);
        for (const auto& t : d.turns) {
            report::TurnView v = report::view_turn(t.record, t.input, t.overall);
            json result = {{"response", v.said.empty() ? v.response : v.said}};
            if (v.overall >= 0)
                result["score"] = {
                    {"scaled", v.overall / 100.0}, {"raw", v.overall}, {"min", 0}, {"max", 100}};
            json ext = {{"urn:impasse:node", v.node}, {"urn:impasse:markers", v.markers}};
            json principles = json::object();
            for (size_t i = 0; i < v.principles.size(); ++i)
                if (v.principles[i] >= 0)
                    principles[std::string(vocab::principles()[i].id)] = v.principles[i];
            ext["urn:impasse:principles"] = principles;
            result["extensions"] = ext;
            out.push_back({{"id", stable_uuid(drill_key + ":turn:" + std::to_string(t.index))},
                           {"actor", actor_j},
                           {"verb", verb("responded", "responded")},
                           {"object",
                            {{"objectType", "Activity"},
                             {"id", kActivityBase + d.drill.scenario_id + "/" + v.node},
                             {"definition",
                              {{"name", {{"en-US", d.title + ": " + v.node}}},
                               {"type", "http://adlnet.gov/expapi/activities/interaction"}}}}},
                           {"result", result},
                           {"context",
                            {{"registration", registration},
                             {"contextActivities", {{"parent", json::array({activity})}}}}},
                           {"timestamp", t.created_at}});
        }
        bool finished = d.drill.status == "finished";
        json stmt = {
            {"id", stable_uuid(drill_key)},
            {"actor", actor_j},
            {"verb", finished ? verb("completed", "completed") : verb("attempted", "attempted")},
            {"object", activity},
            {"context", {{"registration", registration}}},
            {"timestamp",
             finished && !d.drill.ended_at.empty() ? d.drill.ended_at : d.drill.started_at}};
        if (finished) {
            json result = {{"completion", true},
                           {"success", d.drill.ending == "resolved"},
                           {"extensions", {{"urn:impasse:ending", d.drill.ending}}}};
            if (d.drill.mean_score >= 0)
                result["score"] = {{"scaled", d.drill.mean_score / 100.0},
                                   {"raw", d.drill.mean_score},
                                   {"min", 0},
                                   {"max", 100}};
            stmt["result"] = result;
        }
        out.push_back(stmt);
    }
    return out;
}

}  // namespace impasse
