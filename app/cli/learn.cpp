// `impasse learn [TOPIC]`: the theory pages in the terminal, with live examples from the library.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "impasse/learn.h"
#include "impasse/markdown.h"
#include "impasse/paths.h"
#include "impasse/scenario_loader.h"

namespace impasse::cli {
namespace {

struct LearnOptions {
    std::string topic;
    bool all = false;
    bool markdown = false;
};

void print_examples(const std::string& topic) {
    std::string dir = paths::bundled_scenarios();
    if (dir.empty()) return;
    auto lib = load_library({dir});
    auto examples = find_examples(topic, lib.scenarios);
    if (examples.empty()) return;
    std::printf("\nFrom the library\n----------------\n");
    for (const auto& e : examples) {
        std::printf("\n  %s — %s (%s)\n", e.positive ? "+" : "-", e.scenario_title.c_str(),
                    e.node_id.c_str());
        std::printf("    Patient: %s\n", e.patient_line.c_str());
        if (!e.response_text.empty()) std::printf("    Therapist: %s\n", e.response_text.c_str());
    }
}

void run(const LearnOptions& o, int& exit_code) {
    std::string dir = paths::assets();
    auto lib = load_learn_pages(dir.empty() ? "" : dir + "/learn");
    for (const auto& d : lib.diagnostics)
        std::fprintf(stderr, "%s\n", d.to_string().c_str());
    if (o.all && o.markdown) {
        std::string text = theory_markdown(lib);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    if (o.topic.empty() || o.all) {
        std::printf("Topics (impasse learn TOPIC):\n\n");
        for (const LearnPage* p : learn_contents(lib))
            std::printf("  %-42s %s\n", p->id.c_str(), p->title.c_str());
        return;
    }
    const LearnPage* page = lib.find(o.topic);
    if (!page) {
        std::fprintf(stderr, "impasse: no Learn page '%s'; `impasse learn` lists them\n",
                     o.topic.c_str());
        exit_code = 1;
        return;
    }
    if (o.markdown) {
        std::printf("# %s\n\n%s", page->title.c_str(), page->body.c_str());
        return;
    }
    std::string text = md::to_terminal(
        md::parse("# " + page->title + "\n\n*" + page->summary + "*\n\n" + page->body));
    std::printf("%s", text.c_str());
    print_examples(page->id);
}

}  // namespace

void add_learn(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<LearnOptions>();
    auto* cmd =
        app.add_subcommand("learn", "Read the theory: ruptures, markers, principles, strategies");
    cmd->add_option("topic", o->topic, "A page id, e.g. here_and_now or withdrawal.denial");
    cmd->add_flag("--all", o->all,
                  "List every page (with --markdown: print them all as one document)");
    cmd->add_flag("--markdown", o->markdown, "Print Markdown instead of terminal text");
    cmd->callback([o, &exit_code] { run(*o, exit_code); });
}

}  // namespace impasse::cli
