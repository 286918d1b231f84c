// The page's semantics mirror (issue #15): each frame's nodes become only the changes the DOM
// must see.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ui/semantics.hpp"

using namespace portal::ui::semantics;

namespace {

Node button(std::uint32_t key, std::string name, float y = 0) {
    Node n;
    n.key = key;
    n.role = Role::button;
    n.name = std::move(name);
    n.x = 10;
    n.y = y;
    n.w = 80;
    n.h = 24;
    return n;
}

nlohmann::json parse(const std::string& s) {
    REQUIRE_FALSE(s.empty());
    return nlohmann::json::parse(s);
}

}  // namespace

TEST_CASE("the first update sends every node and resets the page", "[portal][semantics]") {
    Mirror m;
    auto u = parse(m.update({button(1, "Save"), button(2, "Cancel", 30)}));
    CHECK(u["reset"] == true);
    REQUIRE(u["set"].size() == 2);
    CHECK(u["set"][0]["k"] == 1);
    CHECK(u["set"][0]["r"] == "button");
    CHECK(u["set"][0]["n"] == "Save");
    CHECK(u["order"] == nlohmann::json::array({1, 2}));
    CHECK_FALSE(u.contains("remove"));
}

TEST_CASE("an unchanged frame sends nothing; a change sends only that node",
          "[portal][semantics]") {
    Mirror m;
    m.update({button(1, "Save"), button(2, "Cancel", 30)});
    CHECK(m.update({button(1, "Save"), button(2, "Cancel", 30)}).empty());
    // Sub-pixel jitter is not a change.
    Node jitter = button(2, "Cancel", 30.1f);
    CHECK(m.update({button(1, "Save"), jitter}).empty());

    Node disabled = button(1, "Save");
    disabled.disabled = true;
    disabled.description = "Only Primary admins can change roles";
    auto u = parse(m.update({disabled, button(2, "Cancel", 30)}));
    REQUIRE(u["set"].size() == 1);
    CHECK(u["set"][0]["k"] == 1);
    CHECK(u["set"][0]["dis"] == true);
    CHECK(u["set"][0]["d"] == "Only Primary admins can change roles");
    CHECK_FALSE(u.contains("order"));
    CHECK_FALSE(u.contains("reset"));
}

TEST_CASE("nodes that are gone are removed, new order is sent", "[portal][semantics]") {
    Mirror m;
    m.update({button(1, "Save"), button(2, "Cancel", 30), button(3, "Help", 60)});
    auto u = parse(m.update({button(3, "Help", 60), button(1, "Save")}));
    CHECK(u["remove"] == nlohmann::json::array({2}));
    CHECK(u["order"] == nlohmann::json::array({3, 1}));
    CHECK_FALSE(u.contains("set"));
}

TEST_CASE("one node per key, and key 0 is never a node", "[portal][semantics]") {
    Mirror m;
    auto u = parse(m.update({button(0, "nothing"), button(4, "First"), button(4, "Again")}));
    REQUIRE(u["set"].size() == 1);
    CHECK(u["set"][0]["n"] == "First");
    CHECK(u["order"] == nlohmann::json::array({4}));
}

TEST_CASE("focus travels when ImGui's own focus moves, not as a change of the node",
          "[portal][semantics]") {
    Mirror m;
    Node field;
    field.key = 7;
    field.role = Role::textbox;
    field.name = "Display name";
    field.value = "Oslo";
    m.update({field});
    field.focused = true;
    auto u = parse(m.update({field}));
    CHECK(u["focus"] == 7);
    CHECK_FALSE(u.contains("set"));
    CHECK(m.update({field}).empty());  // still focused: nothing new
    field.value = "Oslo 2";
    u = parse(m.update({field}));
    CHECK(u["set"][0]["v"] == "Oslo 2");
    CHECK_FALSE(u.contains("focus"));
}

TEST_CASE("states and values are sent only where they mean something", "[portal][semantics]") {
    Mirror m;
    Node box;
    box.key = 9;
    box.role = Role::checkbox;
    box.name = "rooms.view";
    box.checked = Tri::no;
    Node tab;
    tab.key = 10;
    tab.parent = 11;
    tab.role = Role::tab;
    tab.name = "Permissions";
    tab.selected = Tri::yes;
    Node heading;
    heading.key = 12;
    heading.role = Role::heading;
    heading.name = "Rooms";
    heading.level = 2;
    auto u = parse(m.update({box, tab, heading}));
    CHECK(u["set"][0]["c"] == false);
    CHECK_FALSE(u["set"][0].contains("s"));
    CHECK(u["set"][1]["s"] == true);
    CHECK(u["set"][1]["p"] == 11);
    CHECK(u["set"][2]["l"] == 2);
    CHECK_FALSE(u["set"][2].contains("v"));
}

TEST_CASE("after reset the page is sent anew", "[portal][semantics]") {
    Mirror m;
    m.update({button(1, "Save")});
    m.reset();
    auto u = parse(m.update({button(1, "Save")}));
    CHECK(u["reset"] == true);
    CHECK(u["set"].size() == 1);
}

TEST_CASE("names from the service that are not UTF-8 do not throw", "[portal][semantics]") {
    Mirror m;
    std::string u = m.update({button(1, std::string("Room \xff\xfe"))});
    CHECK_FALSE(u.empty());
    CHECK_NOTHROW(nlohmann::json::parse(u));
}

TEST_CASE("a label's visible part ends at ##", "[portal][semantics]") {
    CHECK(visible_label("Save##room") == "Save");
    CHECK(visible_label("##filter").empty());
    CHECK(visible_label("Rooms###rooms-tab") == "Rooms");
    CHECK(visible_label("Plain") == "Plain");
    CHECK(visible_label(nullptr).empty());
}
