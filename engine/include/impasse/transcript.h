// Transcripts, snapshots and replay.
//
// A transcript is the JSON record of a drill (docs/transcript-format.md): every turn with the
// patient's line, markers, the trainee's input, scores, feedback and state before and after.
// A snapshot is the small value that restores a session exactly: scenario id and hash, seed,
// format version and the inputs. Both are outside input when read back, so parsing returns
// diagnostics instead of throwing, whatever the bytes.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "impasse/diagnostic.h"
#include "impasse/session.h"

namespace impasse {

nlohmann::json turn_json(const TurnRecord& t);
nlohmann::json transcript_json(const Session& s);
nlohmann::json score_json(const Score& s);
nlohmann::json state_json(const SessionState& s);

struct Snapshot {
    std::string format = "impasse-snapshot/1";
    std::string scenario;
    std::string scenario_hash;
    uint64_t seed = 0;
    std::string scorer_version;  // the scorer that routed the typed answers ("" unknown/none)
    std::string option_order = "file";  // "file" or "shuffled" (Session::OptionOrder)
    std::vector<TurnInput> inputs;
};

Snapshot snapshot(const Session& s);
nlohmann::json snapshot_json(const Snapshot& s);

// Restores a session from a snapshot: refuses another scenario or another version of it.
std::unique_ptr<Session> restore(const Snapshot& snap, ScenarioPtr scenario, const Scorer* scorer,
                                 std::string* error, Session::Clock clock = nullptr);

// Reads a transcript (or a snapshot) from JSON text. `name` names it in diagnostics.
struct ParsedTranscript {
    Snapshot snapshot;        // what replay needs
    nlohmann::json json;      // the whole document
    Diagnostics diagnostics;  // empty when it could be read
};
ParsedTranscript parse_transcript(std::string_view text, const std::string& name);
ParsedTranscript read_transcript_file(const std::string& path);

struct ReplayResult {
    bool identical = false;
    int turn = -1;       // first diverging turn (0-based), -1 when identical or before any turn
    std::string reason;  // why it diverges
};

// Replays a transcript against `scenario` and compares every turn (node, line, input, routed
// response, state); timestamps are not compared. A transcript made with another scorer version
// (transcript "scorer_version") is replayed along its recorded routes, its scores are not
// compared, and `reason` says so while `identical` stays true when every turn reproduces.
ReplayResult replay(const ParsedTranscript& t, ScenarioPtr scenario, const Scorer* scorer);

}  // namespace impasse
