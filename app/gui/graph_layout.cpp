#include "gui/graph_layout.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <map>

namespace impasse::gui {

GraphLayout layout_graph(ScenarioGraph graph) {
    GraphLayout out;
    out.graph = std::move(graph);
    GVC_t* gvc = gvContext();
    if (!gvc) {
        out.error = "Graphviz could not start";
        return out;
    }
    Agraph_t* g = agopen(const_cast<char*>("case"), Agdirected, nullptr);
    agsafeset(g, const_cast<char*>("rankdir"), const_cast<char*>("TB"), const_cast<char*>(""));
    agsafeset(g, const_cast<char*>("nodesep"), const_cast<char*>("0.3"), const_cast<char*>(""));
    std::map<std::string, Agnode_t*> by_id;
    for (const GraphNode& n : out.graph.nodes) {
        Agnode_t* an = agnode(g, const_cast<char*>(n.id.c_str()), 1);
        agsafeset(an, const_cast<char*>("shape"), const_cast<char*>("box"), const_cast<char*>(""));
        agsafeset(an, const_cast<char*>("fontsize"), const_cast<char*>("11"),
                  const_cast<char*>(""));
        by_id[n.id] = an;
    }
    std::vector<Agedge_t*> edges;
    int k = 0;
    for (const GraphEdge& e : out.graph.edges) {
        auto from = by_id.find(e.from), to = by_id.find(e.to);
        if (from == by_id.end() || to == by_id.end()) {
            edges.push_back(nullptr);
            continue;
        }
        std::string key = "e" + std::to_string(k++);  // parallel edges stay distinct
        edges.push_back(agedge(g, from->second, to->second, const_cast<char*>(key.c_str()), 1));
    }
    if (gvLayout(gvc, g, "dot") != 0) {
        out.error = "Graphviz could not lay out the graph";
        agclose(g);
        gvFreeContext(gvc);
        return out;
    }
    boxf bb = GD_bb(g);
    out.width = static_cast<float>(bb.UR.x - bb.LL.x);
    out.height = static_cast<float>(bb.UR.y - bb.LL.y);
    auto fx = [&](double x) { return static_cast<float>(x - bb.LL.x); };
    auto fy = [&](double y) { return static_cast<float>(bb.UR.y - y); };  // y down
    for (const GraphNode& n : out.graph.nodes) {
        Agnode_t* an = by_id[n.id];
        LaidOutNode ln;
        ln.node = &n;
        ln.x = fx(ND_coord(an).x);
        ln.y = fy(ND_coord(an).y);
        ln.w = static_cast<float>(ND_width(an) * 72.0);
        ln.h = static_cast<float>(ND_height(an) * 72.0);
        out.nodes.push_back(ln);
    }
    for (size_t i = 0; i < out.graph.edges.size(); ++i) {
        Agedge_t* ae = edges[i];
        if (!ae || !ED_spl(ae) || ED_spl(ae)->size < 1) continue;
        const bezier& bz = ED_spl(ae)->list[0];
        LaidOutEdge le;
        le.edge = &out.graph.edges[i];
        for (int p = 0; p < bz.size; ++p) {
            le.points.push_back(fx(bz.list[p].x));
            le.points.push_back(fy(bz.list[p].y));
        }
        if (bz.eflag) {  // the arrowhead's tip
            le.points.push_back(fx(bz.ep.x));
            le.points.push_back(fy(bz.ep.y));
        }
        out.edges.push_back(std::move(le));
    }
    gvFreeLayout(gvc, g);
    agclose(g);
    gvFreeContext(gvc);
    return out;
}

}  // namespace impasse::gui
