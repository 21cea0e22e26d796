// Progress: what the trainee's record says over weeks — scores per principle over time, what
// has been practised, how check-ins relate to performance, how well self-ratings match the
// measured scores, whether drills that began with a pause went differently, and which drill
// to do next.
//
// Everything here is computed from the store and the scenario library on demand; nothing is
// cached or written. Statements are descriptive: the app never claims a cause.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "impasse/scenario.h"
#include "impasse/store.h"

namespace impasse {

struct PrinciplePoint {
    std::string date;  // drill start (ISO-8601)
    int64_t drill = 0;
    double value = 0;  // mean score of the principle over the drill's turns, [0, 1]
};

// "When you felt irritated at 6 or more, your non-defensiveness averaged 0.31; otherwise 0.68."
struct CheckinPattern {
    std::string feeling;
    std::string principle;
    int threshold = 6;
    double with_mean = 0, without_mean = 0;
    int with_n = 0, without_n = 0;
    std::string sentence;
};

struct Calibration {
    std::string principle;
    double self_mean = 0;      // the trainee's own ratings, [0, 1]
    double measured_mean = 0;  // the scorer's, over the same drills
    int n = 0;
};

struct PauseComparison {
    int with_pause = 0, without_pause = 0;  // drills
    double score_with = -1, score_without = -1;
    double intensity_with = -1, intensity_without = -1;  // mean check-in intensity
    std::string sentence;
};

struct Recommendation {
    std::string scenario_id;
    std::string title;
    int difficulty = 1;
    std::string reason;
};

struct Progress {
    int drills = 0, finished = 0, turns = 0;
    std::map<std::string, std::vector<PrinciplePoint>> principle_series;  // by principle id
    std::map<std::string, int> markers_practised;                         // marker id -> times met
    std::map<std::string, int> rupture_types_practised;
    std::map<std::string, double> principle_means;  // over everything
    std::vector<CheckinPattern> patterns;           // the strongest differences first
    std::vector<Calibration> calibration;
    PauseComparison pause;
    std::vector<Recommendation> next;  // best first
    std::string next_level_reason;     // why the difficulty goes up, down or stays
};

Progress compute_progress(const Store& store, const std::vector<ScenarioPtr>& library);

}  // namespace impasse
