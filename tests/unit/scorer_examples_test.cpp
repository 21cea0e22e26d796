// Clear expert answers score well above clear mistakes, at both kinds of rupture.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "scorer_fixture.h"

using namespace impasse::test;

namespace {

struct Example {
    const char* text;
    double overall;
};

double lowest(const std::vector<std::string>& texts, const impasse::Moment& m) {
    double v = 100;
    for (const auto& t : texts) {
        double o = scorer().score_text(t, m).overall;
        CAPTURE(t);
        CAPTURE(o);
        v = std::min(v, o);
    }
    return v;
}

double highest(const std::vector<std::string>& texts, const impasse::Moment& m) {
    double v = 0;
    for (const auto& t : texts) {
        double o = scorer().score_text(t, m).overall;
        CAPTURE(t);
        CAPTURE(o);
        v = std::max(v, o);
    }
    return v;
}

}  // namespace

TEST_CASE("confrontation: owning and exploring beats defending, blaming and lecturing") {
    // "This homework is pointless. You clearly don't get what my week is like."
    std::vector<std::string> expert{
        "You're right, I think I pushed the homework without asking what your week was like. "
        "It makes sense you're frustrated with me. Can you tell me more?",
        "I'd rather hear this than have you keep it to yourself. What was it like for you when I "
        "brought up the homework just now?",
        "It sounds like I missed something important. My sense is you felt I wasn't listening. "
        "Does that fit?",
    };
    std::vector<std::string> mistakes{
        "I only suggested the homework because research shows it helps. You agreed to it last "
        "week.",
        "You're being resistant. If you would just do the exercises you would feel better.",
        "Don't worry about it, it's fine. Anyway, let's get back to the worksheet.",
        "You always push back when things get hard. People like you often struggle with this.",
        "Let me explain how therapy works. The reason we do homework is that change happens "
        "between sessions, and the evidence is clear that practice matters.",
    };
    auto m = moment("confrontation");
    double low_expert = lowest(expert, m);
    double high_mistake = highest(mistakes, m);
    CHECK(low_expert >= 60);
    CHECK(high_mistake <= 35);
    CHECK(low_expert - high_mistake >= 30);
}

TEST_CASE("withdrawal: gentle, tentative here-and-now attention beats reassurance and advice") {
    // "I don't know. It's fine, whatever you think is best."
    std::vector<std::string> expert{
        "I notice you went quiet just now, as I said that. I wonder what's happening for you "
        "right now?",
        "I might be wrong, but it seems like something shifted between us a moment ago. What "
        "was that like for you?",
        "I'm aware I've been doing most of the talking. Can we slow down and look at what is "
        "happening between us right now?",
    };
    std::vector<std::string> mistakes{
        "Okay, great. Anyway, let's move on to your thought record.",
        "You should try to be more open in here, otherwise therapy won't work.",
        "It's okay, no problem at all. You're doing really well.",
        "This is probably about your mother and how you learned to stay quiet growing up.",
    };
    auto m = moment("withdrawal");
    double low_expert = lowest(expert, m);
    double high_mistake = highest(mistakes, m);
    CHECK(low_expert >= 60);
    CHECK(high_mistake <= 35);
    CHECK(low_expert - high_mistake >= 30);
}
