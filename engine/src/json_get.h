// Reading fields of JSON that came from outside (transcripts, the record, exports) without
// exceptions: a missing field or one of the wrong type reads as the fallback. nlohmann's own
// value() throws on a type mismatch, which is a crash for a hostile file; use these instead.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace impasse::json_get {

inline std::string str(const nlohmann::json& j, const char* key, std::string fallback = "") {
    if (!j.is_object()) return fallback;
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

inline double num(const nlohmann::json& j, const char* key, double fallback = -1) {
    if (!j.is_object()) return fallback;
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

// The field if it is an object, else an empty object.
inline nlohmann::json obj(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return nlohmann::json::object();
    auto it = j.find(key);
    return it != j.end() && it->is_object() ? *it : nlohmann::json::object();
}

// The field whatever its type, or null.
inline nlohmann::json any(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    auto it = j.find(key);
    return it != j.end() ? *it : nlohmann::json();
}

}  // namespace impasse::json_get
