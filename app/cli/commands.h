// The command-line front end: one file per subcommand, each adding itself to the CLI11 app.
//
// A subcommand's callback stores its exit code in `exit_code`; main() returns it. Subcommands
// never open a window. Exit codes: 0 success, 1 the input had problems (errors, divergence),
// 2 a usage error.
#pragma once

namespace CLI {
class App;
}

namespace impasse::cli {

void add_paths(CLI::App& app, int& exit_code);
void add_validate(CLI::App& app, int& exit_code);
void add_play(CLI::App& app, int& exit_code);   // play and replay
void add_score(CLI::App& app, int& exit_code);  // score.cpp
void add_data(CLI::App& app, int& exit_code);
void add_report(CLI::App& app, int& exit_code);
void add_learn(CLI::App& app, int& exit_code);
void add_graph(CLI::App& app, int& exit_code);
void add_workshop(CLI::App& app, int& exit_code);
void add_spot(CLI::App& app, int& exit_code);         // marker spotting
void add_model(CLI::App& app, int& exit_code);        // model.cpp: train / explain / info
void add_programme(CLI::App& app, int& exit_code);    // programme_admin.cpp
void add_share(CLI::App& app, int& exit_code);        // share, unshare, sync
void add_review(CLI::App& app, int& exit_code);       // review, note (supervisors)
void add_assignments(CLI::App& app, int& exit_code);  // assign.cpp: a trainee's list
// assign.cpp: `programme assign` and `programme assignments` (supervisors)
void add_programme_assignments(CLI::App& prog, int& exit_code);

}  // namespace impasse::cli
