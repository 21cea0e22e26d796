#include "yaml/safe_yaml.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "impasse/diagnostic_codes.h"
#include "impasse/utf8.h"

namespace impasse::yaml {
namespace {

Diagnostic make(const std::string& file, int line, int col, Severity sev, const char* code,
                std::string msg) {
    return Diagnostic{file, line, col, sev, code, std::move(msg)};
}

// The position (1-based) of byte `offset` in `text`.
void position(std::string_view text, size_t offset, int* line, int* col) {
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++*line;
            *col = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++*col;
        }
    }
}

// Offset of the first byte that is not valid UTF-8 (impasse/utf8.h: no overlongs, surrogates
// or code points above U+10FFFF) or is NUL, or npos.
size_t first_bad_byte(std::string_view s) {
    size_t bad = utf8::first_invalid(s);
    size_t nul = s.substr(0, bad).find('\0');
    return nul != std::string_view::npos ? nul : bad;
}

struct Scan {
    int max_depth = 0;
    size_t depth_offset = 0;
    size_t aliases = 0;
    size_t alias_offset = 0;
    size_t values = 0;  // lines with content, plus items of flow collections
    size_t values_offset = 0;
    size_t second_document = std::string_view::npos;  // offset of a second document's marker
};

// True when the line [j, end) ends in a block scalar indicator (`key: |`, `- >-`, `|2`): the
// lines indented under it are text, not structure.
bool opens_block_scalar(std::string_view t, size_t j, size_t end) {
    size_t e = end;
    while (e > j && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
        --e;
    size_t k = e;
    while (k > j && (t[k - 1] == '-' || t[k - 1] == '+' || (t[k - 1] >= '1' && t[k - 1] <= '9')))
        --k;
    if (k == j || (t[k - 1] != '|' && t[k - 1] != '>')) return false;
    --k;
    return k == j || t[k - 1] == ' ' || t[k - 1] == '\t';
}

// A cheap pass over the text: flow nesting plus block indentation levels, and alias count,
// ignoring quoted strings and comments.
Scan prescan(std::string_view t, size_t max_values) {
    Scan sc;
    std::vector<size_t> indents;
    size_t i = 0;
    int flow = 0;
    bool content = false;                   // the current document has content
    size_t block = std::string_view::npos;  // inside a block scalar: its parent line's indent
    while (i < t.size()) {
        // Start of a line.
        size_t indent = 0;
        while (i + indent < t.size() && t[i + indent] == ' ')
            ++indent;
        size_t j = i + indent;
        bool blank = j >= t.size() || t[j] == '\n' || t[j] == '#' || t[j] == '\r';
        if (block != std::string_view::npos) {
            bool empty = j >= t.size() || t[j] == '\n' || t[j] == '\r';
            if (empty || indent > block) {  // a line of the block's text: nothing to count
                size_t nl = t.find('\n', j);
                i = nl == std::string_view::npos ? t.size() : nl + 1;
                continue;
            }
            block = std::string_view::npos;
        }
        if (indent == 0 && flow == 0 && t.compare(j, 3, "---") == 0 &&
            (j + 3 >= t.size() || t[j + 3] == ' ' || t[j + 3] == '\n' || t[j + 3] == '\r')) {
            if (content && sc.second_document == std::string_view::npos) sc.second_document = j;
        }
        if (!blank && flow == 0 && t.compare(j, 3, "---") != 0 && t.compare(j, 3, "...") != 0)
            content = true;
        if (!blank && ++sc.values == max_values + 1) sc.values_offset = j;
        int line_depth = 0;
        if (!blank && flow == 0) {
            while (!indents.empty() && indents.back() > indent)
                indents.pop_back();
            if (indents.empty() || indents.back() < indent) indents.push_back(indent);
            line_depth = static_cast<int>(indents.size());
            size_t k = j;
            while (k + 1 < t.size() && t[k] == '-' && t[k + 1] == ' ') {
                ++line_depth;
                k += 2;
                while (k < t.size() && t[k] == ' ')
                    ++k;
            }
        }
        char quote = 0;
        for (; j < t.size() && t[j] != '\n'; ++j) {
            char c = t[j];
            if (quote) {
                if (c == quote)
                    quote = 0;
                else if (c == '\\' && quote == '"')
                    ++j;
                continue;
            }
            if (c == '#' && (j == 0 || t[j - 1] == ' ' || t[j - 1] == '\t')) {
                while (j < t.size() && t[j] != '\n')
                    ++j;
                break;
            }
            if (c == '"' || c == '\'') {
                bool starts_value = j == 0 || t[j - 1] == ' ' || t[j - 1] == '[' ||
                                    t[j - 1] == '{' || t[j - 1] == ',' || t[j - 1] == ':';
                if (starts_value) quote = c;
            } else if (c == ',' && flow > 0) {
                if (++sc.values == max_values + 1) sc.values_offset = j;
            } else if (c == '[' || c == '{') {
                ++flow;
                if (flow + line_depth > sc.max_depth) {
                    sc.max_depth = flow + line_depth;
                    sc.depth_offset = j;
                }
            } else if ((c == ']' || c == '}') && flow > 0) {
                --flow;
            } else if (c == '*' &&
                       (j == 0 || t[j - 1] == ' ' || t[j - 1] == '[' || t[j - 1] == ',' ||
                        t[j - 1] == '-') &&
                       j + 1 < t.size() && t[j + 1] != ' ') {
                if (++sc.aliases == 1) sc.alias_offset = j;
            }
        }
        if (line_depth > sc.max_depth) {
            sc.max_depth = line_depth;
            sc.depth_offset = i;
        }
        if (flow == 0 && quote == 0 && !blank && opens_block_scalar(t, i + indent, j))
            block = indent;
        i = j + 1;
    }
    return sc;
}

// Walks the parsed tree: reports duplicate keys, and stops when aliases make it expand past a
// budget (an alias bomb shares nodes, so the walk — not the parse — is what explodes).
class Walker {
  public:
    Walker(const std::string& file, Diagnostics& out) : file_(file), out_(out) {}
    bool walk(const YAML::Node& n, int depth) {
        if (++visited_ > kBudget) {
            out_.push_back(
                make(file_, 1, 1, Severity::error, codes::too_many_aliases,
                     "the document expands to too many values through anchors and aliases "
                     "(an alias bomb?); write the values out instead"));
            return false;
        }
        if (depth > 200) return true;
        if (n.IsScalar()) check_controls(n);
        if (n.IsMap()) {
            std::set<std::string> seen;
            for (const auto& kv : n) {
                if (kv.first.IsScalar()) {
                    check_controls(kv.first);
                    const std::string& k = kv.first.Scalar();
                    if (k == "<<" && kv.first.Tag() != "tag:yaml.org,2002:str" &&
                        kv.first.Tag() != "!") {
                        out_.push_back(make(file_, kv.first.Mark().line + 1,
                                            kv.first.Mark().column + 1, Severity::error,
                                            codes::merge_key,
                                            "merge keys ('<<') are not supported: write the "
                                            "values out in this mapping instead"));
                        continue;
                    }
                    if (!seen.insert(k).second)
                        out_.push_back(
                            make(file_, kv.first.Mark().line + 1, kv.first.Mark().column + 1,
                                 Severity::error, codes::duplicate_key,
                                 "duplicate key '" + k + "' (the earlier one would be ignored)"));
                }
                if (!walk(kv.second, depth + 1)) return false;
            }
        } else if (n.IsSequence()) {
            for (const auto& x : n)
                if (!walk(x, depth + 1)) return false;
        }
        return true;
    }

  private:
    // Control characters other than tab and line breaks (ESC above all: a terminal escape in a
    // line would redraw the trainee's screen when `play` or `validate` prints it), from raw bytes
    // or from YAML escapes like "\x1b", including C1 controls (U+0080..U+009F).
    void check_controls(const YAML::Node& n) {
        const std::string& v = n.Scalar();
        for (size_t i = 0; i < v.size(); ++i) {
            auto c = static_cast<unsigned char>(v[i]);
            bool c0 = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
            bool c1 = c == 0xC2 && i + 1 < v.size() &&
                      static_cast<unsigned char>(v[i + 1]) >= 0x80 &&
                      static_cast<unsigned char>(v[i + 1]) <= 0x9F;
            if (!c0 && !c1) continue;
            char code[16];
            std::snprintf(code, sizeof code, "U+%04X",
                          c1 ? static_cast<unsigned>(static_cast<unsigned char>(v[i + 1])) : c);
            out_.push_back(make(file_, n.Mark().line + 1, n.Mark().column + 1, Severity::error,
                                codes::control_character,
                                std::string("the text holds a control character (") + code +
                                    (c == 0x1B ? ", an escape" : "") +
                                    "); scenario text may not carry terminal control codes"));
            return;
        }
    }

    static constexpr size_t kBudget = 2'000'000;
    const std::string& file_;
    Diagnostics& out_;
    size_t visited_ = 0;
};

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min(
                {prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    size_t best_d = std::string::npos;
    for (const auto& c : candidates) {
        size_t d = edit_distance(word, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    size_t allowed = std::max<size_t>(2, word.size() / 3);
    return best_d <= allowed ? best : "";
}

Document load_text(std::string_view text, const std::string& name, const Limits& limits) {
    Document doc;
    doc.name = name;
    auto fail = [&](int line, int col, const char* code, std::string msg) {
        doc.diagnostics.push_back(make(name, line, col, Severity::error, code, std::move(msg)));
        return doc;
    };
    if (text.size() > limits.max_bytes)
        return fail(0, 0, codes::file_too_large,
                    "the file is " + std::to_string(text.size()) + " bytes; the limit is " +
                        std::to_string(limits.max_bytes));
    if (size_t bad = first_bad_byte(text); bad != std::string_view::npos) {
        int line, col;
        position(text, bad, &line, &col);
        return fail(line, col, codes::not_utf8,
                    text[bad] == '\0' ? "the file contains a NUL byte: it is binary, not YAML text"
                                      : "the file is not valid UTF-8 here (save it as UTF-8)");
    }
    // Lone CRs (old Mac line endings) are line breaks in YAML, but not to yaml-cpp: read them as
    // LFs, byte for byte, so that positions stay right.
    std::string unix_text;
    if (size_t cr = text.find('\r'); cr != std::string_view::npos) {
        bool lone = false;
        for (size_t k = cr; k < text.size() && !lone; ++k)
            lone = text[k] == '\r' && (k + 1 == text.size() || text[k + 1] != '\n');
        if (lone) {
            unix_text.assign(text);
            for (size_t k = 0; k < unix_text.size(); ++k)
                if (unix_text[k] == '\r' && (k + 1 == unix_text.size() || unix_text[k + 1] != '\n'))
                    unix_text[k] = '\n';
            text = unix_text;
        }
    }
    Scan sc = prescan(text, limits.max_values);
    if (sc.values > limits.max_values) {
        int line, col;
        position(text, sc.values_offset, &line, &col);
        return fail(line, col, codes::too_many_values,
                    "the file holds more than " + std::to_string(limits.max_values) +
                        " values; the limit keeps memory in proportion to the file");
    }
    if (sc.second_document != std::string_view::npos) {
        int line, col;
        position(text, sc.second_document, &line, &col);
        return fail(line, col, codes::second_document,
                    "a second YAML document starts here; a file holds one (remove this '---' "
                    "line, or put the second document in a file of its own)");
    }
    if (sc.max_depth > limits.max_depth) {
        int line, col;
        position(text, sc.depth_offset, &line, &col);
        return fail(line, col, codes::nested_too_deeply,
                    "nesting is deeper than " + std::to_string(limits.max_depth) + " levels");
    }
    if (sc.aliases > limits.max_aliases) {
        int line, col;
        position(text, sc.alias_offset, &line, &col);
        return fail(line, col, codes::too_many_aliases,
                    "the file uses " + std::to_string(sc.aliases) + " aliases; the limit is " +
                        std::to_string(limits.max_aliases));
    }
    try {
        doc.root = YAML::Load(std::string(text));
    } catch (const YAML::ParserException& e) {
        std::string msg = e.msg.empty() ? "YAML syntax error" : e.msg;
        return fail(e.mark.line >= 0 ? e.mark.line + 1 : 0,
                    e.mark.column >= 0 ? e.mark.column + 1 : 0, codes::yaml_syntax,
                    "YAML syntax: " + msg);
    } catch (const std::exception& e) {
        return fail(0, 0, codes::yaml_syntax, std::string("YAML syntax: ") + e.what());
    }
    try {
        Walker w(name, doc.diagnostics);
        w.walk(doc.root, 0);
    } catch (const std::exception& e) {
        return fail(0, 0, codes::yaml_syntax, std::string("YAML structure: ") + e.what());
    }
    if (has_errors(doc.diagnostics)) doc.root = YAML::Node();
    return doc;
}

std::optional<std::string> read_text(const std::string& path, const Limits& limits,
                                     Diagnostics& out) {
    auto fail = [&](const char* code, std::string msg) {
        out.push_back(make(path, 0, 0, Severity::error, code, std::move(msg)));
        return std::nullopt;
    };
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) return fail(codes::cannot_read, "no such file");
    if (std::filesystem::is_directory(status))
        return fail(codes::cannot_read, "this is a folder, not a file");
    if (!std::filesystem::is_regular_file(status))
        return fail(codes::cannot_read, "this is not a regular file");
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > limits.max_bytes)
        return fail(codes::file_too_large, "the file is " + std::to_string(size) +
                                               " bytes; the limit is " +
                                               std::to_string(limits.max_bytes));
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(codes::cannot_read, "the file cannot be read (permissions?)");
    std::string text;
    text.resize(static_cast<size_t>(size));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad() || static_cast<size_t>(in.gcount()) != text.size())
        return fail(codes::cannot_read, "the file cannot be read");
    return text;
}

Document load_file(const std::string& path, const Limits& limits) {
    Document doc;
    doc.name = path;
    auto text = read_text(path, limits, doc.diagnostics);
    if (!text) return doc;
    return load_text(*text, path, limits);
}

void Reader::error(const YAML::Node& at, const std::string& code, const std::string& message) {
    out_.push_back(make(file_, line(at), column(at), Severity::error, code.c_str(), message));
}

void Reader::error_at(int line, int column, const std::string& code, const std::string& message) {
    out_.push_back(make(file_, line, column, Severity::error, code.c_str(), message));
}

void Reader::warning(const YAML::Node& at, const std::string& code, const std::string& message) {
    out_.push_back(make(file_, line(at), column(at), Severity::warning, code.c_str(), message));
}

void Reader::check_keys(const YAML::Node& map, const std::vector<std::string>& allowed,
                        const std::string& what) {
    if (!map.IsMap()) return;
    for (const auto& kv : map) {
        if (!kv.first.IsScalar()) {
            error(kv.first, codes_.unknown_key, "a key of " + what + " must be a plain name");
            continue;
        }
        const std::string& k = kv.first.Scalar();
        if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
        std::string hint = did_you_mean(k, allowed);
        error(kv.first, codes_.unknown_key,
              "unknown key '" + k + "' in " + what +
                  (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    }
}

bool Reader::require(const YAML::Node& map, const char* key, const std::string& what) {
    if (map.IsMap() && map[key]) return true;
    error(map, codes_.missing_key, what + " needs '" + key + "'");
    return false;
}

bool Reader::mapping(const YAML::Node& n, const std::string& what) {
    if (n.IsMap()) return true;
    error(n, codes_.wrong_type, what + " must be a mapping (key: value lines)");
    return false;
}

bool Reader::sequence(const YAML::Node& n, const std::string& what) {
    if (n.IsSequence()) return true;
    error(n, codes_.wrong_type, what + " must be a list");
    return false;
}

std::optional<std::string> Reader::string(const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) {
        error(n, codes_.wrong_type, what + " must be text");
        return std::nullopt;
    }
    return n.Scalar();
}

std::optional<long long> Reader::integer(const YAML::Node& n, const std::string& what, long long lo,
                                         long long hi) {
    if (n.IsScalar()) {
        const std::string& s = n.Scalar();
        char* end = nullptr;
        errno = 0;
        long long v = std::strtoll(s.c_str(), &end, 10);
        if (!s.empty() && end && *end == '\0' && errno == 0) {
            if (v < lo || v > hi) {
                error(n, codes_.out_of_range,
                      what + " must be from " + std::to_string(lo) + " to " + std::to_string(hi) +
                          ", not " + s);
                return std::nullopt;
            }
            return v;
        }
    }
    error(n, codes_.wrong_type, what + " must be a whole number");
    return std::nullopt;
}

std::optional<double> Reader::number(const YAML::Node& n, const std::string& what, double lo,
                                     double hi) {
    if (n.IsScalar()) {
        const std::string& s = n.Scalar();
        char* end = nullptr;
        double v = std::strtod(s.c_str(), &end);
        if (!s.empty() && end && *end == '\0' && std::isfinite(v)) {
            if (v < lo || v > hi) {
                std::ostringstream m;
                m << what << " must be from " << lo << " to " << hi << ", not " << s;
                error(n, codes_.out_of_range, m.str());
                return std::nullopt;
            }
            return v;
        }
    }
    error(n, codes_.wrong_type, what + " must be a number");
    return std::nullopt;
}

std::optional<bool> Reader::boolean(const YAML::Node& n, const std::string& what) {
    if (n.IsScalar()) {
        const std::string& s = n.Scalar();
        if (s == "true") return true;
        if (s == "false") return false;
    }
    error(n, codes_.wrong_type, what + " must be true or false");
    return std::nullopt;
}

std::optional<std::vector<std::string>> Reader::string_list(const YAML::Node& n,
                                                            const std::string& what) {
    if (!n.IsSequence()) {
        error(n, codes_.wrong_type, what + " must be a list");
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& x : n) {
        if (!x.IsScalar()) {
            error(x, codes_.wrong_type, "each entry of " + what + " must be text");
            return std::nullopt;
        }
        out.push_back(x.Scalar());
    }
    return out;
}

}  // namespace impasse::yaml
