// The agreement statistics against values computed by hand (the working is in the comments),
// the mapping of the scorer's outputs to the raters' scales, and how ratings become pairs.
#include <doctest/doctest.h>

#include "impasse/agreement.h"

using namespace impasse::agreement;

TEST_CASE("agreement: the scorer's outputs mapped to 0/1/2 and 1-5") {
    CHECK(principle_level(0.0) == 0);
    CHECK(principle_level(0.2499) == 0);
    CHECK(principle_level(0.25) == 1);
    CHECK(principle_level(0.4999) == 1);
    CHECK(principle_level(0.5) == 2);
    CHECK(principle_level(1.0) == 2);
    // A chosen option's score is the author's 0/1/2 stored as 0, 0.5, 1: it comes back as written
    // (the typed answers' cut-offs would turn an authored "partly" into "clearly").
    CHECK(authored_level(0.0) == 0);
    CHECK(authored_level(0.5) == 1);
    CHECK(principle_level(0.5) == 2);
    CHECK(authored_level(1.0) == 2);
    CHECK(authored_level(0.2) == 0);  // an unrated principle: half the signals' reading
    CHECK(authored_level(0.3) == 1);
    // overall = 25 x (expected rating - 1), so the rating is 1 + overall / 25, rounded.
    CHECK(overall_level(0) == 1);
    CHECK(overall_level(12.4) == 1);
    CHECK(overall_level(12.5) == 2);
    CHECK(overall_level(50) == 3);
    CHECK(overall_level(60) == 3);    // 3.4
    CHECK(overall_level(62.5) == 4);  // 3.5
    CHECK(overall_level(100) == 5);
    CHECK(overall_level(130) == 5);
}

TEST_CASE("agreement: Spearman with ties uses mean ranks") {
    // x = 1 2 2 3 -> ranks 1 2.5 2.5 4; y = 1 3 2 4 -> ranks 1 3 2 4.
    // Deviations from 2.5: (-1.5 0 0 1.5) and (-1.5 0.5 -0.5 1.5): sxy 4.5, sxx 4.5, syy 5;
    // rho = 4.5 / sqrt(22.5) = 3 / sqrt(10).
    CHECK(ranks({1, 2, 2, 3}) == std::vector<double>{1, 2.5, 2.5, 4});
    CHECK(ranks({5, 1, 5, 5}) == std::vector<double>{3, 1, 3, 3});
    auto rho = spearman({1, 2, 2, 3}, {1, 3, 2, 4});
    REQUIRE(rho);
    CHECK(*rho == doctest::Approx(0.9486832981).epsilon(1e-9));
    CHECK(*spearman({1, 2, 3, 4, 5}, {2, 4, 6, 8, 10}) == doctest::Approx(1.0));
    CHECK(*spearman({1, 2, 3, 4, 5}, {9, 7, 5, 3, 1}) == doctest::Approx(-1.0));
    // No variation in one rater: undefined, not 0.
    CHECK_FALSE(spearman({2, 2, 2}, {1, 2, 3}));
    CHECK_FALSE(spearman({1}, {1}));
}

TEST_CASE("agreement: ICC(2,1) is absolute agreement") {
    // y = x + 1: perfectly consistent but one point apart. n 4, k 2, grand mean 3;
    // SSR 10, SSC 2, SST 12, SSE 0; MSR 10/3, MSC 2, MSE 0;
    // ICC = (10/3) / (10/3 + 0 + 2 x 2 / 4) = 10/13.
    auto icc = icc_2_1({1, 2, 3, 4}, {2, 3, 4, 5});
    REQUIRE(icc);
    CHECK(*icc == doctest::Approx(10.0 / 13.0).epsilon(1e-12));
    // x 1 2 3, y 1 3 2: SSR 3, SSC 0, SSE 1; MSR 1.5, MSE 0.5; ICC = 1 / (2 - 1/3) = 0.6.
    CHECK(*icc_2_1({1, 2, 3}, {1, 3, 2}) == doctest::Approx(0.6).epsilon(1e-12));
    CHECK(*icc_2_1({1, 2, 3}, {1, 2, 3}) == doctest::Approx(1.0));
    CHECK_FALSE(icc_2_1({2, 2}, {2, 2}));
}

TEST_CASE("agreement: Cohen's kappa, binary and quadratic-weighted") {
    // Agree on 4 of 6; each rater says yes half the time: pe 0.5, kappa (2/3 - 1/2) / (1/2).
    auto k = kappa({1, 1, 0, 0, 1, 0}, {1, 0, 0, 0, 1, 1}, false, 0, 1);
    REQUIRE(k);
    CHECK(*k == doctest::Approx(1.0 / 3.0).epsilon(1e-12));
    // 1-5, weights (i-j)^2/16: observed (1/16 + 1/16) / 5 = 0.025; a uniform, b 0.4 at 2,
    // 0.2 at 3, 0.4 at 5: expected 0.2 x (0.4 x 15 + 0.2 x 10 + 0.4 x 30) / 16 = 0.25;
    // kappa = 1 - 0.025 / 0.25 = 0.9.
    auto q = kappa({1, 2, 3, 4, 5}, {2, 2, 3, 5, 5}, true, 1, 5);
    REQUIRE(q);
    CHECK(*q == doctest::Approx(0.9).epsilon(1e-12));
    // Both always "yes": chance agreement is total, kappa undefined.
    CHECK_FALSE(kappa({1, 1, 1}, {1, 1, 1}, false, 0, 1));
}

TEST_CASE("agreement: ratings become pairs; few pairs are not enough") {
    std::vector<TurnRating> ratings;
    for (int i = 0; i < 12; ++i) {
        TurnRating a;
        a.turn_uid = "t" + std::to_string(i);
        a.rater = "imp_b";
        a.overall = 1 + i % 5;
        a.principles = {{"non_defensive", i % 3}};
        a.scorer_overall = 25.0 * (i % 5);  // maps back to exactly a.overall
        a.scorer_principles = {{"non_defensive", i % 3 == 2 ? 0.9 : (i % 3 == 1 ? 0.3 : 0.1)},
                               {"here_and_now", 0.7}};
        ratings.push_back(a);
        if (i < 11) {  // a second supervisor on 11 turns, a point lower on overall when above 1
            TurnRating b = a;
            b.rater = "imp_a";
            b.overall = std::max(1, a.overall - 1);
            b.principles = {{"non_defensive", i % 3}, {"here_and_now", 2}};
            ratings.push_back(b);
        }
    }
    auto fs = figures(ratings);
    auto find = [&](const std::string& c, const std::string& m) {
        for (const auto& f : fs)
            if (f.comparison == c && f.measure == m) return f;
        FAIL("no figure " << c << " " << m);
        return Figure{};
    };
    Figure overall = find("supervisor_vs_scorer", "overall");
    CHECK(overall.n == 23);
    Figure nd = find("supervisor_vs_scorer", "non_defensive");
    CHECK(nd.n == 23);
    REQUIRE(nd.kappa);
    CHECK(*nd.kappa == doctest::Approx(1.0));  // the mapping reproduces every rating
    CHECK(*nd.spearman == doctest::Approx(1.0));
    CHECK(*nd.icc == doctest::Approx(1.0));
    Figure hn = find("supervisor_vs_scorer", "here_and_now");
    CHECK(hn.n == 11);
    CHECK_FALSE(hn.spearman);  // every rating 2 and every mapped score 2
    CHECK(hn.note.find("undefined") != std::string::npos);
    Figure unmarked = find("supervisor_vs_scorer", "we_ness");
    CHECK(unmarked.n == 0);
    CHECK(unmarked.note == "not enough ratings (n < 10)");
    Figure ss = find("supervisor_vs_supervisor", "overall");
    CHECK(ss.n == 11);
    REQUIRE(ss.icc);
    CHECK(*ss.icc < 1.0);
    CHECK(*ss.spearman > 0.9);
    CHECK(find("supervisor_vs_supervisor", "here_and_now").n == 0);
    // With a threshold of 12, the 11 supervisor pairs are not enough.
    auto strict = figures(ratings, 12);
    REQUIRE(strict.size() == 33);  // overall and 10 principles, for each of three comparisons
    CHECK(strict[11].comparison == "supervisor_vs_author");
    CHECK(strict[11].n == 0);  // no turn chose an option
    CHECK(strict[22].comparison == "supervisor_vs_supervisor");
    CHECK(strict[22].measure == "overall");
    CHECK(strict[22].note == "not enough ratings (n < 12)");
    CHECK_FALSE(strict[22].icc);
    CHECK(to_csv(fs).rfind("comparison,measure,n,spearman,icc_2_1,kappa,kappa_kind,note\n", 0) ==
          0);
    CHECK(to_json(fs).size() == fs.size());
}

TEST_CASE("agreement: chosen options are compared with the author's ratings, apart") {
    // Ten turns that chose an option, each rated by one supervisor exactly as the author did
    // (authored 0/1/2 stored as 0, 0.5, 1), and ten typed answers with the model's scores.
    std::vector<TurnRating> ratings;
    for (int i = 0; i < 10; ++i) {
        TurnRating o;
        o.turn_uid = "o" + std::to_string(i);
        o.rater = "imp_a";
        o.chosen_option = true;
        o.principles = {{"non_defensive", i % 3}};
        o.scorer_principles = {{"non_defensive", 0.5 * (i % 3)}};
        ratings.push_back(o);
        TurnRating t;
        t.turn_uid = "t" + std::to_string(i);
        t.rater = "imp_a";
        t.principles = {{"non_defensive", i % 3}};
        t.scorer_principles = {{"non_defensive", 0.5 * (i % 3)}};  // 0.5: "done well", so 2
        ratings.push_back(t);
    }
    auto fs = figures(ratings);
    auto find = [&](const std::string& c) {
        for (const auto& f : fs)
            if (f.comparison == c && f.measure == "non_defensive") return f;
        FAIL("no figure " << c);
        return Figure{};
    };
    Figure author = find("supervisor_vs_author");
    CHECK(author.n == 10);
    CHECK(*author.icc == doctest::Approx(1.0));
    CHECK(*author.kappa == doctest::Approx(1.0));
    Figure scorer = find("supervisor_vs_scorer");
    CHECK(scorer.n == 10);
    // The same numbers read as a typed answer's: the supervisor's 1s meet the model's 2s.
    CHECK(*scorer.spearman < 0.95);
    CHECK(*scorer.icc < 0.95);
    CHECK(*scorer.kappa < 1.0);
}
