// The one strict UTF-8 decoder (impasse/utf8.h) and the JSON writer that cannot throw
// (impasse/json_write.h).
#include <doctest/doctest.h>

#include <string>

#include "impasse/json_write.h"
#include "impasse/utf8.h"

using namespace impasse;

TEST_CASE("utf8: strict decoding refuses overlongs, surrogates, > U+10FFFF and cut sequences") {
    CHECK(utf8::valid("plain, caf\xC3\xA9, \xE2\x80\x94, \xF0\x9F\x98\x80"));
    CHECK(utf8::valid("\xF4\x8F\xBF\xBF"));               // U+10FFFF, the last code point
    CHECK(utf8::first_invalid("ab\xE0\x80\xAF") == 2);    // overlong '/'
    CHECK(utf8::first_invalid("\xC0\xAF") == 0);          // overlong, two bytes
    CHECK(utf8::first_invalid("x\xED\xA0\x80") == 1);     // surrogate U+D800
    CHECK(utf8::first_invalid("\xF4\x90\x80\x80") == 0);  // U+110000
    CHECK(utf8::first_invalid("cut \xE2\x80") == 4);      // truncated
    CHECK(utf8::first_invalid("\x80") == 0);              // a lone continuation byte
    CHECK(utf8::first_invalid("\xFF") == 0);
    utf8::Decoded d = utf8::decode("\xC2\xA0", 0);
    CHECK(d.cp == 0xA0);
    CHECK(d.len == 2);
}

TEST_CASE("utf8: repaired() replaces each invalid byte with U+FFFD") {
    CHECK(utf8::repaired("a\xE0\x80\xAF"
                         "b") ==
          "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
          "b");
    CHECK(utf8::repaired("fine \xC3\xA9") == "fine \xC3\xA9");
    CHECK(utf8::valid(utf8::repaired("\xED\xA0\x80\xF4\x90\x80\x80\xC2")));
}

TEST_CASE("utf8: cut() never ends inside a character") {
    std::string s =
        "ab\xC2\xA0"
        "cd";  // a no-break space at bytes 2-3
    CHECK(utf8::cut(s, 10) == s);
    CHECK(utf8::cut(s, 2) == "ab");
    CHECK(utf8::cut(s, 3) == "ab");  // would cut the no-break space
    CHECK(utf8::cut(s, 4) == "ab\xC2\xA0");
    std::string e = "\xF0\x9F\x98\x80\xF0\x9F\x98\x80";  // two emoji
    for (size_t n = 0; n <= e.size(); ++n) {
        CAPTURE(n);
        std::string_view c = utf8::cut(e, n);
        CHECK(utf8::valid(c));
        CHECK(c.size() == n / 4 * 4);
    }
    CHECK(utf8::cut("", 0).empty());
}

TEST_CASE("json_write: invalid UTF-8 in a value is written as U+FFFD, never thrown") {
    nlohmann::json j = {{"text", std::string("over\xE0\x80\xAFlong")},
                        {"sur", std::string("\xED\xA0\x80")}};
    CHECK_THROWS(j.dump());  // what the program did before: an abort
    std::string out;
    CHECK_NOTHROW(out = json_out::write(j));
    CHECK(utf8::valid(out));
    CHECK(out.find("over\xEF\xBF\xBD") != std::string::npos);
    nlohmann::json back = nlohmann::json::parse(out);
    CHECK(back["sur"].get<std::string>() == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    nlohmann::ordered_json o = {{"b", 1}, {"a", std::string("\xFF")}};
    CHECK(json_out::write(o) == "{\"b\":1,\"a\":\"\xEF\xBF\xBD\"}");
    CHECK(json_out::write(nlohmann::json{{"x", 1}}, 2) == "{\n  \"x\": 1\n}");
    CHECK(json_out::write(nlohmann::json("\xC3\xA9"), -1, true) == "\"\\u00e9\"");
}

TEST_CASE("utf8: blank text, visible or not") {
    using impasse::utf8::blank;
    CHECK(blank(""));
    CHECK(blank(" \t\r\n"));
    CHECK(blank("\xC2\xA0\xE2\x80\x8B\xEF\xBB\xBF\xE2\x80\x83\xE3\x80\x80\xE2\x81\xA0"));
    CHECK_FALSE(blank("\xC2\xA0x"));
    CHECK_FALSE(blank("\xE2\x80\x8B."));
    CHECK_FALSE(blank("\xff"));  // an invalid byte is not a space
}
