#include "impasse/json_write.h"

namespace impasse::json_out {
namespace {

template <class J>
std::string write_any(const J& j, int indent, bool ascii) noexcept {
    try {
        return j.dump(indent, ' ', ascii, J::error_handler_t::replace);
    } catch (...) {  // bad_alloc; type_error cannot happen with replace
        return "null";
    }
}

}  // namespace

std::string write(const nlohmann::json& j, int indent, bool ascii) noexcept {
    return write_any(j, indent, ascii);
}

std::string write(const nlohmann::ordered_json& j, int indent, bool ascii) noexcept {
    return write_any(j, indent, ascii);
}

}  // namespace impasse::json_out
