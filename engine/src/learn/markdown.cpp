#include "impasse/markdown.h"

#include <sstream>

namespace impasse::md {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

void push(std::vector<Span>& out, Span::Style st, std::string text, std::string target = "") {
    if (text.empty()) return;
    if (st == Span::Style::plain && !out.empty() && out.back().style == Span::Style::plain) {
        out.back().text += text;
        return;
    }
    out.push_back({st, std::move(text), std::move(target)});
}

bool is_table_separator(std::string_view line) {
    if (line.empty() || line.front() != '|') return false;
    for (char c : line)
        if (c != '|' && c != '-' && c != ':' && c != ' ') return false;
    return true;
}

std::vector<std::vector<Span>> split_cells(std::string_view line) {
    std::vector<std::vector<Span>> cells;
    line = trim(line);
    if (!line.empty() && line.front() == '|') line.remove_prefix(1);
    if (!line.empty() && line.back() == '|') line.remove_suffix(1);
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == '|') {
            cells.push_back(parse_inline(trim(line.substr(start, i - start))));
            start = i + 1;
        }
    }
    return cells;
}

void wrap_into(std::ostringstream& out, const std::string& text, int width,
               const std::string& first, const std::string& rest) {
    std::istringstream words(text);
    std::string word, line = first;
    bool empty = true;
    while (words >> word) {
        if (!empty && static_cast<int>(line.size() + 1 + word.size()) > width) {
            out << line << "\n";
            line = rest;
            empty = true;
        }
        if (!empty) line += " ";
        line += word;
        empty = false;
    }
    if (!empty) out << line << "\n";
}

}  // namespace

std::vector<Span> parse_inline(std::string_view t) {
    std::vector<Span> out;
    std::string plain_text;
    auto flush = [&] {
        push(out, Span::Style::plain, plain_text);
        plain_text.clear();
    };
    size_t i = 0;
    while (i < t.size()) {
        if (t.compare(i, 2, "**") == 0) {
            size_t end = t.find("**", i + 2);
            if (end != std::string_view::npos) {
                flush();
                push(out, Span::Style::bold, std::string(t.substr(i + 2, end - i - 2)));
                i = end + 2;
                continue;
            }
        } else if (t[i] == '*' || t[i] == '_') {
            char m = t[i];
            size_t end = t.find(m, i + 1);
            bool word_start = i == 0 || t[i - 1] == ' ' || t[i - 1] == '(';
            if (end != std::string_view::npos && end > i + 1 && word_start && t[i + 1] != ' ') {
                flush();
                push(out, Span::Style::italic, std::string(t.substr(i + 1, end - i - 1)));
                i = end + 1;
                continue;
            }
        } else if (t[i] == '`') {
            size_t end = t.find('`', i + 1);
            if (end != std::string_view::npos) {
                flush();
                push(out, Span::Style::code, std::string(t.substr(i + 1, end - i - 1)));
                i = end + 1;
                continue;
            }
        } else if (t[i] == '[') {
            size_t close = t.find(']', i + 1);
            if (close != std::string_view::npos && close + 1 < t.size() && t[close + 1] == '(') {
                size_t end = t.find(')', close + 2);
                if (end != std::string_view::npos) {
                    flush();
                    push(out, Span::Style::link, std::string(t.substr(i + 1, close - i - 1)),
                         std::string(t.substr(close + 2, end - close - 2)));
                    i = end + 1;
                    continue;
                }
            }
        }
        plain_text += t[i++];
    }
    flush();
    return out;
}

std::vector<Block> parse(std::string_view text) {
    std::vector<Block> blocks;
    std::string para;
    bool in_table = false;
    auto flush_para = [&] {
        if (!trim(para).empty())
            blocks.push_back({Block::Kind::paragraph, 0, parse_inline(trim(para)), {}, false});
        para.clear();
    };
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view raw = text.substr(pos, nl - pos);
        std::string_view line = trim(raw);
        pos = nl + 1;
        if (line.empty()) {
            flush_para();
            in_table = false;
            if (nl == text.size()) break;
            continue;
        }
        if (line.front() == '#') {
            flush_para();
            int level = 0;
            while (level < static_cast<int>(line.size()) && line[level] == '#')
                ++level;
            blocks.push_back({Block::Kind::heading,
                              std::min(level, 6),
                              parse_inline(trim(line.substr(level))),
                              {},
                              false});
        } else if ((line.front() == '-' || line.front() == '*') && line.size() > 1 &&
                   line[1] == ' ') {
            flush_para();
            blocks.push_back(
                {Block::Kind::bullet, 0, parse_inline(trim(line.substr(2))), {}, false});
        } else if (line.front() == '|') {
            flush_para();
            if (is_table_separator(line)) {
                if (!blocks.empty() && blocks.back().kind == Block::Kind::table_row)
                    blocks.back().header_row = true;
            } else {
                Block row{Block::Kind::table_row, 0, {}, split_cells(line), false};
                blocks.push_back(std::move(row));
            }
            in_table = true;
        } else if (!blocks.empty() && blocks.back().kind == Block::Kind::bullet && raw.size() > 1 &&
                   raw[0] == ' ' && para.empty()) {
            // A continuation line of a bullet.
            auto more = parse_inline(std::string(" ") + std::string(line));
            for (auto& s : more)
                push(blocks.back().spans, s.style, s.text, s.target);
        } else {
            if (!para.empty()) para += ' ';
            para += std::string(line);
        }
        if (nl == text.size()) break;
    }
    flush_para();
    (void)in_table;
    return blocks;
}

std::string plain(const std::vector<Span>& spans) {
    std::string out;
    for (const auto& s : spans)
        out += s.text;
    return out;
}

std::string to_terminal(const std::vector<Block>& blocks, int width) {
    std::ostringstream out;
    for (size_t i = 0; i < blocks.size(); ++i) {
        const Block& b = blocks[i];
        switch (b.kind) {
            case Block::Kind::heading: {
                std::string t = plain(b.spans);
                out << t << "\n"
                    << std::string(std::min<size_t>(t.size(), static_cast<size_t>(width)),
                                   b.level <= 1 ? '=' : '-')
                    << "\n\n";
                break;
            }
            case Block::Kind::paragraph:
                wrap_into(out, plain(b.spans), width, "", "");
                out << "\n";
                break;
            case Block::Kind::bullet:
                wrap_into(out, plain(b.spans), width, "  - ", "    ");
                if (i + 1 == blocks.size() || blocks[i + 1].kind != Block::Kind::bullet)
                    out << "\n";
                break;
            case Block::Kind::table_row: {
                std::string row;
                for (size_t c = 0; c < b.cells.size(); ++c)
                    row += (c ? " | " : "") + plain(b.cells[c]);
                wrap_into(out, row, width, "  ", "    ");
                if (i + 1 == blocks.size() || blocks[i + 1].kind != Block::Kind::table_row)
                    out << "\n";
                break;
            }
        }
    }
    std::string s = out.str();
    while (s.size() > 1 && s[s.size() - 1] == '\n' && s[s.size() - 2] == '\n')
        s.pop_back();
    return s;
}

}  // namespace impasse::md
