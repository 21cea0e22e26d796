// A workshop demo: one case played in front of a room, with every branch the presenter explores
// kept (the what-if explorer) and the audience's show of hands per moment (the tally).
//
// Mental model: a tree of sessions. Each branch is the session after one more answer than its
// parent; the root is the case's opening. play() answers at the current branch with a response
// and moves to the child for it (made the first time, revisited after); back() returns to the
// parent. Every branch keeps its own Session, so coming back shows exactly what was there.
// options() lays out every response at the current moment side by side — available or not —
// with its score, the principles it embodies, and the patient line it leads to, for the room
// to compare. The tally counts hands per response at a node and is saved with the demo
// (to_json / Store::save_demo). Determinism: the same seed and the same plays give the same
// tree. Ownership: the scenario is shared; the scorer is borrowed and must outlive the demo.
// Errors are values; nothing throws. Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "impasse/score.h"
#include "impasse/scorer.h"
#include "impasse/session.h"

namespace impasse {

class Demo {
  public:
    Demo(ScenarioPtr scenario, uint64_t seed, const Scorer* scorer);

    struct Branch {
        int id = 0;
        int parent = -1;       // -1 for the root
        std::string response;  // the answer that led here ("" for the root)
        Session session;
        std::vector<int> children;
    };

    // One response at the current moment, for side-by-side comparison.
    struct Option {
        const Response* response = nullptr;
        bool available = true;              // its condition holds now
        Score score;                        // as the scorer rates this option here
        std::vector<std::string> embodies;  // principle ids rated 2
        std::string leads_to;               // next node id
        std::string next_line;              // the patient's line there (its base text)
        int branch = -1;                    // the branch already played for it, or -1
    };

    const Session& session() const { return branches_[current_].session; }
    const Branch& branch(int id) const { return branches_[static_cast<size_t>(id)]; }
    const std::vector<Branch>& branches() const { return branches_; }
    int current() const { return current_; }
    int depth(int id) const;  // answers from the root

    std::vector<Option> options() const;

    Session::Result play(std::string_view response_id);
    Session::Result back();
    Session::Result go(int branch_id);  // jump to any branch (the branch map)

    // Audience tally at the current node: hands raised per response id.
    void set_hands(const std::string& response_id, int hands);  // clamps at 0
    int hands(const std::string& node_id, const std::string& response_id) const;
    const std::map<std::string, std::map<std::string, int>>& tallies() const { return tallies_; }

    // {"format":"impasse-demo/1","scenario","seed","branches":[{id,parent,response,node}],
    //  "current","tallies":{node:{response:hands}}}
    nlohmann::json to_json() const;

  private:
    const Scorer* scorer_;
    std::vector<Branch> branches_;
    int current_ = 0;
    std::map<std::string, std::map<std::string, int>> tallies_;
};

}  // namespace impasse
