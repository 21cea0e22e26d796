// `impasse graph SCENARIO [--format dot|json] [--out FILE]`: a case's node graph for authors,
// as Graphviz DOT (render it with `dot -Tsvg`) or JSON.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli_io.h"
#include "cli/commands.h"
#include "impasse/json_write.h"
#include "impasse/scenario_graph.h"

namespace impasse::cli {
namespace {

struct GraphOptions {
    std::string scenario;
    std::string format = "dot";
    std::string out;
};

nlohmann::ordered_json graph_json(const ScenarioGraph& g) {
    nlohmann::ordered_json j;
    j["id"] = g.id;
    j["title"] = g.title;
    j["nodes"] = nlohmann::ordered_json::array();
    for (const GraphNode& n : g.nodes)
        j["nodes"].push_back({{"id", n.id},
                              {"stage", n.stage},
                              {"markers", n.markers},
                              {"ending", n.ending.empty() ? nlohmann::ordered_json()
                                                          : nlohmann::ordered_json(n.ending)},
                              {"start", n.start},
                              {"reachable", n.reachable}});
    j["edges"] = nlohmann::ordered_json::array();
    for (const GraphEdge& e : g.edges) {
        nlohmann::ordered_json edge{
            {"from", e.from},
            {"to", e.to},
            {"response", e.fallback || !e.reaction.empty() ? nlohmann::ordered_json()
                                                           : nlohmann::ordered_json(e.response)},
            {"expert", e.expert},
            {"mistake", e.mistake},
            {"fallback", e.fallback}};
        if (!e.reaction.empty()) edge["reaction"] = e.reaction;  // a moment's typed reaction
        j["edges"].push_back(std::move(edge));
    }
    return j;
}

void run(const GraphOptions& o, int& exit_code) {
    ScenarioPtr s = find_scenario(o.scenario, exit_code);
    if (!s) return;
    ScenarioGraph g = scenario_graph(*s);
    std::string text = o.format == "json" ? json_out::write(graph_json(g), 2) + "\n" : graph_dot(g);
    write_output(o.out, text, exit_code);
}

}  // namespace

void add_graph(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<GraphOptions>();
    auto* cmd = app.add_subcommand("graph", "A case's node graph (Graphviz DOT or JSON)");
    cmd->add_option("scenario", o->scenario, "A scenario file or a bundled scenario id")
        ->required();
    cmd->add_option("--format", o->format, "dot or json")->check(CLI::IsMember({"dot", "json"}));
    cmd->add_option("--out", o->out, "Output file (default: standard output)");
    cmd->callback([o, &exit_code] { run(*o, exit_code); });
}

}  // namespace impasse::cli
