// Sync: the trainee's outbox pushed to the programme server, the notes pulled back.
//
// Offline-first: sharing or withdrawing only writes the local outbox (Store::share_drill,
// withdraw_share); sync() does the talking when the server is reachable. Each drill is pushed
// in one transaction of its own, as an idempotent upsert keyed by the laptop's uids, and marked
// pushed in the record only after the server committed it. So a connection lost mid-push leaves
// that drill as it was on the server (the transaction rolls back) and still waiting in the
// outbox; pushing again sends it whole, once. A drill changed since its last push (its digest
// differs) is pushed again; an unchanged one is not.
//
// Then the cohorts' assignments come down (replacing the pulled ones, keeping this trainee's
// status on each), the status of each one played (started, done) goes up once, as an upsert
// that never turns "done" back into "started", and the notes come down. Nothing else of a
// drill played for an assignment leaves the laptop unless it is shared.
//
// Errors come back as values. A refusal of one drill (say, a cohort the trainee is not in) is
// reported in SyncReport::refused and the others go on; a lost connection stops the sync.
#pragma once

#include <string>
#include <vector>

#include "impasse/programme.h"
#include "impasse/store.h"

namespace impasse::programme {

struct SyncReport {
    int pushed = 0;                    // drills sent
    int unchanged = 0;                 // drills the server already had as they are
    int withdrawn = 0;                 // drills deleted from the server
    int notes = 0;                     // notes pulled
    int assignments = 0;               // assignments pulled
    int statuses = 0;                  // assignment statuses sent
    std::vector<std::string> refused;  // one message per drill the server refused
};

// The copy of one outbox entry to send: the drill's final path, and its inner skills only when
// the trainee included them. "" on success.
[[nodiscard]] std::string shared_copy(const Store& store, const ShareRow& share, SharedDrill* out);

// A digest of everything `drill` would send (FNV-1a over its JSON, hex), to tell whether the
// server's copy is current.
std::string digest(const SharedDrill& drill);

// Pushes the outbox, then pulls the notes into the record. "" when it got through (report may
// still list refusals), else why it stopped.
[[nodiscard]] std::string sync(Store& store, Server& server, SyncReport* report);

}  // namespace impasse::programme
