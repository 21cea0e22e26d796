// Renders Markdown blocks (impasse/markdown.h) with ImGui: wrapped text with bold and italic
// fonts, bullets, simple tables, and links that report their target when clicked.
#pragma once

#include <string>
#include <vector>

#include "impasse/markdown.h"

namespace impasse::gui {

struct Fonts;

// Draws `blocks`; returns the target of a link clicked this frame, or "".
std::string markdown_view(const std::vector<md::Block>& blocks, const Fonts& fonts);

}  // namespace impasse::gui
