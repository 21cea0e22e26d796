// `impasse score --evaluate FILE`: how well the scorer agrees with hand labels.
//
// Each line: {"id", "text", "context", "labels": {"principles": {id: 0|1},
// "counter_markers": {id: 0|1}, "strategy": ID|null}, "overall": 1..5}. For every id: precision
// and recall of "score >= threshold" against the label, and the AUC of the raw score (the
// chance that a labelled-present response outscores a labelled-absent one). For the overall
// score: Spearman's rank correlation with the hand rating.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli/score_common.h"
#include "impasse/agreement.h"
#include "impasse/json_read.h"
#include "impasse/vocabulary.h"

namespace impasse::cli {
namespace {

struct Pairs {
    std::vector<double> score;
    std::vector<int> label;
};

// Mann-Whitney AUC with ties counted half.
double auc(const Pairs& p) {
    std::vector<double> r = agreement::ranks(p.score);
    double pos = 0, neg = 0, rank_sum = 0;
    for (size_t i = 0; i < p.label.size(); ++i) {
        if (p.label[i]) {
            pos += 1;
            rank_sum += r[i];
        } else {
            neg += 1;
        }
    }
    if (pos == 0 || neg == 0) return NAN;
    return (rank_sum - pos * (pos + 1) / 2.0) / (pos * neg);
}

struct IdStats {
    std::string kind, id;
    int support = 0, n = 0;
    double precision = NAN, recall = NAN, f1 = NAN, auc = NAN;
    double brier = NAN, ece = NAN;  // calibration: mean squared error; expected calibration
                                    // error over ten equal-width bins of the score
};

// Calibration of a score read as a probability.
void calibration(const Pairs& p, IdStats* s) {
    if (p.label.empty()) return;
    double sq = 0;
    double sum[10] = {}, hits[10] = {};
    int count[10] = {};
    for (size_t i = 0; i < p.label.size(); ++i) {
        double v = std::clamp(p.score[i], 0.0, 1.0);
        sq += (v - p.label[i]) * (v - p.label[i]);
        int b = std::min(9, static_cast<int>(v * 10));
        sum[b] += v;
        hits[b] += p.label[i];
        ++count[b];
    }
    auto n = static_cast<double>(p.label.size());
    s->brier = sq / n;
    double e = 0;
    for (int b = 0; b < 10; ++b)
        if (count[b]) e += std::fabs(sum[b] - hits[b]) / n;
    s->ece = e;
}

IdStats stats(const std::string& kind, const std::string& id, const Pairs& p, double thr) {
    IdStats s{kind, id};
    int tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < p.label.size(); ++i) {
        bool pred = p.score[i] >= thr;
        tp += pred && p.label[i];
        fp += pred && !p.label[i];
        fn += !pred && p.label[i];
        s.support += p.label[i];
    }
    s.n = static_cast<int>(p.label.size());
    if (tp + fp > 0) s.precision = static_cast<double>(tp) / (tp + fp);
    if (tp + fn > 0) s.recall = static_cast<double>(tp) / (tp + fn);
    if (s.precision + s.recall > 0) s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall);
    s.auc = auc(p);
    calibration(p, &s);
    return s;
}

nlohmann::ordered_json num(double v) {
    if (std::isnan(v)) return nullptr;
    return std::round(v * 1000.0) / 1000.0;
}

std::string fmt(double v) {
    if (std::isnan(v)) return "   -  ";
    char b[16];
    std::snprintf(b, sizeof b, "%6.2f", v);
    return b;
}

}  // namespace

int run_evaluation(const Scorer& scorer, const std::string& path, bool as_json, double threshold) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << path << ": cannot open\n";
        return 1;
    }
    const auto& P = vocab::principles();
    const auto& C = vocab::counter_markers();
    const auto& S = vocab::resolution_strategies();
    std::vector<Pairs> pp(P.size()), pc(C.size()), ps(S.size());
    std::vector<double> overall, rating;
    int lineno = 0, bad = 0, used = 0;
    std::string line;
    while (std::getline(in, line)) {
        ++lineno;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto j = json_in::parse_ordered(line);
        std::string problem;
        if (j.is_discarded() || !j.is_object())
            problem = "not a JSON object";
        else if (!j.contains("text") || !j["text"].is_string())
            problem = "no \"text\"";
        else if (!j.contains("labels") || !j["labels"].is_object())
            problem = "no \"labels\"";
        MomentHolder holder;
        if (problem.empty() && j.contains("context"))
            problem = moment_from_context(j["context"], &holder);
        if (!problem.empty()) {
            std::cerr << path << ":" << lineno << ": skipped: " << problem << "\n";
            ++bad;
            continue;
        }
        ++used;
        Score s = scorer.score_text(j["text"].get_ref<const std::string&>(), holder.moment);
        const auto& labels = j["labels"];
        auto label_of = [&](const char* group, std::string_view id) -> int {
            if (!labels.contains(group) || !labels[group].is_object()) return 0;
            const auto& g = labels[group];
            auto it = g.find(std::string(id));
            return (it != g.end() && it->is_number() && it->get<double>() > 0) ? 1 : 0;
        };
        for (size_t i = 0; i < P.size(); ++i) {
            pp[i].score.push_back(s.principles[i]);
            pp[i].label.push_back(label_of("principles", P[i].id));
        }
        for (size_t i = 0; i < C.size(); ++i) {
            pc[i].score.push_back(s.counter_markers[i]);
            pc[i].label.push_back(label_of("counter_markers", C[i].id));
        }
        std::string strategy;
        if (labels.contains("strategy") && labels["strategy"].is_string())
            strategy = labels["strategy"].get<std::string>();
        for (size_t i = 0; i < S.size(); ++i) {
            ps[i].score.push_back(s.strategies[i]);
            ps[i].label.push_back(strategy == S[i].id ? 1 : 0);
        }
        if (j.contains("overall") && j["overall"].is_number()) {
            overall.push_back(s.overall);
            rating.push_back(j["overall"].get<double>());
        }
    }
    if (used == 0) {
        std::cerr << path << ": no labelled responses to evaluate (" << bad
                  << " lines skipped); see `impasse score --help` for the line format\n";
        return 1;
    }
    std::vector<IdStats> all;
    for (size_t i = 0; i < P.size(); ++i)
        all.push_back(stats("principle", std::string(P[i].id), pp[i], threshold));
    for (size_t i = 0; i < C.size(); ++i)
        all.push_back(stats("counter_marker", std::string(C[i].id), pc[i], threshold));
    for (size_t i = 0; i < S.size(); ++i)
        all.push_back(stats("strategy", std::string(S[i].id), ps[i], threshold));
    double rho = agreement::spearman(overall, rating).value_or(NAN);
    auto macro = [&](const std::string& kind, double IdStats::*field) {
        double sum = 0;
        int n = 0;
        for (const auto& s : all)
            if (s.kind == kind && !std::isnan(s.*field)) {
                sum += s.*field;
                ++n;
            }
        return n ? sum / n : NAN;
    };

    if (as_json) {
        nlohmann::ordered_json o;
        o["file"] = path;
        o["responses"] = used;
        o["skipped"] = bad;
        o["threshold"] = threshold;
        o["spearman_overall"] = num(rho);
        nlohmann::ordered_json ids = nlohmann::ordered_json::array();
        for (const auto& s : all)
            ids.push_back({{"kind", s.kind},
                           {"id", s.id},
                           {"support", s.support},
                           {"precision", num(s.precision)},
                           {"recall", num(s.recall)},
                           {"f1", num(s.f1)},
                           {"auc", num(s.auc)},
                           {"brier", num(s.brier)},
                           {"ece", num(s.ece)}});
        o["ids"] = std::move(ids);
        for (const char* k : {"principle", "counter_marker", "strategy"}) {
            o["macro"][k] = {{"precision", num(macro(k, &IdStats::precision))},
                             {"recall", num(macro(k, &IdStats::recall))},
                             {"auc", num(macro(k, &IdStats::auc))},
                             {"brier", num(macro(k, &IdStats::brier))},
                             {"ece", num(macro(k, &IdStats::ece))}};
        }
        std::cout << dump_line(o) << "\n";
        return 0;
    }
    std::cout << path << ": " << used << " responses";
    if (bad) std::cout << " (" << bad << " lines skipped)";
    std::cout << ", threshold " << threshold << "\n\n";
    std::cout << "kind            id                            support  precision  recall"
                 "     AUC   Brier    ECE\n";
    for (const auto& s : all) {
        char b[160];
        std::snprintf(b, sizeof b, "%-15s %-30s %5d    %s   %s  %s  %s %s\n", s.kind.c_str(),
                      s.id.c_str(), s.support, fmt(s.precision).c_str(), fmt(s.recall).c_str(),
                      fmt(s.auc).c_str(), fmt(s.brier).c_str(), fmt(s.ece).c_str());
        std::cout << b;
    }
    std::cout << "\nmacro averages (ids with support)\n";
    for (const char* k : {"principle", "counter_marker", "strategy"}) {
        char b[160];
        std::snprintf(b, sizeof b, "  %-15s precision %s  recall %s  AUC %s  Brier %s  ECE %s\n", k,
                      fmt(macro(k, &IdStats::precision)).c_str(),
                      fmt(macro(k, &IdStats::recall)).c_str(), fmt(macro(k, &IdStats::auc)).c_str(),
                      fmt(macro(k, &IdStats::brier)).c_str(), fmt(macro(k, &IdStats::ece)).c_str());
        std::cout << b;
    }
    std::cout << "\nSpearman rank correlation, overall vs hand rating: " << fmt(rho)
              << " (n = " << overall.size() << ")\n";
    return 0;
}

}  // namespace impasse::cli
