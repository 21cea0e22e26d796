#include "impasse/diagnostic.h"

#include <algorithm>

namespace impasse {

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::error:
            return "error";
        case Severity::warning:
            return "warning";
        case Severity::note:
            return "note";
    }
    return "error";
}

std::string Diagnostic::to_string() const {
    std::string out = file;
    out += ':' + std::to_string(line > 0 ? line : 1);
    out += ':' + std::to_string(column > 0 ? column : 1);
    out += ": ";
    out += severity_name(severity);
    out += ": " + message;
    if (!code.empty()) out += " [" + code + "]";
    return out;
}

bool has_errors(const Diagnostics& diags) {
    return count(diags, Severity::error) > 0;
}

int count(const Diagnostics& diags, Severity s) {
    return static_cast<int>(std::count_if(diags.begin(), diags.end(),
                                          [s](const Diagnostic& d) { return d.severity == s; }));
}

}  // namespace impasse
