// The direct writer of `score --json`/`--jsonl` objects gives exactly the bytes of the JSON tree
// it replaced, for ordinary scores and for the awkward ones (every rounding, control characters,
// quotes, non-ASCII, invalid UTF-8 in evidence, odd ids).
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "cli/score_common.h"

using impasse::Score;
namespace cli = impasse::cli;

namespace {

void same_bytes(const nlohmann::ordered_json& id, const Score& s) {
    std::string tree = cli::dump_line(cli::score_json(id, s));
    std::string direct = cli::score_text_json(id, s);
    CHECK_MESSAGE(direct == tree, "direct: " << direct << "\ntree:   " << tree);
}

}  // namespace

TEST_CASE("score writer: the same bytes as the JSON tree") {
    Score s;
    same_bytes(nullptr, s);
    s.overall = 27.45;
    s.principles[0] = 0.05;
    s.principles[1] = 0.1;
    s.principles[2] = 1.0;
    s.principles[3] = 0.999;
    s.principles[4] = 0.0005;
    s.counter_markers[0] = 0.12345;
    s.counter_markers[1] = -0.0;
    s.strategies[0] = 0.07;
    s.strategies[1] = 100.0;
    s.evidence.push_back({"principle", "tentativeness", 0, 5, "I \"wonder\"\\ \t\n\x01\x1f"});
    s.evidence.push_back({"counter_marker", "directive", 7, 30, "caf\xc3\xa9 \xe2\x80\x94 ok"});
    s.evidence.push_back({"strategy", "invite_discussion", 1, 2, "bad \xff\xfe bytes"});
    s.unreadable = "not_english";
    for (const nlohmann::ordered_json& id :
         {nlohmann::ordered_json(nullptr), nlohmann::ordered_json("a-1"),
          nlohmann::ordered_json(42), nlohmann::ordered_json::parse(R"({"k": [1, "x"]})")})
        same_bytes(id, s);
    // Every value a probability rounded to 3 decimals can take, and every overall.
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> p(0.0, 1.0), o(0.0, 100.0);
    for (int i = 0; i < 2000; ++i) {
        Score r;
        r.overall = o(rng);
        for (auto& v : r.principles)
            v = p(rng);
        for (auto& v : r.counter_markers)
            v = p(rng);
        for (auto& v : r.strategies)
            v = static_cast<double>(i % 1001) / 1000.0;
        same_bytes("x", r);
    }
}
