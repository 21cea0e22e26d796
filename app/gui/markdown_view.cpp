#include "gui/markdown_view.h"

#include <imgui.h>

#include "gui/theme.h"
#include "gui/widgets.h"

namespace impasse::gui {
namespace {

// Word-wrapped flow of styled spans: each word is placed on the current line or the next.
std::string flow(const std::vector<md::Span>& spans, const Fonts& fonts, float indent,
                 ImFont* plain_font = nullptr) {
    std::string clicked;
    float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    float left = ImGui::GetCursorScreenPos().x + indent;
    ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
    bool first = true;
    ImVec4 link_colour = colour_link();
    for (size_t si = 0; si < spans.size(); ++si) {
        const md::Span& s = spans[si];
        ImFont* font = s.style == md::Span::Style::bold ? fonts.bold
                       : s.style == md::Span::Style::italic
                           ? fonts.italic
                           : (plain_font ? plain_font : fonts.body);
        ImGui::PushFont(font);
        size_t i = 0;
        const std::string& t = s.text;
        while (i < t.size()) {
            size_t j = t.find(' ', i);
            std::string word = t.substr(i, j == std::string::npos ? std::string::npos : j - i + 1);
            i = j == std::string::npos ? t.size() : j + 1;
            ImVec2 size = ImGui::CalcTextSize(word.c_str());
            if (!first) {
                ImGui::SameLine(0, 0);
                if (ImGui::GetCursorScreenPos().x + size.x > right && word != " ") {
                    ImGui::NewLine();
                    ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
                }
            }
            first = false;
            if (s.style == md::Span::Style::link) {
                ImGui::PushStyleColor(ImGuiCol_Text, link_colour);
                ImGui::TextUnformatted(word.c_str());
                ImGui::PopStyleColor();
                if (ImGui::IsItemHovered()) {
                    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
                    ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y), b,
                                                        ImGui::GetColorU32(link_colour));
                }
                if (ImGui::IsItemClicked()) clicked = s.target;
            } else if (s.style == md::Span::Style::code) {
                ImGui::TextDisabled("%s", word.c_str());
            } else {
                ImGui::TextUnformatted(word.c_str());
            }
        }
        ImGui::PopFont();
    }
    if (first) ImGui::NewLine();
    return clicked;
}

}  // namespace

std::string markdown_view(const std::vector<md::Block>& blocks, const Fonts& fonts) {
    std::string clicked;
    for (size_t i = 0; i < blocks.size(); ++i) {
        const md::Block& b = blocks[i];
        std::string c;
        switch (b.kind) {
            case md::Block::Kind::heading:
                ImGui::Spacing();
                ImGui::PushFont(b.level <= 1 ? fonts.heading : fonts.bold);
                ImGui::TextUnformatted(md::plain(b.spans).c_str());
                ImGui::PopFont();
                ImGui::Spacing();
                break;
            case md::Block::Kind::paragraph:
                c = flow(b.spans, fonts, 0);
                ImGui::Spacing();
                break;
            case md::Block::Kind::bullet: {
                ImGui::Bullet();
                ImGui::SameLine();
                float x = ImGui::GetCursorPosX();
                ImGui::BeginGroup();
                ImGui::SetCursorPosX(x);
                c = flow(b.spans, fonts, 0);
                ImGui::EndGroup();
                if (i + 1 == blocks.size() || blocks[i + 1].kind != md::Block::Kind::bullet)
                    ImGui::Spacing();
                break;
            }
            case md::Block::Kind::table_row: {
                size_t first = i;
                while (first > 0 && blocks[first - 1].kind == md::Block::Kind::table_row)
                    --first;
                if (first != i) break;  // the whole table is drawn at its first row
                size_t cols = b.cells.size();
                if (cols == 0) break;
                if (ImGui::BeginTable("##mdtable", static_cast<int>(cols),
                                      ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg)) {
                    for (size_t r = i;
                         r < blocks.size() && blocks[r].kind == md::Block::Kind::table_row; ++r) {
                        ImGui::TableNextRow();
                        for (size_t col = 0; col < cols && col < blocks[r].cells.size(); ++col) {
                            ImGui::TableSetColumnIndex(static_cast<int>(col));
                            std::string cc = flow(blocks[r].cells[col], fonts, 0,
                                                  blocks[r].header_row ? fonts.bold : nullptr);
                            if (!cc.empty()) c = cc;
                        }
                    }
                    ImGui::EndTable();
                }
                ImGui::Spacing();
                break;
            }
        }
        if (!c.empty()) clicked = c;
    }
    return clicked;
}

}  // namespace impasse::gui
