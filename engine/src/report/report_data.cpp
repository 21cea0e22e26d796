// JSON and CSV renderings of a report.
#include <sstream>

#include "impasse/report.h"
#include "impasse/vocabulary.h"
#include "report/turn_view.h"

namespace impasse {
namespace {

std::string csv_field(const std::string& s) {
    bool quote = s.find_first_of(",\"\n\r") != std::string::npos;
    // A leading =, +, - or @ would be read as a formula by spreadsheets.
    bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@');
    std::string body = formula ? "'" + s : s;
    if (!quote) return body;
    std::string out = "\"";
    for (char c : body)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string num(double v) {
    if (v < 0) return "";
    std::ostringstream s;
    s << v;
    return s.str();
}

}  // namespace

nlohmann::json render_report_json(const ReportData& data) {
    using nlohmann::json;
    json drills = json::array();
    for (const auto& d : data.drills) {
        json turns = json::array();
        for (const auto& t : d.turns) {
            turns.push_back({{"index", t.index},
                             {"node", t.node},
                             {"input", t.input},
                             {"overall", t.overall},
                             {"record", t.record}});
            if (!t.damaged.empty()) turns.back()["damaged"] = t.damaged;
        }
        json checkins = json::array();
        for (const auto& c : d.checkins)
            checkins.push_back({{"turn", c.turn},
                                {"feelings", c.feelings},
                                {"intensity", c.intensity},
                                {"urges", c.urges},
                                {"body", c.body},
                                {"created_at", c.created_at}});
        json journal = json::array();
        for (const auto& j : d.journal)
            journal.push_back({{"node", j.node}, {"text", j.text}, {"created_at", j.created_at}});
        drills.push_back({{"id", d.drill.id},
                          {"scenario", d.drill.scenario_id},
                          {"title", d.title},
                          {"started_at", d.drill.started_at},
                          {"ended_at", d.drill.ended_at},
                          {"status", d.drill.status},
                          {"ending", d.drill.ending},
                          {"mean_score", d.drill.mean_score},
                          {"distress", d.drill.distress},
                          {"pause_note", d.drill.pause_note},
                          {"turns", turns},
                          {"checkins", checkins},
                          {"journal", journal}});
    }
    return {{"format", "impasse-report/1"},
            {"generated_at", data.generated_at},
            {"from", data.from},
            {"to", data.to},
            {"drills", drills}};
}

std::string render_report_csv(const ReportData& data) {
    std::ostringstream out;
    out << "drill,scenario,started_at,turn,node,input_kind,said,response,overall";
    for (const auto& p : vocab::principles())
        out << "," << p.id;
    for (const auto& c : vocab::counter_markers())
        out << "," << c.id;
    out << ",bond,task,goal\n";
    for (const auto& d : data.drills) {
        for (const auto& t : d.turns) {
            report::TurnView v = report::view_turn(t.record, t.input, t.overall);
            out << d.drill.id << "," << csv_field(d.drill.scenario_id) << ","
                << csv_field(d.drill.started_at) << "," << t.index << "," << csv_field(t.node)
                << "," << csv_field(v.input_kind) << "," << csv_field(v.said) << ","
                << csv_field(v.response) << "," << num(v.overall);
            for (double x : v.principles)
                out << "," << num(x);
            for (double x : v.counter_markers)
                out << "," << num(x);
            out << "," << num(v.bond) << "," << num(v.task) << "," << num(v.goal) << "\n";
        }
    }
    return out.str();
}

}  // namespace impasse
