#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "impasse/diagnostic_codes.h"
#include "impasse/learn.h"
#include "impasse/vocabulary.h"

namespace fs = std::filesystem;

namespace impasse {
namespace {

Diagnostic diag(const std::string& file, int line, const std::string& code,
                const std::string& msg) {
    return Diagnostic{file, line, 1, Severity::error, code, msg};
}

bool parse_page(const std::string& file, const std::string& text, LearnPage& page,
                Diagnostics& diags) {
    std::istringstream in(text);
    std::string line;
    int n = 0;
    if (!std::getline(in, line) || line != "---") {
        diags.push_back(
            diag(file, 1, codes::page_header, "a Learn page starts with a '---' header line"));
        return false;
    }
    ++n;
    bool closed = false;
    while (std::getline(in, line)) {
        ++n;
        if (line == "---") {
            closed = true;
            break;
        }
        auto colon = line.find(':');
        if (colon == std::string::npos) {
            diags.push_back(
                diag(file, n, codes::page_header_line, "header lines read 'key: value'"));
            continue;
        }
        std::string key = line.substr(0, colon), value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        if (key == "id")
            page.id = value;
        else if (key == "title")
            page.title = value;
        else if (key == "summary")
            page.summary = value;
        else
            diags.push_back(diag(file, n, codes::page_header_key,
                                 "unknown header key '" + key + "' (id, title, summary)"));
    }
    if (!closed) {
        diags.push_back(
            diag(file, n, codes::page_header, "the header is not closed by a '---' line"));
        return false;
    }
    for (auto [field, value] : {std::pair<const char*, std::string*>{"id", &page.id},
                                {"title", &page.title},
                                {"summary", &page.summary}})
        if (value->empty()) {
            diags.push_back(diag(file, 1, codes::page_header_field,
                                 std::string("the header needs '") + field + "'"));
            return false;
        }
    std::stringstream rest;
    rest << in.rdbuf();
    page.body = rest.str();
    page.file = file;
    return true;
}

}  // namespace

const LearnPage* LearnLibrary::find(const std::string& id) const {
    auto it = std::lower_bound(pages.begin(), pages.end(), id,
                               [](const LearnPage& p, const std::string& k) { return p.id < k; });
    return it != pages.end() && it->id == id ? &*it : nullptr;
}

LearnLibrary load_learn_pages(const std::string& dir) {
    LearnLibrary lib;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        lib.diagnostics.push_back(
            diag(dir, 0, codes::pages_unreadable, "the Learn pages folder was not found"));
        return lib;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".md") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::set<std::string> seen;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        if (!in && !in.eof()) {
            lib.diagnostics.push_back(
                diag(f.string(), 0, codes::pages_unreadable, "cannot read the page"));
            continue;
        }
        LearnPage page;
        if (!parse_page(f.string(), ss.str(), page, lib.diagnostics)) continue;
        if (!seen.insert(page.id).second) {
            lib.diagnostics.push_back(diag(f.string(), 2, codes::duplicate_page,
                                           "another page already has id '" + page.id + "'"));
            continue;
        }
        lib.pages.push_back(std::move(page));
    }
    std::sort(lib.pages.begin(), lib.pages.end(),
              [](const LearnPage& a, const LearnPage& b) { return a.id < b.id; });
    return lib;
}

std::vector<const LearnPage*> learn_contents(const LearnLibrary& lib) {
    std::vector<std::string> order = {"ruptures", "alliance", "metacommunication", "stage-process",
                                      "inner-skills"};
    for (const auto* list :
         {&vocab::rupture_types(), &vocab::markers(), &vocab::stages(), &vocab::principles(),
          &vocab::sequence_principles(), &vocab::counter_markers(), &vocab::resolution_strategies(),
          &vocab::alliance_dimensions(), &vocab::feelings(), &vocab::urges()})
        for (const auto& t : *list)
            order.emplace_back(t.id);
    std::vector<const LearnPage*> out;
    std::set<std::string> listed;
    for (const auto& id : order)
        if (const LearnPage* p = lib.find(id); p && listed.insert(id).second) out.push_back(p);
    for (const auto& p : lib.pages)
        if (listed.insert(p.id).second) out.push_back(&p);
    return out;
}

std::string theory_markdown(const LearnLibrary& lib) {
    std::ostringstream out;
    out << "# The theory behind Impasse\n\n"
           "<!-- Generated from assets/learn/*.md by `impasse learn --all --markdown`; edit those "
           "files, not "
           "this one. -->\n\n";
    for (const LearnPage* p : learn_contents(lib)) {
        out << "## " << p->title << "\n\n*" << p->summary << "*\n\n";
        // Demote the page's own headings one level and point learn: links at this document.
        std::istringstream body(p->body);
        std::string line;
        while (std::getline(body, line)) {
            if (!line.empty() && line[0] == '#') line = "#" + line;
            size_t pos = 0;
            while ((pos = line.find("(learn:", pos)) != std::string::npos) {
                size_t end = line.find(')', pos);
                if (end == std::string::npos) break;
                std::string id = line.substr(pos + 7, end - pos - 7);
                const LearnPage* target = lib.find(id);
                std::string anchor = target ? target->title : id;
                std::string slug;
                for (char c : anchor) {
                    unsigned char u = static_cast<unsigned char>(c);
                    if (std::isalnum(u))
                        slug += static_cast<char>(std::tolower(u));
                    else if (c == ' ' || c == '-')
                        slug += '-';
                    else if (u >= 0x80)
                        slug += c;
                }
                line.replace(pos, end - pos + 1, "(#" + slug + ")");
                pos += slug.size() + 3;
            }
            out << line << "\n";
        }
        out << "\n";
    }
    std::string s = out.str();
    while (s.size() > 1 && s[s.size() - 1] == '\n' && s[s.size() - 2] == '\n')
        s.pop_back();
    return s;
}

}  // namespace impasse
