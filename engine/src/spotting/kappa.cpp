// Cohen's kappa and its Landis & Koch reading (formulas in impasse/spotting.h).
#include "impasse/spotting.h"

namespace impasse {
namespace {

constexpr long long kMaxJudgements = 1000000000;  // 10^9: n² < 2^63

}  // namespace

Kappa cohen_kappa(const std::vector<std::vector<long long>>& table) {
    Kappa k;
    const size_t size = table.size();
    for (const auto& row : table) {
        if (row.size() != size) return Kappa{};
        for (long long v : row)
            if (v < 0) return Kappa{};
    }
    std::vector<long long> rows(size, 0), cols(size, 0);
    long long n = 0, agree = 0;
    for (size_t i = 0; i < size; ++i)
        for (size_t j = 0; j < size; ++j) {
            rows[i] += table[i][j];
            cols[j] += table[i][j];
            n += table[i][j];
            if (i == j) agree += table[i][j];
        }
    k.n = n;
    if (n == 0 || n > kMaxJudgements) return k;  // n² must fit in 64 bits
    long long chance = 0;                        // Σ r_i c_i, compared with n² in integers
    double pe = 0.0;
    for (size_t i = 0; i < size; ++i) {
        chance += rows[i] * cols[i];
        pe += (static_cast<double>(rows[i]) / n) * (static_cast<double>(cols[i]) / n);
    }
    k.observed = static_cast<double>(agree) / n;
    k.expected = pe;
    if (chance == n * n) {  // both raters used one and the same category only
        k.expected = 1.0;
        return k;
    }
    k.value = (k.observed - pe) / (1.0 - pe);
    return k;
}

std::string_view kappa_band(double kappa) {
    if (kappa < 0.0) return "poor";
    if (kappa <= 0.20) return "slight";
    if (kappa <= 0.40) return "fair";
    if (kappa <= 0.60) return "moderate";
    if (kappa <= 0.80) return "substantial";
    return "almost perfect";
}

}  // namespace impasse
