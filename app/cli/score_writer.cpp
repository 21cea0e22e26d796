// The score object of `impasse score --json` / `--jsonl`, written directly: the same bytes
// json_out::write(score_json(id, s)) gives, without building a JSON tree for every answer (that
// tree and its serializer were a fifth of a batch's time).
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "cli/score_common.h"
#include "impasse/json_write.h"
#include "impasse/utf8.h"
#include "impasse/vocabulary.h"

namespace impasse::cli {
namespace {

// `v` rounded to `decimals` (1 or 3) as nlohmann writes that double: the shortest digits that
// read back as it, with ".0" on a whole number. Outside the range where k / 10^decimals is
// exact in that sense (or not finite), nlohmann itself writes it.
void put_rounded(std::string& out, double v, int decimals) {
    const double scale = decimals == 1 ? 10.0 : 1000.0;
    double r = std::round(v * scale) / scale;
    if (!std::isfinite(r) || std::fabs(r) >= 1e9) {
        out += json_out::write(nlohmann::ordered_json(r));
        return;
    }
    long long k = std::llround(r * scale);
    if (k < 0 || (k == 0 && std::signbit(r))) out += '-';
    unsigned long long u =
        k < 0 ? static_cast<unsigned long long>(-k) : static_cast<unsigned long long>(k);
    const unsigned unit = decimals == 1 ? 10 : 1000;
    char buf[32];
    char* end = std::to_chars(buf, buf + sizeof buf, u / unit).ptr;
    *end++ = '.';
    auto frac = static_cast<unsigned>(u % unit);
    if (frac == 0) {
        *end++ = '0';
    } else if (decimals == 1) {
        *end++ = static_cast<char>('0' + frac);
    } else {
        *end++ = static_cast<char>('0' + frac / 100);
        if (frac % 100) {
            *end++ = static_cast<char>('0' + frac / 10 % 10);
            if (frac % 10) *end++ = static_cast<char>('0' + frac % 10);
        }
    }
    out.append(buf, end);
}

void put_count(std::string& out, size_t n) {
    char buf[24];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, n).ptr);
}

// A JSON string as nlohmann writes it (UTF-8 kept, control characters escaped).
void put_string(std::string& out, std::string_view s) {
    if (!utf8::valid(s)) {  // the writer's replacement rules, not repeated here
        out += json_out::write(nlohmann::ordered_json(std::string(s)));
        return;
    }
    out += '"';
    size_t run = 0;  // the start of the characters not yet copied, which need no escape
    for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default: {
                char esc[8];
                std::snprintf(esc, sizeof esc, "\\u%04x", c);
                out += esc;
            }
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

// A string known to need no escaping (an id from the vocabulary), quoted.
void put_plain(std::string& out, std::string_view s) {
    out += '"';
    out += s;
    out += '"';
}

template <size_t N>
void put_ids(std::string& out, const char* key, const std::array<double, N>& values,
             const std::vector<vocab::Term>& terms) {
    out += ",\"";
    out += key;
    out += "\":{";
    for (size_t i = 0; i < N && i < terms.size(); ++i) {
        if (i) out += ',';
        put_plain(out, terms[i].id);
        out += ':';
        put_rounded(out, values[i], 3);
    }
    out += '}';
}

}  // namespace

std::string score_text_json(const nlohmann::ordered_json& id, const Score& s) {
    std::string out;
    out.reserve(1024 + 160 * s.evidence.size());
    out += "{\"id\":";
    out += json_out::write(id);
    out += ",\"overall\":";
    put_rounded(out, s.overall, 1);
    put_ids(out, "principles", s.principles, vocab::principles());
    put_ids(out, "counter_markers", s.counter_markers, vocab::counter_markers());
    put_ids(out, "strategies", s.strategies, vocab::resolution_strategies());
    out += ",\"evidence\":[";
    for (size_t i = 0; i < s.evidence.size(); ++i) {
        const auto& e = s.evidence[i];
        if (i) out += ',';
        out += "{\"kind\":";
        put_plain(out, e.kind);
        out += ",\"id\":";
        put_plain(out, e.id);
        out += ",\"start\":";
        put_count(out, e.start);
        out += ",\"end\":";
        put_count(out, e.end);
        out += ",\"text\":";
        put_string(out, e.text);
        out += '}';
    }
    out += "],\"unreadable\":";
    if (s.unreadable.empty())
        out += "null";
    else
        put_string(out, s.unreadable);
    out += '}';
    return out;
}

}  // namespace impasse::cli
