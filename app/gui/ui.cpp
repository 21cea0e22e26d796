#include "gui/ui.h"
#include "gui/wording.h"

#include <algorithm>
#include <cstdio>

#include "impasse/json_write.h"
#include "impasse/paths.h"

namespace impasse::gui {
namespace {

struct ScreenName {
    Screen screen;
    const char* id;
};
const ScreenName kScreens[] = {
    {Screen::library, "library"},   {Screen::drill, "drill"}, {Screen::debrief, "debrief"},
    {Screen::progress, "progress"}, {Screen::learn, "learn"}, {Screen::settings, "settings"},
    {Screen::workshop, "workshop"}, {Screen::spot, "spot"},   {Screen::author, "author"}};

// A new seed for the patient's line variants: the clock's low bits.
uint64_t fresh_seed() {
    return static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count()) &
           0xffffffffu;
}

}  // namespace

const char* screen_id(Screen s) {
    for (const auto& n : kScreens)
        if (n.screen == s) return n.id;
    return "library";
}

bool screen_from_id(const std::string& id, Screen* out) {
    for (const auto& n : kScreens)
        if (id == n.id) {
            *out = n.screen;
            return true;
        }
    return false;
}

const Scenario* Ui::find_scenario(const std::string& id) const {
    for (const auto& s : library.scenarios)
        if (s->id == id) return s.get();
    return nullptr;
}

ScenarioPtr Ui::scenario_ptr(const std::string& id) const {
    for (const auto& s : library.scenarios)
        if (s->id == id) return s;
    return nullptr;
}

const std::map<std::string, DrillRow>& Ui::last_drills() {
    if (last_drills_version_ != record_version) {
        last_drills_.clear();
        if (store)
            for (const auto& d : store->drills())
                if (d.status == "finished") last_drills_[d.scenario_id] = d;
        last_drills_version_ = record_version;
    }
    return last_drills_;
}

ScenarioPtr Ui::case_to_start(const std::string& id) {
    ScenarioPtr s = scenario_ptr(id);
    if (!s) report("The case '" + id + "' is not in the library.");
    return s;
}

void Ui::report(const std::string& message) {
    if (!message.empty()) banners.push_back(message);
}

void Ui::open_store(const std::string& dir) {
    data_dir = dir;
    store_error.clear();
    std::string warning;
    store = Store::open(dir, &store_error, &warning);
    if (!warning.empty()) std::fprintf(stderr, "impasse: %s\n", warning.c_str());
    record_problem_open = !store;
}

void Ui::start_drill(const std::string& id) {
    ScenarioPtr s = case_to_start(id);
    if (!s) return;
    if (drill && drill->active() && !drill->at_end() && store && drill->drill_id() > 0)
        store->abandon_drill(drill->drill_id());
    drill = std::make_unique<DrillSession>();
    OptionOrder order =
        settings.option_order == "fixed" ? OptionOrder::file : OptionOrder::shuffled;
    if (std::string e = drill->start(s, fresh_seed(), scorer.get(), store.get(), order);
        !e.empty()) {
        report(e);
        drill.reset();
        return;
    }
    drill_view.reset(0);
    distress = 5;
    pause = PauseState();
    bool hard = s->difficulty >= 3;
    if (settings.pause == "always" || (settings.pause == "hard_cases" && hard)) {
        pause.open = true;
        pause.seconds = hard ? 90 : 60;
        pause.started = std::chrono::steady_clock::now();
    }
    arm_timer(*s);
    record_changed();
    screen = Screen::drill;
}

void Ui::start_demo(const std::string& id) {
    ScenarioPtr s = case_to_start(id);
    if (!s) return;
    audience.reset();
    demo = std::make_unique<Demo>(s, fresh_seed(), scorer.get());
    demo_id = 0;
    reveal = whatif = orientations = tally_mode = false;
    save_demo();
    screen = Screen::workshop;
}

void Ui::toggle_audience() {
    if (audience) {
        audience.reset();
        std::printf("audience: stopped\n");
        std::fflush(stdout);
        return;
    }
    if (!demo) return;
    std::string bind =
        !options.audience_bind.empty() ? options.audience_bind : settings.audience_bind;
    int port = options.audience_port >= 0 ? options.audience_port : settings.audience_port;
    std::string error;
    audience = LiveAudience::start(*demo, scorer.get(), bind, port, &error);
    if (!audience && port != 0) {  // the usual port is taken: any free one will do
        audience = LiveAudience::start(*demo, scorer.get(), bind, 0, &error);
    }
    if (!audience) {
        report("The audience vote could not start: " + error +
               ". Check the address in Settings, or keep a show of hands (T).");
        return;
    }
    for (const std::string& u : audience->urls())
        std::printf("audience: %s\n", u.c_str());
    std::printf("audience: port %d room %s presenter-token %s\n", audience->port(),
                audience->room().code().c_str(), audience->room().token().c_str());
    std::fflush(stdout);
}

void Ui::start_spotting(const std::string& id) {
    ScenarioPtr s = case_to_start(id);
    if (!s) return;
    spotting = std::make_unique<Spotting>();
    spotting->sheet = make_sheet(*s);
    spotting->flags.assign(spotting->sheet.turns.size(), {});
    screen = Screen::spot;
}

void Ui::save_demo() {
    if (!demo || !store) return;
    std::string e =
        store->save_demo(&demo_id, demo->session().scenario().id, json_out::write(demo->to_json()));
    if (!e.empty()) report("The demo could not be saved: " + e);
}

void Ui::resume_drill() {
    if (!store) return;
    auto row = store->last_unfinished();
    if (!row) {
        report("There is no unfinished drill to resume.");
        return;
    }
    ScenarioPtr s = scenario_ptr(row->scenario_id);
    if (!s) {
        report("The unfinished drill's case '" + row->scenario_id +
               "' is no longer in the library.");
        return;
    }
    drill = std::make_unique<DrillSession>();
    if (std::string e = drill->resume(s, *row, scorer.get(), store.get()); !e.empty()) {
        report(e);
        drill.reset();
        return;
    }
    drill_view.reset(static_cast<int>(drill->turns().size()));
    arm_timer(*s);
    screen = Screen::drill;
}

void Ui::arm_timer(const Scenario& s) {
    timer_on = s.kind == ScenarioKind::moment && settings.moment_timer != "off";
    if (timer_on) timer_seconds = std::stod(settings.moment_timer);
    timer_started = std::chrono::steady_clock::now();
}

void Ui::after_turn() {
    drill_view.scroll_conversation = true;
    timer_started = std::chrono::steady_clock::now();
    record_changed();
    if (drill && drill->at_end() && settings.feedback == "end") screen = Screen::debrief;
}

void Ui::open_learn(const std::string& id) {
    if (screen == Screen::learn && !learn_page.empty() && learn_page != id)
        learn_back.push_back(learn_page);
    learn_page = id;
    screen = Screen::learn;
}

void Ui::reload_library() {
    std::vector<std::string> dirs;
    if (std::string bundled = paths::bundled_scenarios(); !bundled.empty()) dirs.push_back(bundled);
    if (!options.extra_scenarios.empty()) dirs.push_back(options.extra_scenarios);
    library = load_library(dirs);
    int errors = count(library.diagnostics, Severity::error);
    if (errors > 0) {
        const Diagnostic* first = nullptr;
        for (const auto& d : library.diagnostics)
            if (d.severity == Severity::error) {
                first = &d;
                break;
            }
        banners.push_back(
            count_of(errors, "problem", "problems") +
            " in scenario files; those cases are not listed. First: " + first->to_string());
    }
    if (library.scenarios.empty() && dirs.empty())
        banners.push_back(
            "The bundled scenarios were not found; set IMPASSE_DATA_ROOT or use --scenarios DIR.");
    if (!find_scenario(selected) && !library.scenarios.empty())
        selected = library.scenarios.front()->id;
}

}  // namespace impasse::gui
