#include "impasse/json_read.h"

namespace impasse::json_in {

int depth(std::string_view text, int limit) {
    int level = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++level > deepest) deepest = level;
            if (deepest > limit) return deepest;
        } else if ((c == ']' || c == '}') && level > 0) {
            --level;
        }
    }
    return deepest;
}

namespace {

template <typename Json>
Json parse_as(std::string_view text, std::string* why) {
    if (depth(text) > kMaxDepth) {
        if (why) *why = "is nested more than " + std::to_string(kMaxDepth) + " levels deep";
        return Json(nlohmann::detail::value_t::discarded);
    }
    Json j = Json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() && why) *why = "is not valid JSON";
    return j;
}

}  // namespace

nlohmann::json parse(std::string_view text, std::string* why) {
    return parse_as<nlohmann::json>(text, why);
}

nlohmann::ordered_json parse_ordered(std::string_view text, std::string* why) {
    return parse_as<nlohmann::ordered_json>(text, why);
}

}  // namespace impasse::json_in
