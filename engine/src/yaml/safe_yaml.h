// Guarded YAML loading for every data file the engine reads (scenarios, the rubric).
//
// yaml-cpp is lenient and throws; this layer makes it safe for hostile input and turns every
// problem into a Diagnostic with a 1-based line and column:
//   - the file must exist, be a regular file, be smaller than Limits::max_bytes;
//   - bytes must be valid UTF-8 without NUL (binary garbage is refused before parsing);
//   - nesting depth is pre-scanned (yaml-cpp's own guard is slow and its message is "bad file");
//   - anchors and aliases are counted (an alias bomb is refused, not expanded);
//   - duplicate keys in a mapping are reported (yaml-cpp keeps one silently).
// Nothing here throws; yaml-cpp's exceptions stop inside.
//
// The Reader helpers check a mapping's keys against an allowed list (an unknown key gets a
// "did you mean" suggestion) and read typed values with range checks.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "impasse/diagnostic.h"
#include "impasse/diagnostic_codes.h"

namespace impasse::yaml {

struct Limits {
    size_t max_bytes = 8 * 1024 * 1024;
    int max_depth = 64;
    size_t max_aliases = 1000;
    // Lines with content plus flow items: yaml-cpp takes about 500 bytes a value, so a file
    // of millions of one-character items would take gigabytes to read.
    size_t max_values = 400'000;
};

struct Document {
    YAML::Node root;  // null when diagnostics hold an error
    Diagnostics diagnostics;
    std::string name;
    bool ok() const { return root.IsDefined() && !has_errors(diagnostics); }
};

Document load_file(const std::string& path, const Limits& limits = {});
// The checks on the file itself (exists, regular, size, readable); the bytes or nullopt.
std::optional<std::string> read_text(const std::string& path, const Limits& limits,
                                     Diagnostics& out);
Document load_text(std::string_view text, const std::string& name, const Limits& limits = {});

// Closest candidate by edit distance, or "" when none is close enough.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// The codes a Reader reports its four kinds of problem with. Scenario files use the defaults;
// the rubric loader passes its own (IMP09xx), so both read through the same helpers.
struct ReaderCodes {
    const char* unknown_key = codes::unknown_key;
    const char* missing_key = codes::missing_key;
    const char* wrong_type = codes::wrong_type;
    const char* out_of_range = codes::out_of_range;
};

// Typed access with diagnostics at the node's position.
class Reader {
  public:
    Reader(std::string file, Diagnostics& out, ReaderCodes codes = {})
        : file_(std::move(file)), out_(out), codes_(codes) {}

    void error(const YAML::Node& at, const std::string& code, const std::string& message);
    void warning(const YAML::Node& at, const std::string& code, const std::string& message);
    void error_at(int line, int column, const std::string& code, const std::string& message);
    // 1-based, or 0 for a node with no position (a missing key's node included).
    int line(const YAML::Node& n) const {
        return n.IsDefined() && n.Mark().line >= 0 ? n.Mark().line + 1 : 0;
    }
    int column(const YAML::Node& n) const {
        return n.IsDefined() && n.Mark().line >= 0 ? n.Mark().column + 1 : 0;
    }
    const std::string& file() const { return file_; }

    // Reports keys of `map` not in `allowed` (unknown_key, with a suggestion). `what` names the
    // mapping in messages ("node", "response").
    void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed,
                    const std::string& what);
    // Reports a missing required key (missing_key) and returns false.
    bool require(const YAML::Node& map, const char* key, const std::string& what);

    // A mapping (a list) or a diagnostic wrong_type and false.
    bool mapping(const YAML::Node& n, const std::string& what);
    bool sequence(const YAML::Node& n, const std::string& what);

    // Each returns nullopt (after a diagnostic wrong_type or out_of_range) when the value has
    // the wrong type or is out of range.
    std::optional<std::string> string(const YAML::Node& n, const std::string& what);
    std::optional<long long> integer(const YAML::Node& n, const std::string& what, long long lo,
                                     long long hi);
    std::optional<double> number(const YAML::Node& n, const std::string& what, double lo,
                                 double hi);
    std::optional<bool> boolean(const YAML::Node& n, const std::string& what);
    std::optional<std::vector<std::string>> string_list(const YAML::Node& n,
                                                        const std::string& what);

  private:
    std::string file_;
    Diagnostics& out_;
    ReaderCodes codes_;
};

}  // namespace impasse::yaml
