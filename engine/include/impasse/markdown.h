// A small Markdown reader for the Learn pages: headings, paragraphs, bullet lists, tables,
// **bold**, *italic*, `code` and [links](target). Enough for texts a trainer edits by hand;
// anything else is kept as plain text. The GUI and the terminal both render from these blocks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace impasse::md {

struct Span {
    enum class Style { plain, bold, italic, code, link };
    Style style = Style::plain;
    std::string text;
    std::string target;  // for links, e.g. "learn:here_and_now"
};

struct Block {
    enum class Kind { heading, paragraph, bullet, table_row };
    Kind kind = Kind::paragraph;
    int level = 0;                         // heading level 1..6
    std::vector<Span> spans;               // heading, paragraph, bullet
    std::vector<std::vector<Span>> cells;  // table_row
    bool header_row = false;               // the first row of a table
};

std::vector<Span> parse_inline(std::string_view text);
std::vector<Block> parse(std::string_view markdown);

// Plain text for a terminal, wrapped at `width` columns; links show as their text.
std::string to_terminal(const std::vector<Block>& blocks, int width = 88);

// Concatenated text of spans (no markup).
std::string plain(const std::vector<Span>& spans);

}  // namespace impasse::md
