// Learn: the theory pages (assets/learn/*.md) and live examples drawn from the scenario library.
//
// A page is a Markdown file with a small header:
//     ---
//     id: here_and_now
//     title: Here and now
//     summary: one line, shown as a tooltip wherever the id appears
//     ---
// Pages are data so that a trainer can correct or translate them without touching code.
// Loading returns diagnostics (missing header fields, duplicate ids, unreadable files) and
// never throws. Examples are found in the scenarios at call time, so they grow with the library.
#pragma once

#include <string>
#include <vector>

#include "impasse/diagnostic.h"
#include "impasse/scenario.h"

namespace impasse {

struct LearnPage {
    std::string id;
    std::string title;
    std::string summary;
    std::string body;  // Markdown
    std::string file;
};

struct LearnLibrary {
    std::vector<LearnPage> pages;  // sorted by id
    Diagnostics diagnostics;
    const LearnPage* find(const std::string& id) const;
};

// Loads every *.md file in `dir`.
LearnLibrary load_learn_pages(const std::string& dir);

// The order pages are listed in the Learn screen and in docs/theory.md: overview pages, rupture
// types, markers, stages, principles, sequence principles, counter-markers, strategies,
// alliance, feelings, urges. Ids with no page are skipped.
std::vector<const LearnPage*> learn_contents(const LearnLibrary& lib);

struct LearnExample {
    std::string scenario_id;
    std::string scenario_title;
    std::string node_id;
    std::string patient_line;  // the patient's line at that node
    std::string cue;
    std::string response_text;  // "" for marker and stage examples
    int rating = -1;            // the expert rating for principle examples (0..2)
    bool positive = true;  // a good example (marker present, rated 2, ...) or a counter-example
};

// Examples for a topic id: nodes carrying a marker; responses rated 2 (and 0) on a principle;
// responses enacting a counter-marker or strategy; nodes at a stage. At most `max` of each
// polarity, spread over different scenarios first.
std::vector<LearnExample> find_examples(const std::string& topic,
                                        const std::vector<ScenarioPtr>& scenarios, size_t max = 3);

// docs/theory.md: every page in contents order, as one Markdown document.
std::string theory_markdown(const LearnLibrary& lib);

}  // namespace impasse
