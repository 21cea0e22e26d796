#include "impasse/report.h"

namespace impasse {

ReportData collect_report(const Store& store, const ReportQuery& q,
                          const std::function<std::string(const std::string&)>& title_of) {
    ReportData data;
    data.generated_at = now_iso8601();
    data.from = q.from;
    data.to = q.to;
    std::vector<DrillRow> rows;
    if (q.drill_id > 0) {
        if (auto d = store.drill(q.drill_id)) rows.push_back(*d);
    } else {
        rows = store.drills(q.from, q.to);
    }
    for (auto& d : rows) {
        ReportDrill r;
        r.title = title_of ? title_of(d.scenario_id) : "";
        if (r.title.empty()) r.title = d.scenario_id;
        r.turns = store.turns(d.id);
        r.checkins = store.checkins(d.id);
        r.journal = store.journal(d.id);
        r.drill = std::move(d);
        data.drills.push_back(std::move(r));
    }
    return data;
}

}  // namespace impasse
