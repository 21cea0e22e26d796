// The node graph of a scenario, for authors: which lines lead where, where the markers and the
// endings are, and what cannot be reached. Used by `impasse graph` (Graphviz DOT or JSON) and
// meant for the GUI's author view.
//
// Nodes keep the file's order; edges are the responses in file order, then the node's free-text
// fallback. Reachability follows every edge from the start and ignores conditions (a node behind
// a condition that never holds still counts as reachable; library_test.cpp plays the cases to
// find those). Pure functions of the scenario; thread-safe; nothing throws.
#pragma once

#include <string>
#include <vector>

#include "impasse/scenario.h"

namespace impasse {

struct GraphNode {
    std::string id;
    std::string stage;                 // stage id, may be empty
    std::vector<std::string> markers;  // marker ids on the patient line
    std::string ending;                // ending kind id, or "" when the node has responses
    bool start = false;
    bool reachable = true;
};

struct GraphEdge {
    std::string from, to;
    std::string response;  // response id, or "" for the free-text fallback and reactions
    std::string reaction;  // "softens", "deepens" or "risk" for a moment's reaction, else ""
    bool expert = false;   // the node's expert answer
    bool mistake = false;  // the response enacts a counter-marker
    bool fallback = false;
};

struct ScenarioGraph {
    std::string id, title;
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
};

ScenarioGraph scenario_graph(const Scenario& s);

// Graphviz DOT: one node per line (its id, stage and markers; endings as double octagons
// coloured by kind; unreachable nodes dashed red), expert edges bold green, mistakes dashed red,
// the fallback dotted. All text is escaped, so any id or title is safe.
std::string graph_dot(const ScenarioGraph& g);

}  // namespace impasse
