// Field rules of the model (issue #12): lengths count characters, names are one line, and no
// name or text holds control or bidirectional characters; the audit keeps bounded names.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "mtm/validation.hpp"

TEST_CASE("names and texts refuse control and bidirectional characters", "[mtm][validation]") {
    auto issues_of = [](std::string_view value, bool name) {
        std::vector<mtm::FieldIssue> issues;
        if (name)
            mtm::check_name(issues, "name", value, 10);
        else
            mtm::check_text(issues, "text", value, 10, true);
        return issues;
    };
    CHECK(issues_of("Oslo 4.12", true).empty());
    CHECK(issues_of("èèèèèèèèèè", true).empty());  // ten characters, twenty bytes
    CHECK(issues_of("èèèèèèèèèèè", true).at(0).message == "must be at most 10 characters");
    // Trojan Source: U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE.
    CHECK(issues_of("abc\u202Edef", true).at(0).message ==
          "must not contain bidirectional control characters (U+202E)");
    CHECK(issues_of("a\u2066b", false).at(0).message ==
          "must not contain bidirectional control characters (U+2066)");
    CHECK(issues_of("a\tb", true).at(0).message == "must not contain control characters (U+0009)");
    CHECK(issues_of("a\nb", true).at(0).message == "must be a single line");
    CHECK(issues_of("a\nb\tc", false).empty());  // a text may break lines
    CHECK(issues_of("a\x7f", false).at(0).message ==
          "must not contain control characters (U+007F)");
    CHECK(issues_of("a\u0085", false).at(0).message ==
          "must not contain control characters (U+0085)");
    CHECK(issues_of("a\x01", false).at(0).message ==
          "must not contain control characters (U+0001)");
    CHECK(issues_of("\xff", true).at(0).message == "must be valid UTF-8");
}

TEST_CASE("bounded keeps at most n characters and says it cut", "[mtm][validation]") {
    CHECK(mtm::bounded("short", 10) == "short");
    CHECK(mtm::bounded("0123456789", 10) == "0123456789");
    CHECK(mtm::bounded("0123456789x", 10) == "0123456789\u2026");
    CHECK(mtm::bounded("èèè", 2) == "èè\u2026");  // never cuts inside a character
    CHECK(mtm::code_points(mtm::bounded(std::string(1 << 20, 'a'), 256)) == 257);
}
