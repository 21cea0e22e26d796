// Agreement statistics over pairs of ratings (contract in impasse/agreement.h).
#include "impasse/agreement.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

#include "impasse/vocabulary.h"

namespace impasse::agreement {

int principle_level(double p) {
    if (p >= kPrincipleShown) return 2;
    if (p >= kPrincipleAbsent) return 1;
    return 0;
}

int authored_level(double p) {
    return std::clamp(static_cast<int>(std::lround(2.0 * p)), 0, 2);
}

int overall_level(double overall) {
    int level = static_cast<int>(std::lround(1.0 + overall / 25.0));
    return std::clamp(level, 1, 5);
}

std::vector<double> ranks(const std::vector<double>& x) {
    std::vector<size_t> order(x.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });
    std::vector<double> r(x.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]])
            ++j;
        double mean = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
        for (size_t k = i; k <= j; ++k)
            r[order[k]] = mean;
        i = j + 1;
    }
    return r;
}

namespace {

std::optional<double> pearson(const std::vector<double>& x, const std::vector<double>& y) {
    auto n = static_cast<double>(x.size());
    double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
    double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx <= 0 || syy <= 0) return std::nullopt;
    return sxy / std::sqrt(sxx * syy);
}

}  // namespace

std::optional<double> spearman(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size() || x.size() < 2) return std::nullopt;
    return pearson(ranks(x), ranks(y));
}

std::optional<double> icc_2_1(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size() || x.size() < 2) return std::nullopt;
    const double n = static_cast<double>(x.size()), k = 2;
    double grand = 0;
    for (size_t i = 0; i < x.size(); ++i)
        grand += x[i] + y[i];
    grand /= n * k;
    double cx = std::accumulate(x.begin(), x.end(), 0.0) / n;
    double cy = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double ssr = 0, sst = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        double row = (x[i] + y[i]) / k;
        ssr += k * (row - grand) * (row - grand);
        sst += (x[i] - grand) * (x[i] - grand) + (y[i] - grand) * (y[i] - grand);
    }
    double ssc = n * ((cx - grand) * (cx - grand) + (cy - grand) * (cy - grand));
    double sse = sst - ssr - ssc;
    double msr = ssr / (n - 1), msc = ssc / (k - 1), mse = sse / ((n - 1) * (k - 1));
    double denom = msr + (k - 1) * mse + k * (msc - mse) / n;
    if (sst <= 0 || denom <= 0) return std::nullopt;
    return (msr - mse) / denom;
}

std::optional<double> kappa(const std::vector<int>& a, const std::vector<int>& b, bool quadratic,
                            int lo, int hi) {
    if (a.size() != b.size() || a.empty() || hi <= lo) return std::nullopt;
    const int m = hi - lo + 1;
    std::vector<double> obs(static_cast<size_t>(m * m), 0), ma(static_cast<size_t>(m), 0),
        mb(static_cast<size_t>(m), 0);
    const auto n = static_cast<double>(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
        int ia = std::clamp(a[i], lo, hi) - lo, ib = std::clamp(b[i], lo, hi) - lo;
        obs[static_cast<size_t>(ia * m + ib)] += 1 / n;
        ma[static_cast<size_t>(ia)] += 1 / n;
        mb[static_cast<size_t>(ib)] += 1 / n;
    }
    double observed = 0, expected = 0;  // weighted disagreement
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < m; ++j) {
            double w = quadratic ? static_cast<double>((i - j) * (i - j)) / ((m - 1) * (m - 1))
                                 : (i == j ? 0.0 : 1.0);
            observed += w * obs[static_cast<size_t>(i * m + j)];
            expected += w * ma[static_cast<size_t>(i)] * mb[static_cast<size_t>(j)];
        }
    if (expected <= 1e-12) return std::nullopt;
    return 1 - observed / expected;
}

namespace {

struct Pairs {
    std::vector<double> a, b;
};

Figure figure_of(const std::string& comparison, const std::string& measure, const Pairs& p,
                 int min_pairs) {
    Figure f;
    f.comparison = comparison;
    f.measure = measure;
    f.n = static_cast<int>(p.a.size());
    bool overall = measure == "overall";
    f.kappa_kind = overall ? "quadratic-weighted" : "binary at 2";
    if (f.n < min_pairs) {
        f.note = "not enough ratings (n < " + std::to_string(min_pairs) + ")";
        return f;
    }
    f.spearman = spearman(p.a, p.b);
    f.icc = icc_2_1(p.a, p.b);
    std::vector<int> ia, ib;
    for (size_t i = 0; i < p.a.size(); ++i) {
        int x = static_cast<int>(std::lround(p.a[i])), y = static_cast<int>(std::lround(p.b[i]));
        ia.push_back(overall ? x : (x == 2 ? 1 : 0));
        ib.push_back(overall ? y : (y == 2 ? 1 : 0));
    }
    f.kappa = overall ? kappa(ia, ib, true, 1, 5) : kappa(ia, ib, false, 0, 1);
    if (!f.spearman || !f.icc || !f.kappa)
        f.note = "undefined where a rater gave every turn the same rating";
    return f;
}

void add(std::map<std::string, Pairs>& m, const std::string& measure, double a, double b) {
    m[measure].a.push_back(a);
    m[measure].b.push_back(b);
}

}  // namespace

std::vector<Figure> figures(const std::vector<TurnRating>& ratings, int min_pairs) {
    std::map<std::string, Pairs> vs_scorer, vs_author, vs_supervisor;
    const auto& P = vocab::principles();
    for (const auto& r : ratings) {
        // A chosen option's scores are the author's ratings as the rubric stored them; a typed
        // answer's are the response model's.
        auto& to = r.chosen_option ? vs_author : vs_scorer;
        if (r.overall >= 1 && r.scorer_overall >= 0)
            add(to, "overall", r.overall, overall_level(r.scorer_overall));
        for (const auto& term : P) {
            std::string id(term.id);
            auto mine = r.principles.find(id);
            auto its = r.scorer_principles.find(id);
            if (mine == r.principles.end() || !mine->is_number() ||
                its == r.scorer_principles.end() || !its->is_number())
                continue;
            double p = its->get<double>();
            add(to, id, mine->get<double>(),
                r.chosen_option ? authored_level(p) : principle_level(p));
        }
    }
    // Supervisor pairs: every two supervisors on one turn, the lower role name first.
    std::map<std::string, std::vector<const TurnRating*>> by_turn;
    for (const auto& r : ratings)
        by_turn[r.turn_uid].push_back(&r);
    for (auto& [turn, list] : by_turn) {
        std::sort(list.begin(), list.end(),
                  [](const TurnRating* x, const TurnRating* y) { return x->rater < y->rater; });
        for (size_t i = 0; i < list.size(); ++i)
            for (size_t j = i + 1; j < list.size(); ++j) {
                const TurnRating& x = *list[i];
                const TurnRating& y = *list[j];
                if (x.rater == y.rater) continue;
                if (x.overall >= 1 && y.overall >= 1)
                    add(vs_supervisor, "overall", x.overall, y.overall);
                for (const auto& term : P) {
                    std::string id(term.id);
                    auto a = x.principles.find(id), b = y.principles.find(id);
                    if (a != x.principles.end() && a->is_number() && b != y.principles.end() &&
                        b->is_number())
                        add(vs_supervisor, id, a->get<double>(), b->get<double>());
                }
            }
    }
    std::vector<Figure> out;
    std::vector<std::string> measures{"overall"};
    for (const auto& term : P)
        measures.emplace_back(term.id);
    for (const auto& [name, m] :
         {std::pair<const char*, std::map<std::string, Pairs>*>{"supervisor_vs_scorer", &vs_scorer},
          {"supervisor_vs_author", &vs_author},
          {"supervisor_vs_supervisor", &vs_supervisor}})
        for (const auto& measure : measures)
            out.push_back(figure_of(name, measure, (*m)[measure], min_pairs));
    return out;
}

nlohmann::json to_json(const std::vector<Figure>& figures) {
    nlohmann::json a = nlohmann::json::array();
    auto value = [](const std::optional<double>& v) -> nlohmann::json {
        return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
    };
    for (const auto& f : figures)
        a.push_back({{"comparison", f.comparison},
                     {"measure", f.measure},
                     {"n", f.n},
                     {"spearman", value(f.spearman)},
                     {"icc_2_1", value(f.icc)},
                     {"kappa", value(f.kappa)},
                     {"kappa_kind", f.kappa_kind},
                     {"note", f.note}});
    return a;
}

std::string to_csv(const std::vector<Figure>& figures) {
    std::string out = "comparison,measure,n,spearman,icc_2_1,kappa,kappa_kind,note\n";
    auto cell = [](const std::optional<double>& v) {
        if (!v) return std::string();
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.6f", *v);
        return std::string(buf);
    };
    for (const auto& f : figures)
        out += f.comparison + "," + f.measure + "," + std::to_string(f.n) + "," + cell(f.spearman) +
               "," + cell(f.icc) + "," + cell(f.kappa) + ",\"" + f.kappa_kind + "\",\"" + f.note +
               "\"\n";
    return out;
}

}  // namespace impasse::agreement
