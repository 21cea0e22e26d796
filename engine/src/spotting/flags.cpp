// parse_flags(): the trainee's answer sheet, one `TURN MARKER_ID` per line.
#include <string>
#include <vector>

#include "impasse/diagnostic_codes.h"
#include "impasse/spotting.h"
#include "impasse/utf8.h"
#include "spotting/marker_ids.h"

namespace impasse {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

struct Token {
    std::string_view text;
    int column = 0;  // 1-based
};

std::vector<Token> split(std::string_view line) {
    std::vector<Token> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && is_space(line[i]))
            ++i;
        size_t start = i;
        while (i < line.size() && !is_space(line[i]))
            ++i;
        if (i > start) out.push_back({line.substr(start, i - start), static_cast<int>(start) + 1});
    }
    return out;
}

std::string shorten(std::string_view s) {
    return s.size() <= 60 ? std::string(s) : std::string(utf8::cut(s, 60)) + "...";
}

// A positive whole number up to a million, or 0.
int parse_turn(std::string_view s) {
    if (s.empty() || s.size() > 7) return 0;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return 0;
        v = v * 10 + (c - '0');
    }
    return v <= 1000000 ? v : 0;
}

}  // namespace

ParsedFlags parse_flags(std::string_view text, const std::string& name) {
    ParsedFlags out;
    int line_no = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        ++line_no;
        pos = end + 1;
        if (size_t hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        std::vector<Token> tok = split(line);
        if (tok.empty()) continue;
        auto error = [&](int column, const char* code, std::string msg) {
            out.diagnostics.push_back(
                spotting::error_at(name, line_no, column, code, std::move(msg)));
        };
        if (tok.size() != 2) {
            if (tok.size() == 1 && parse_turn(tok[0].text) > 0)
                error(1, codes::flag_line,
                      "turn " + std::string(tok[0].text) +
                          " has no marker id; write `TURN MARKER_ID`, e.g. `" +
                          std::string(tok[0].text) + " withdrawal.minimal_response`");
            else
                error(tok[0].column, codes::flag_line,
                      "expected `TURN MARKER_ID` (one flag per line), got '" +
                          shorten(line.substr(static_cast<size_t>(tok[0].column) - 1)) + "'");
            continue;
        }
        int turn = parse_turn(tok[0].text);
        bool ok = true;
        if (turn <= 0) {
            error(tok[0].column, codes::flag_turn,
                  "the turn must be a turn number from the sheet (1, 2, ...), got '" +
                      shorten(tok[0].text) + "'");
            ok = false;
        }
        std::string marker(tok[1].text);
        if (marker != spotting::kNone && !spotting::known_marker(marker)) {
            error(tok[1].column, codes::flag_marker, spotting::unknown_marker_message(marker));
            ok = false;
        }
        if (ok) out.flags.push_back({turn, marker, line_no});
    }
    return out;
}

}  // namespace impasse
