// The condition language.
#include <doctest/doctest.h>

#include <map>

#include "impasse/expression.h"

namespace {

impasse::Value eval(const char* src, const std::map<std::string, impasse::Value>& env) {
    auto p = impasse::parse_expression(src);
    REQUIRE_MESSAGE(p.error.empty(), p.error);
    return p.expr->evaluate([&](std::string_view path) -> std::optional<impasse::Value> {
        auto it = env.find(std::string(path));
        if (it == env.end()) return std::nullopt;
        return it->second;
    });
}

}  // namespace

TEST_CASE("expressions: comparisons, logic, precedence and paths") {
    using impasse::Value;
    std::map<std::string, Value> env{{"alliance.bond", Value::of(0.3)},
                                     {"vars.pushed", Value::of_bool(true)},
                                     {"visits.opening", Value::of(2)}};
    CHECK(eval("alliance.bond < 0.4", env).truthy());
    CHECK_FALSE(eval("alliance.bond >= 0.4", env).truthy());
    CHECK(eval("vars.pushed and visits.opening > 1", env).truthy());
    CHECK_FALSE(eval("not vars.pushed", env).truthy());
    CHECK(eval("not vars.pushed or alliance.bond == 0.3", env).truthy());
    CHECK_FALSE(eval("vars.pushed and (alliance.bond > 0.5 or visits.opening < 2)", env).truthy());
    CHECK(eval("vars.pushed == true", env).truthy());
    CHECK_FALSE(eval("vars.unknown", env).truthy());
    auto p = impasse::parse_expression("vars.a and visits.b > 1 or turn < 3");
    CHECK(p.paths == std::vector<std::string>{"vars.a", "visits.b", "turn"});
}

TEST_CASE("expressions: errors come back with their position") {
    auto bad = [](const char* s) { return impasse::parse_expression(s); };
    CHECK(bad("alliance.bond <").error == "the condition ends too early");
    CHECK(bad("alliance.bond <").error_offset == 15);
    CHECK(bad("(vars.a").error == "missing ')'");
    CHECK(bad("vars.a = 1").error == "use '==' to compare");
    CHECK(!bad("and vars.a").error.empty());
    CHECK(!bad("vars.a )").error.empty());
    std::string deep(500, '(');
    CHECK(!bad(deep.c_str()).error.empty());
    std::string nots;
    for (int i = 0; i < 200; ++i)
        nots += "not ";
    CHECK(!bad((nots + "true").c_str()).error.empty());
}
