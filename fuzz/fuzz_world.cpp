#include "fuzz_world.hpp"

#include <cstddef>

extern const unsigned char small_world_json[];  // rk_embed (cmake/Embed.cmake)
extern const std::size_t small_world_json_size;

namespace fuzz {

World::World() : tokens([this] { return "tok-" + std::to_string(++counter); }) {
    trm::Service::Options o;
    o.clock = [] { return mtm::Time{1'795'795'200}; };
    o.ids = [this] { return "id-" + std::to_string(++counter); };
    o.keys = [this] { return "key-" + std::to_string(++counter); };
    o.dev_auth = true;
    o.sign_in_per_minute = 0;
    service = std::make_unique<trm::Service>(store, tokens, o);
    service->load_seed(nlohmann::json::parse(
        std::string(reinterpret_cast<const char*>(small_world_json), small_world_json_size)));
    service->register_routes(router);
    auto login = [this](const char* upn) {
        auto r = router.dispatch("POST", "/api/v1/auth/dev-login", {},
                                 nlohmann::json{{"upn", upn}}.dump());
        return nlohmann::json::parse(r.body).value("token", std::string());
    };
    ann = login("ann@contoso.example");
    nia = login("nia@northwind.example");
    // Northwind works for Contoso on the Oslo rooms, so partner paths have something to reach.
    auto inv = router.dispatch(
        "POST", "/api/v1/partners/invitations", {{"authorization", bearer(false)}},
        R"({"partnerDomain":"northwind.example","contacts":[{"name":"Nia","upn":"nia@northwind.example"}],
            "scope":{"roomGroupIds":["rg-oslo"]},"expiresInDays":7,"approval":"auto","termsAccepted":true})");
    auto id = nlohmann::json::parse(inv.body).value("id", std::string());
    router.dispatch("POST", "/api/v1/invitations/" + id + "/accept",
                    {{"authorization", bearer(true)}}, "");
}

World& world() {
    static World w;
    return w;
}

}  // namespace fuzz
