#include "spotting/marker_ids.h"

#include <vector>

#include "impasse/utf8.h"
#include "impasse/vocabulary.h"
#include "yaml/safe_yaml.h"

namespace impasse::spotting {

bool known_marker(std::string_view id) {
    return vocab::contains(vocab::markers(), id);
}

int marker_order(std::string_view id) {
    int i = vocab::index_of(vocab::markers(), id);
    return i < 0 ? static_cast<int>(vocab::markers().size()) : i;
}

std::string unknown_marker_message(std::string_view id) {
    std::string hint;
    // A bare suffix ("minimal_response") names its full id.
    for (const auto& t : vocab::markers()) {
        std::string_view full = t.id;
        size_t dot = full.find('.');
        if (dot != std::string_view::npos && full.substr(dot + 1) == id) hint = std::string(full);
    }
    if (hint.empty() && id.size() <= 80) {  // edit distance is quadratic: skip hostile tokens
        // Compare the part after the type ("sulking" in "withdrawal.sulking") with the markers'
        // own names, so that a shared "withdrawal." does not make every guess look close.
        std::string_view name =
            id.substr(id.find('.') == std::string_view::npos ? 0 : id.find('.') + 1);
        std::vector<std::string> names;
        for (const auto& t : vocab::markers())
            names.emplace_back(t.id.substr(t.id.find('.') + 1));
        std::string near = yaml::did_you_mean(name, names);
        for (const auto& t : vocab::markers())
            if (!near.empty() && t.id.substr(t.id.find('.') + 1) == near) hint = std::string(t.id);
    }
    std::string shown(utf8::cut(id, 80));
    if (id.size() > 80) shown += "...";
    return "'" + shown + "' is not a marker id (see ids.yaml, or `none`)" +
           (hint.empty() ? "" : "; did you mean '" + hint + "'?");
}

Diagnostic error_at(const std::string& file, int line, int column, const char* code,
                    std::string message) {
    Diagnostic d;
    d.file = file;
    d.line = line;
    d.column = column;
    d.severity = Severity::error;
    d.code = code;
    d.message = std::move(message);
    return d;
}

}  // namespace impasse::spotting
