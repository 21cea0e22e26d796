// The terminal drill: drives a Session from lines of input and prints the dialogue, as
// `impasse play` does. The golden-transcript tests run exactly this code.
//
// Input lines: a number picks that option; `:back` rewinds a turn; `:quit` stops; any other
// non-empty text is a typed answer. An empty line or an option number that does not exist
// gets a one-line message and the prompt again. Output is readable text, or (json) one JSON
// object per line: {"event": "moment"|"turn"|"rewind"|"notice"|"end"|"quit", ...}.
//
// When a Store and drill id are given, every answered turn is committed as it happens,
// rewinds truncate it, and reaching an ending finishes the drill.
#pragma once

#include <cstdint>
#include <iosfwd>

#include "impasse/session.h"
#include "impasse/store.h"
#include "impasse/transcript.h"

namespace impasse {

struct PlayOptions {
    bool json = false;
    bool show_prompt = true;  // print "> " before reading (text mode)
    Store* store = nullptr;
    int64_t drill_id = 0;
};

// `stuck`: the case offers no way on (no option's condition holds and a typed answer has
// nowhere to go); the drill is ended with a message instead of waiting forever.
enum class PlayOutcome { ended, quit, input_ended, store_failed, stuck };

PlayOutcome run_play(Session& session, std::istream& in, std::ostream& out,
                     const PlayOptions& options);

// The snapshot that resumes a drill recorded in the store: its scenario, seed and the inputs of
// every committed turn (used by `play --resume` and the GUI's Resume).
Snapshot recorded_snapshot(const Store& store, const DrillRow& row);

// Commits the session's last turn to the store (used by run_play and the GUI).
std::string record_last_turn(Store& store, int64_t drill_id, const Session& session);

}  // namespace impasse
