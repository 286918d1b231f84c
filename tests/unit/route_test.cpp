#include <catch2/catch.hpp>

#include "route.hpp"

using portal::build_route;
using portal::parse_route;
using portal::Route;

TEST_CASE("deep links round-trip through the URL hash", "[portal][route]") {
    for (const Route& r :
         {Route{Route::Page::customers, "", "", ""}, Route{Route::Page::partners, "", "", ""},
          Route{Route::Page::customers, "", "c-1", ""},
          Route{Route::Page::rooms, "9b1c-4e2f", "", ""},
          Route{Route::Page::rooms, "odd id/with ?#%", "", ""},
          Route{Route::Page::rooms, "t-1", "", "oslo & co = 4/12 #?"},
          Route{Route::Page::roles, "t-1", "", ""},
          Route{Route::Page::roles, "t-1", "role id/x", ""},
          Route{Route::Page::incidents, "", "", ""}, Route{Route::Page::incidents, "t-1", "", ""},
          Route{Route::Page::incidents, "t-1", "i-9", ""}, Route{Route::Page::audit, "", "", ""},
          Route{Route::Page::access, "", "", ""}}) {
        std::string hash = build_route(r);
        INFO(hash);
        CHECK(hash.rfind("#/", 0) == 0);
        auto back = parse_route(hash);
        REQUIRE(back);
        CHECK(*back == r);
    }
    CHECK(build_route({Route::Page::rooms, "a b", "", ""}) == "#/tenants/a%20b/rooms");
    CHECK(build_route({Route::Page::rooms, "t", "", "oslo hq"}) == "#/tenants/t/rooms?q=oslo%20hq");
    CHECK(parse_route("#/tenants/t/rooms?q=oslo+hq&other=1")->filter == "oslo hq");
    CHECK(build_route({Route::Page::incidents, "", "", ""}) == "#/incidents");
}

TEST_CASE("hashes that name no page are refused", "[portal][route]") {
    for (const char* bad : {"", "#", "#/", "#/nowhere", "#/tenants//rooms", "#/tenants/x",
                            "#/tenants/%zz/rooms", "#/customers/a/b", "#/tenants/t/roles/r/x"})
        CHECK_FALSE(parse_route(bad));
    CHECK(parse_route("#/tenants/t%2D1/rooms")->tenant_id == "t-1");
}
