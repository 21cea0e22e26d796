#include "impasse/scenario_graph.h"

#include <deque>
#include <map>
#include <set>

#include "impasse/vocabulary.h"

namespace impasse {

ScenarioGraph scenario_graph(const Scenario& s) {
    ScenarioGraph g;
    g.id = s.id;
    g.title = s.title;
    std::map<std::string, std::vector<std::string>> out;
    for (const Node& n : s.nodes) {
        GraphNode gn;
        gn.id = n.id;
        gn.stage = n.stage;
        for (const MarkerRef& m : n.markers)
            gn.markers.push_back(m.id);
        if (n.ending) gn.ending = std::string(ending_kind_id(n.ending->kind));
        gn.start = n.id == s.start;
        g.nodes.push_back(gn);
        for (const Response& r : n.responses) {
            GraphEdge e;
            e.from = n.id;
            e.to = r.next;
            e.response = r.id;
            e.expert = r.expert;
            e.mistake = !r.counter_markers.empty();
            g.edges.push_back(e);
            out[n.id].push_back(r.next);
        }
        if (!n.free_text.fallback.empty()) {
            GraphEdge e;
            e.from = n.id;
            e.to = n.free_text.fallback;
            e.fallback = true;
            g.edges.push_back(e);
            out[n.id].push_back(n.free_text.fallback);
        }
        if (n.reactions) {
            const std::pair<const char*, const std::string*> kinds[] = {
                {"softens", &n.reactions->softens},
                {"deepens", &n.reactions->deepens},
                {"risk", &n.reactions->risk}};
            for (const auto& [kind, to] : kinds) {
                if (to->empty()) continue;
                GraphEdge e;
                e.from = n.id;
                e.to = *to;
                e.reaction = kind;
                e.expert = e.reaction == "softens";
                g.edges.push_back(e);
                out[n.id].push_back(*to);
            }
        }
    }
    std::set<std::string> seen{s.start};
    std::deque<std::string> queue{s.start};
    while (!queue.empty()) {
        std::string id = queue.front();
        queue.pop_front();
        for (const std::string& next : out[id])
            if (seen.insert(next).second) queue.push_back(next);
    }
    for (GraphNode& n : g.nodes)
        n.reachable = seen.count(n.id) > 0;
    return g;
}

namespace {

// A DOT double-quoted string: backslashes, quotes and line breaks escaped, control bytes
// dropped.
std::string quoted(const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            q += '\\', q += c;
        else if (c == '\n')
            q += "\\n";
        else if (static_cast<unsigned char>(c) >= 0x20)
            q += c;
    }
    return q + "\"";
}

const char* ending_colour(const std::string& kind) {
    if (kind == "resolved") return "#2e7d32";
    if (kind == "partial") return "#8d6e00";
    return "#b23b3b";  // impasse, dropout
}

}  // namespace

std::string graph_dot(const ScenarioGraph& g) {
    std::string d = "digraph " + quoted(g.id) + " {\n";
    d += "  label=" + quoted(g.title + " (" + g.id + ")") +
         "; labelloc=t; fontname=\"DejaVu Sans\";\n";
    d += "  rankdir=TB; node [fontname=\"DejaVu Sans\", fontsize=10, shape=box, style=rounded];\n";
    d += "  edge [fontname=\"DejaVu Sans\", fontsize=8];\n";
    for (const GraphNode& n : g.nodes) {
        std::string label = n.id;
        if (!n.stage.empty()) label += "\n" + std::string(vocab::label(vocab::stages(), n.stage));
        for (const std::string& m : n.markers)
            label += "\n" + std::string(vocab::label(vocab::markers(), m));
        std::vector<std::string> attrs{"label=" + quoted(label)};
        if (!n.ending.empty()) {
            attrs.push_back("shape=doubleoctagon");
            attrs.push_back("style=\"\"");
            attrs.push_back(std::string("color=\"") + ending_colour(n.ending) + "\"");
        } else if (!n.markers.empty()) {
            bool withdrawal = vocab::marker_rupture_type(n.markers.front()) == "withdrawal";
            attrs.push_back("style=\"rounded,filled\"");
            attrs.push_back(withdrawal ? "fillcolor=\"#dbe8f6\"" : "fillcolor=\"#f8e0d4\"");
        }
        if (n.start) attrs.push_back("penwidth=2.5");
        if (!n.reachable) {
            attrs.push_back("color=\"#d32f2f\"");
            attrs.push_back("style=dashed");
            attrs.push_back("xlabel=\"unreachable\"");
        }
        d += "  " + quoted(n.id) + " [";
        for (size_t i = 0; i < attrs.size(); ++i)
            d += (i ? ", " : "") + attrs[i];
        d += "];\n";
    }
    for (const GraphEdge& e : g.edges) {
        d += "  " + quoted(e.from) + " -> " + quoted(e.to) + " [";
        if (e.fallback)
            d += "label=\"typed (fallback)\", style=dotted, color=\"#777777\"";
        else if (!e.reaction.empty())
            d += "label=" + quoted("typed (" + e.reaction + ")") + ", style=dotted" +
                 (e.expert ? ", color=\"#2e7d32\"" : "");
        else {
            d += "label=" + quoted(e.response);
            if (e.expert) d += ", color=\"#2e7d32\", penwidth=2";
            if (e.mistake) d += ", color=\"#b23b3b\", style=dashed";
        }
        d += "];\n";
    }
    return d + "}\n";
}

}  // namespace impasse
