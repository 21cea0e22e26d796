// The response model's file: a small hand-made model predicts what its weights say (the logit
// is the bias plus each found feature's weight times its value, features not in the file count
// for nothing), and every malformed file is refused with its line and what is wrong.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "impasse/response_model.h"

using impasse::ModelContext;
using impasse::ResponseModel;

namespace {

std::unique_ptr<ResponseModel> parse(const std::string& text, std::string* error) {
    return ResponseModel::parse(text, "m.txt", error);
}

std::string refused(const std::string& text) {
    std::string error;
    auto m = parse(text, &error);
    CHECK(m == nullptr);
    return error;
}

double logistic(double z) {
    return 1.0 / (1.0 + std::exp(-z));
}

}  // namespace

TEST_CASE("response model: a hand-made model predicts from its weights") {
    // Two labels; "w sorry" raises the first, "w policy" the second, "len 1" is not used here.
    const std::string text =
        "impasse-response-model 1\n"
        "labels\ta\tb\n"
        "bias\t-1\t0.5\n"
        "features\t3\n"
        "w sorry\t2\t-1\n"
        "w policy\t-0.5\t3\n"
        "ctx rt none\t0.25\t0\n";
    std::string error;
    auto m = parse(text, &error);
    REQUIRE_MESSAGE(m, error);
    CHECK(m->feature_count() == 3);
    CHECK(m->label_index("b") == 1);
    CHECK(m->label_index("c") == -1);

    // The hits of the text, in order; only three of them are in the file.
    const std::string answer = "sorry about the policy";
    std::vector<impasse::FeatureHit> hits = impasse::extract_features(answer, ModelContext{});
    double z[2] = {-1, 0.5};
    for (const auto& h : hits) {
        if (h.hash == impasse::feature_hash("w sorry")) {
            z[0] += 2.0 * static_cast<double>(h.value);
            z[1] += -1.0 * static_cast<double>(h.value);
        } else if (h.hash == impasse::feature_hash("w policy")) {
            z[0] += -0.5 * static_cast<double>(h.value);
            z[1] += 3.0 * static_cast<double>(h.value);
        } else if (h.hash == impasse::feature_hash("ctx rt none")) {
            z[0] += 0.25 * static_cast<double>(h.value);
        }
    }
    auto p = m->predict(answer, ModelContext{});
    REQUIRE(p.size() == 2);
    CHECK(p[0].p == doctest::Approx(logistic(z[0])).epsilon(1e-12));
    CHECK(p[1].p == doctest::Approx(logistic(z[1])).epsilon(1e-12));
    // The evidence of each label is the word that raised it.
    CHECK(answer.substr(p[0].start, p[0].end - p[0].start) == "sorry");
    CHECK(answer.substr(p[1].start, p[1].end - p[1].start) == "policy");

    // A text with none of the features gets the bias (and the moment's feature) only.
    auto q = m->predict("hello there", ModelContext{});
    CHECK(q[0].p == doctest::Approx(logistic(-1 + 0.25)).epsilon(1e-12));
    CHECK(q[1].p == doctest::Approx(logistic(0.5)).epsilon(1e-12));
    CHECK(q[0].start == q[0].end);
}

TEST_CASE("response model: a model of many features finds each of them") {
    // 5,000 features, each raising label "a" by its own amount: every one is found.
    std::string text = "impasse-response-model 1\nlabels\ta\nbias\t0\nfeatures\t5000\n";
    for (int i = 0; i < 5000; ++i)
        text += "w word" + std::to_string(i) + "\t" + std::to_string(i % 7 - 3) + "\n";
    std::string error;
    auto m = parse(text, &error);
    REQUIRE_MESSAGE(m, error);
    for (int i = 0; i < 5000; i += 499) {
        std::string word = "word" + std::to_string(i);
        double value = 0;
        for (const auto& h : impasse::extract_features(word, ModelContext{}))
            if (h.hash == impasse::feature_hash("w " + word)) value = h.value;
        REQUIRE(value > 0);
        auto p = m->predict(word, ModelContext{});
        CHECK(p[0].p == doctest::Approx(logistic((i % 7 - 3) * value)).epsilon(1e-9));
    }
}

TEST_CASE("response model: malformed files are refused with their line") {
    const std::string head = "impasse-response-model 1\nlabels\ta\tb\nbias\t0\t0\n";
    CHECK(refused("") ==
          "m.txt:0: not a response model (the first line must be "
          "'impasse-response-model 1')");
    CHECK(refused("impasse-response-model 2\n").find("m.txt:1: not a response model") == 0);
    CHECK(refused("impasse-response-model 1\n") == "m.txt:1: missing the labels line");
    CHECK(refused("impasse-response-model 1\nlabels\ta\nbias\tx\n") ==
          "m.txt:3: bias 1 is not a number");
    CHECK(refused(head) == "m.txt:3: missing the features line");
    CHECK(refused(head + "features\tmany\n") == "m.txt:4: expected 'features<TAB>COUNT'");
    CHECK(refused(head + "features\t1e9\n") == "m.txt:4: expected 'features<TAB>COUNT'");
    CHECK(refused(head + "features\t2\nw a\t1\t2\n") ==
          "m.txt:5: the file declares 2 features but has 1");
    // A hostile count far beyond the lines there are does not reserve memory for it.
    CHECK(refused(head + "features\t99999999\nw a\t1\t2\n") ==
          "m.txt:5: the file declares 99999999 features but has 1");
    const std::string one = head + "features\t2\nw a\t1\t2\n";
    CHECK(refused(one + "w b\t1\n") ==
          "m.txt:6: a feature line needs its name and one weight a label");
    CHECK(refused(one + "w b\t1\t2\t3\n") ==
          "m.txt:6: a feature line needs its name and one weight a label");
    CHECK(refused(one + "w b\n") ==
          "m.txt:6: a feature line needs its name and one weight a label");
    CHECK(refused(one + "w b\t1\tx\n") == "m.txt:6: weight 2 is not a number");
    CHECK(refused(one + "w b\t1.5z\t2\n") == "m.txt:6: weight 1 is not a number");
    CHECK(refused(one + "w b\tinf\t2\n") == "m.txt:6: weight 1 is not a number");
    CHECK(refused(one + "w b\t\t2\n") == "m.txt:6: weight 1 is not a number");
    CHECK(refused(one + "w a\t3\t4\n") == "m.txt:6: two features share a hash: 'w a'");
    // The first bad line is named, wherever it falls among many.
    std::string big = head + "features\t1000\n";
    for (int i = 0; i < 1000; ++i)
        big += "w x" + std::to_string(i) + (i == 700 || i == 300 ? "\t1\n" : "\t1\t2\n");
    CHECK(refused(big) == "m.txt:305: a feature line needs its name and one weight a label");
}
