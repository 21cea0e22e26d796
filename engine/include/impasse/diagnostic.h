// Diagnostics: the one way the engine reports a problem in outside input.
//
// A Diagnostic names the file, the 1-based line and column, a severity, a stable code (documented
// in docs/diagnostics.md) and a message. Every loader in the engine returns a list of them
// instead of throwing; an empty list with no errors means the input was accepted. They print
// like a compiler's: `FILE:LINE:COL: error: MESSAGE [CODE]`. Line and column are 0 when the
// problem concerns the whole file (an unreadable file, say); they still print as 1:1.
#pragma once

#include <string>
#include <vector>

namespace impasse {

enum class Severity { error, warning, note };

// "error", "warning" or "note".
const char* severity_name(Severity s);

struct Diagnostic {
    std::string file;
    int line = 0;    // 1-based; 0 = whole file
    int column = 0;  // 1-based; 0 = whole line
    Severity severity = Severity::error;
    std::string code;  // e.g. IMP0101 (codes::not_a_scenario); see impasse/diagnostic_codes.h
    std::string message;

    // `file:line:col: severity: message [code]`, one line, no trailing newline.
    std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

bool has_errors(const Diagnostics& diags);
int count(const Diagnostics& diags, Severity s);

}  // namespace impasse
