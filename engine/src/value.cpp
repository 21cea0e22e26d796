#include "impasse/value.h"

#include <cstdio>

namespace impasse {

std::string Value::to_string() const {
    if (is_bool()) return boolean ? "true" : "false";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", number);
    return buf;
}

}  // namespace impasse
