#include "gui/settings.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "gui/private_file.h"
#include "impasse/json_write.h"
#include "impasse/paths.h"

namespace impasse::gui {
namespace {

std::string one_of(const nlohmann::json& j, const char* key,
                   std::initializer_list<const char*> allowed, const std::string& fallback) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return fallback;
    std::string v = it->get<std::string>();
    for (const char* a : allowed)
        if (v == a) return v;
    return fallback;
}

}  // namespace

Settings Settings::load(const std::string& path, std::string* warning) {
    Settings s;
    std::ifstream in(path);
    if (!in) return s;
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        if (warning)
            *warning = "Your settings file " + path + " could not be read; defaults are used.";
        return s;
    }
    s.theme = one_of(j, "theme", {"dark", "light", "high-contrast"}, s.theme);
    s.feedback = one_of(j, "feedback", {"immediate", "end"}, s.feedback);
    s.checkins = one_of(j, "checkins", {"markers", "every_turn", "never"}, s.checkins);
    s.pause = one_of(j, "pause", {"always", "hard_cases", "never"}, s.pause);
    s.moment_timer = one_of(j, "moment_timer", {"off", "60", "90", "120"}, s.moment_timer);
    s.option_order = one_of(j, "option_order", {"shuffled", "fixed"}, s.option_order);
    if (auto it = j.find("self_assess"); it != j.end() && it->is_boolean())
        s.self_assess = it->get<bool>();
    if (auto it = j.find("font_scale"); it != j.end() && it->is_number())
        s.font_scale = std::clamp(it->get<float>(), 0.75f, 2.5f);
    if (auto it = j.find("show_patient_state"); it != j.end() && it->is_boolean())
        s.show_patient_state = it->get<bool>();
    if (auto it = j.find("data_dir"); it != j.end() && it->is_string())
        s.data_dir = it->get<std::string>();
    if (auto it = j.find("audience_bind"); it != j.end() && it->is_string() &&
                                           !it->get<std::string>().empty() &&
                                           it->get<std::string>().size() < 64)
        s.audience_bind = it->get<std::string>();
    if (auto it = j.find("audience_port"); it != j.end() && it->is_number_integer() &&
                                           it->get<int64_t>() >= 1024 &&
                                           it->get<int64_t>() <= 65535)
        s.audience_port = static_cast<int>(it->get<int64_t>());
    return s;
}

std::string Settings::save(const std::string& path) const {
    nlohmann::json j = {{"theme", theme},
                        {"font_scale", font_scale},
                        {"feedback", feedback},
                        {"checkins", checkins},
                        {"show_patient_state", show_patient_state},
                        {"pause", pause},
                        {"moment_timer", moment_timer},
                        {"option_order", option_order},
                        {"self_assess", self_assess},
                        {"data_dir", data_dir},
                        {"audience_bind", audience_bind},
                        {"audience_port", audience_port}};
    return paths::write_file_atomic(path, json_out::write(j, 2) + "\n");
}

}  // namespace impasse::gui
