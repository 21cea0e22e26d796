// `impasse score --evaluate-routing FILE`: where typed answers go, against an expert's
// accept/forbid lists (tests/data/routing/).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/score_common.h"
#include "impasse/json_read.h"
#include "impasse/json_write.h"
#include "impasse/routing.h"
#include "impasse/session.h"
#include "impasse/text.h"
#include "impasse/vocabulary.h"

namespace impasse::cli {
namespace {

bool listed(const nlohmann::json& list, const std::string& id) {
    if (!list.is_array()) return false;
    for (const auto& x : list)
        if (x.is_string() && x.get<std::string>() == id) return true;
    return false;
}

struct Tally {
    int n = 0, ok = 0, forbidden = 0, neutral = 0;
};

}  // namespace

int run_routing_evaluation(const Scorer& scorer, const std::string& path, bool as_json,
                           bool verbose) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << path << ": cannot open\n";
        return 1;
    }
    std::map<std::string, Tally> by_register;
    Tally all;
    std::string line;
    size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto row = json_in::parse(line);
        auto where = path + ":" + std::to_string(line_no) + ":1: ";
        if (row.is_discarded() || !row.is_object() || !row.contains("text") ||
            !row["text"].is_string() || !row.contains("scenario") || !row.contains("node")) {
            std::cerr << where << "each line needs text, scenario and node\n";
            return 1;
        }
        MomentHolder holder;
        std::string err = moment_from_scenario(row["scenario"].get<std::string>(),
                                               row["node"].get<std::string>(), &holder);
        if (!err.empty()) {
            std::cerr << where << err << "\n";
            return 1;
        }
        Session s(holder.scenario, 1, &scorer);
        SessionState start;
        start.alliance = holder.scenario->initial.alliance;
        start.affect = holder.scenario->initial.affect;
        start.vars = holder.scenario->initial.vars;
        auto started = s.start_at(row["node"].get<std::string>(), start);
        if (!started.ok) {
            std::cerr << where << started.error << "\n";
            return 1;
        }
        std::string text = row["text"].get<std::string>();
        Moment m = s.moment();
        Score typed = scorer.score_text(text, m);
        Routing r = route_answer(&scorer, typed, text, s.node(), s.available(), m);
        std::string went = r.response ? r.response->id : "neutral";
        bool ok = listed(row["accept"], went);
        bool bad = listed(row["forbid"], went);
        std::string reg = row.value("register", std::string("?"));
        for (Tally* t : {&all, &by_register[reg]}) {
            ++t->n;
            t->ok += ok ? 1 : 0;
            t->forbidden += bad ? 1 : 0;
            t->neutral += r.response ? 0 : 1;
        }
        if (std::getenv("IMPASSE_ROUTING_DUMP")) {
            nlohmann::json d;
            d["id"] = row.value("id", "");
            d["overall"] = typed.overall;
            double mc = 0;
            for (double c : typed.counter_markers)
                mc = std::max(mc, c);
            d["max_counter"] = mc;
            d["risk"] = typed.risk_check;
            for (size_t i = 0; i < kCounterMarkerCount; ++i)
                d["counters"][std::string(vocab::counter_markers()[i].id)] =
                    typed.counter_markers[i];
            d["accept"] = row["accept"];
            d["forbid"] = row["forbid"];
            auto full = [](const Score& sc) {
                nlohmann::json v = nlohmann::json::array();
                for (double x : sc.principles)
                    v.push_back(x);
                for (double x : sc.counter_markers)
                    v.push_back(x);
                for (double x : sc.strategies)
                    v.push_back(x);
                for (double x : sc.behaviours)
                    v.push_back(x);
                v.push_back(sc.risk_check);
                v.push_back(sc.overall);
                return v;
            };
            d["text"] = text;
            d["node"] = row["node"];
            d["scenario"] = row["scenario"];
            d["register"] = reg;
            d["went"] = went;
            d["typed"] = full(typed);
            d["stems"] = text::content_stems(text, {});
            for (const auto& c : route_candidates(scorer, typed, text, s.available(), m)) {
                Score seen = scorer.score_text(c.response->text, m);
                Score opt = scorer.score_option(*c.response, m);
                nlohmann::json ratings = nlohmann::json::object();
                for (const auto& [k, v] : c.response->ratings)
                    ratings[k] = v;
                d["full"].push_back({{"id", c.response->id},
                                     {"text", c.response->text},
                                     {"seen", full(seen)},
                                     {"opt", full(opt)},
                                     {"ratings", ratings},
                                     {"strategy", c.response->strategy},
                                     {"expert", c.response->expert},
                                     {"move", c.response->move},
                                     {"match_phrases", c.response->match},
                                     {"stems", text::content_stems(c.response->text, {})},
                                     {"barred", c.barred},
                                     {"similarity", c.similarity}});
            }
            d["min_similarity"] = s.node().free_text.min_similarity;
            for (const auto& c : route_candidates(scorer, typed, text, s.available(), m))
                d["options"].push_back({{"id", c.response->id},
                                        {"profile", c.profile},
                                        {"words", c.words},
                                        {"match", c.match},
                                        {"repair", is_repair_option(*c.response)},
                                        {"mistake", !c.response->counter_markers.empty()},
                                        {"risk_move", c.response->move == "risk_check"},
                                        {"authored_counters", c.response->counter_markers}});
            std::fprintf(stderr, "%s\n", json_out::write(d).c_str());
        }
        if (verbose && !ok)
            std::printf("%s %s/%s -> %s%s (%.2f): %s\n", row.value("id", "").c_str(),
                        row["scenario"].get<std::string>().c_str(),
                        row["node"].get<std::string>().c_str(), went.c_str(),
                        bad ? " FORBIDDEN" : "", r.similarity, text.c_str());
    }
    auto share = [](int a, int n) { return n ? static_cast<double>(a) / n : 0.0; };
    if (as_json) {
        nlohmann::ordered_json o;
        auto put = [&](const Tally& t) {
            return nlohmann::ordered_json{{"n", t.n},
                                          {"acceptable", share(t.ok, t.n)},
                                          {"forbidden", share(t.forbidden, t.n)},
                                          {"neutral", share(t.neutral, t.n)}};
        };
        o["all"] = put(all);
        for (const auto& [reg, t] : by_register)
            o["registers"][reg] = put(t);
        std::cout << json_out::write(o) << "\n";
        return 0;
    }
    std::printf("%-10s %5s %11s %10s %8s\n", "register", "n", "acceptable", "forbidden", "neutral");
    for (const auto& [reg, t] : by_register)
        std::printf("%-10s %5d %11.3f %10.3f %8.3f\n", reg.c_str(), t.n, share(t.ok, t.n),
                    share(t.forbidden, t.n), share(t.neutral, t.n));
    std::printf("%-10s %5d %11.3f %10.3f %8.3f\n", "all", all.n, share(all.ok, all.n),
                share(all.forbidden, all.n), share(all.neutral, all.n));
    return 0;
}

}  // namespace impasse::cli
