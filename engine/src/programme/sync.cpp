// Sync: outbox up, notes down (contract in impasse/programme_sync.h).
#include "impasse/programme_sync.h"

#include <cstdint>
#include <cstdio>

#include "impasse/json_write.h"

namespace impasse::programme {

std::string shared_copy(const Store& store, const ShareRow& share, SharedDrill* out) {
    auto d = store.drill_by_uid(share.drill_uid);
    if (!d) return "drill " + share.drill_uid + " is no longer in your record";
    *out = SharedDrill{};
    out->cohort = share.cohort;
    out->drill = *d;
    out->turns = store.turns(d->id);
    out->include_inner = share.include_inner;
    if (!share.include_inner) {
        out->drill.pause_note.clear();
        out->drill.distress = -1;
        return "";
    }
    out->checkins = store.checkins(d->id);
    out->journal = store.journal(d->id);
    for (const auto& r : store.self_ratings())
        if (r.drill_id == d->id) out->self_ratings.push_back(r);
    return "";
}

std::string digest(const SharedDrill& s) {
    nlohmann::json j = {{"cohort", s.cohort},
                        {"uid", s.drill.uid},
                        {"hash", s.drill.scenario_hash},
                        {"ended_at", s.drill.ended_at},
                        {"ending", s.drill.ending},
                        {"status", s.drill.status},
                        {"inner", s.include_inner},
                        {"pause_note", s.drill.pause_note},
                        {"distress", s.drill.distress}};
    for (const auto& t : s.turns)
        j["turns"].push_back({t.uid, t.index, t.record});
    for (const auto& c : s.checkins)
        j["checkins"].push_back({c.uid, c.turn, c.feelings, c.intensity, c.urges, c.body});
    for (const auto& e : s.journal)
        j["journal"].push_back({e.uid, e.node, e.text});
    for (const auto& r : s.self_ratings)
        j["self_ratings"].push_back({r.principle, r.rating});
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : json_out::write(j)) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

std::string sync(Store& store, Server& server, SyncReport* report) {
    *report = SyncReport{};
    for (const ShareRow& share : store.shares()) {
        if (share.wanted == "withdraw") {
            if (std::string e = server.withdraw(share.drill_uid, share.cohort); !e.empty()) {
                if (!server.connected()) return e;
                report->refused.push_back(share.drill_uid + " (" + share.cohort + "): " + e);
                continue;
            }
            if (std::string e = store.forget_share(share.drill_uid, share.cohort); !e.empty())
                return "the server deleted drill " + share.drill_uid +
                       " but the record could not note it: " + e;
            ++report->withdrawn;
            continue;
        }
        SharedDrill copy;
        if (std::string e = shared_copy(store, share, &copy); !e.empty()) {
            report->refused.push_back(e);
            continue;
        }
        std::string d = digest(copy);
        if (d == share.pushed_digest) {
            ++report->unchanged;
            continue;
        }
        if (std::string e = server.push(copy); !e.empty()) {
            if (!server.connected()) return e + " (drill " + share.drill_uid + ")";
            report->refused.push_back(share.drill_uid + " (" + share.cohort + "): " + e);
            continue;
        }
        // Committed on the server. Failing to note it here only means it is sent again.
        if (std::string e = store.mark_pushed(share.drill_uid, share.cohort, d); !e.empty())
            return "drill " + share.drill_uid + " was sent but the record could not note it: " + e;
        ++report->pushed;
    }
    // The assignments first, so that the status of one the supervisor deleted is not sent.
    std::vector<ProgrammeAssignment> assignments;
    if (std::string e = server.pull_assignments(&assignments); !e.empty()) return e;
    if (std::string e = store.replace_programme_assignments(assignments); !e.empty()) return e;
    report->assignments = static_cast<int>(assignments.size());
    for (const ProgrammeAssignment& a : store.programme_assignments()) {
        if (a.status.empty() || a.status == a.pushed_status) continue;
        if (std::string e = server.push_assignment_status(a.uid, a.status); !e.empty()) {
            if (!server.connected()) return e;
            report->refused.push_back("assignment " + a.uid + ": " + e);
            continue;
        }
        if (std::string e = store.mark_assignment_status_pushed(a.uid, a.status); !e.empty())
            return e;
        ++report->statuses;
    }
    std::vector<ProgrammeNote> notes;
    if (std::string e = server.pull_notes(&notes); !e.empty()) return e;
    if (std::string e = store.replace_programme_notes(notes); !e.empty()) return e;
    report->notes = static_cast<int>(notes.size());
    return "";
}

}  // namespace impasse::programme
