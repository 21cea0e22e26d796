// One scorer, many threads: the same answers as one thread (per-thread stemmers and caches).
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "scorer_fixture.h"

using namespace impasse::test;

TEST_CASE("scoring from several threads at once gives the single-thread results") {
    std::vector<std::string> texts{
        "I wonder what just happened between us, right now?",
        "You should really try the homework; I only suggested it because it helps.",
        "It's okay, don't worry. Anyway, back to the worksheet.",
        "My sense is I pushed too hard. What was that like for you?",
    };
    auto m = moment("confrontation");
    std::vector<double> expected;
    for (const auto& t : texts)
        expected.push_back(scorer().score_text(t, m).overall);
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (int k = 0; k < 4; ++k) {
        threads.emplace_back([&, k] {
            for (int round = 0; round < 200; ++round)
                for (size_t i = 0; i < texts.size(); ++i)
                    if (scorer().score_text(texts[i], m).overall != expected[i]) ++mismatches[k];
        });
    }
    for (auto& t : threads)
        t.join();
    for (int n : mismatches)
        CHECK(n == 0);
}
