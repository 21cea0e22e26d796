// A scenario graph laid out by Graphviz's `dot` (libgvc), in points with y growing down, ready
// for the author view to draw with ImGui. The layout is computed once per loaded scenario.
#pragma once

#include <string>
#include <vector>

#include "impasse/scenario_graph.h"

namespace impasse::gui {

struct LaidOutNode {
    const GraphNode* node = nullptr;
    float x = 0, y = 0, w = 0, h = 0;  // centre and size
};

struct LaidOutEdge {
    const GraphEdge* edge = nullptr;
    std::vector<float> points;  // x0,y0, then cubic Bézier control points in threes (x,y pairs)
};

struct GraphLayout {
    ScenarioGraph graph;
    std::vector<LaidOutNode> nodes;
    std::vector<LaidOutEdge> edges;
    float width = 0, height = 0;
    std::string error;  // "" when laid out
};

// Lays out `graph` (copied into the result, which the pointers above point into).
GraphLayout layout_graph(ScenarioGraph graph);

}  // namespace impasse::gui
