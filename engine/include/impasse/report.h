// Reports of the trainee's record: one drill or a date range, as a self-contained HTML page
// (inline CSS and SVG charts, no scripts, prints well to PDF), as JSON, or as CSV.
//
// A report is built from the store (store.h) in two steps: collect() gathers the drills, their
// turns, check-ins and journal entries into a ReportData value; the render_* functions turn
// that value into text. Rendering never fails; missing fields in stored turns are shown as
// absent. Everything user-written is escaped.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "impasse/store.h"

namespace impasse {

struct ReportDrill {
    DrillRow drill;
    std::string title;  // the scenario's title when known, else its id
    std::vector<TurnRow> turns;
    std::vector<CheckIn> checkins;
    std::vector<JournalEntry> journal;
};

struct ReportData {
    std::string generated_at;
    std::string from, to;  // the range asked for ("" = open)
    std::vector<ReportDrill> drills;
};

struct ReportQuery {
    int64_t drill_id = 0;  // > 0: only this drill
    std::string from;      // ISO date or timestamp, inclusive ("" = open)
    std::string to;        // exclusive
};

// `title_of` maps a scenario id to its title (may return "").
ReportData collect_report(const Store& store, const ReportQuery& q,
                          const std::function<std::string(const std::string&)>& title_of);

std::string render_report_html(const ReportData& data);
nlohmann::json render_report_json(const ReportData& data);
// One row per turn: drill, scenario, turn, node, input kind, text/response, overall, the ten
// principle scores, the eight counter-marker scores, alliance after the turn.
std::string render_report_csv(const ReportData& data);

}  // namespace impasse
