// The table behind impasse/diagnostic_codes.h.
#include "impasse/diagnostic_codes.h"

#include <iterator>

namespace impasse {
namespace {

#define IMPASSE_DIAGNOSTIC_ROW(name, code, severity, title) {code, Severity::severity, title},
constexpr DiagnosticDescriptor kCodes[] = {IMPASSE_DIAGNOSTIC_CODES(IMPASSE_DIAGNOSTIC_ROW)};
#undef IMPASSE_DIAGNOSTIC_ROW

}  // namespace

const DiagnosticDescriptor* diagnostic_codes_begin() {
    return std::begin(kCodes);
}
const DiagnosticDescriptor* diagnostic_codes_end() {
    return std::end(kCodes);
}

const DiagnosticDescriptor* find_diagnostic_code(std::string_view code) {
    for (const auto& d : kCodes)
        if (code == d.code) return &d;
    return nullptr;
}

}  // namespace impasse
