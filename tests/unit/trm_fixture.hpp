#pragma once
// An in-process TRM service over a small seeded world: requests go through the same Router
// trm-server uses, with deterministic time, ids and tokens.
#include <string>

#include <nlohmann/json.hpp>

#include "trm/json_io.hpp"
#include "trm/service.hpp"

namespace trmtest {

using nlohmann::json;

// Two customers (Contoso, Fabrikam), two partners (Northwind, Litware), rooms and people.
inline json small_world() {
    return json::parse(R"json({
  "tenants": [
    {"id":"t-contoso","name":"Contoso","domain":"contoso.example","partnerProgram":false},
    {"id":"t-fabrikam","name":"Fabrikam","domain":"fabrikam.example","partnerProgram":false},
    {"id":"t-northwind","name":"Northwind","domain":"northwind.example","partnerProgram":true},
    {"id":"t-litware","name":"Litware","domain":"litware.example","partnerProgram":true}
  ],
  "users": [
    {"id":"u-ann","tenantId":"t-contoso","upn":"ann@contoso.example","displayName":"Ann (MMR Admin)"},
    {"id":"u-tom","tenantId":"t-contoso","upn":"tom@contoso.example","displayName":"Tom (Site Tech)"},
    {"id":"u-fay","tenantId":"t-fabrikam","upn":"fay@fabrikam.example","displayName":"Fay"},
    {"id":"u-nia","tenantId":"t-northwind","upn":"nia@northwind.example","displayName":"Nia"},
    {"id":"u-ned","tenantId":"t-northwind","upn":"ned@northwind.example","displayName":"Ned"},
    {"id":"u-nat","tenantId":"t-northwind","upn":"nat@northwind.example","displayName":"Nat (help desk)"},
    {"id":"u-boss","tenantId":"t-northwind","upn":"boss@northwind.example","displayName":"Northwind global admin"},
    {"id":"u-lou","tenantId":"t-litware","upn":"lou@litware.example","displayName":"Lou"}
  ],
  "groups": [
    {"id":"g-helpdesk","tenantId":"t-northwind","name":"Helpdesk","members":["u-nat"]}
  ],
  "roomGroups": [
    {"id":"rg-oslo","tenantId":"t-contoso","name":"Oslo rooms"},
    {"id":"rg-fab","tenantId":"t-fabrikam","name":"Fabrikam rooms"}
  ],
  "rooms": [
    {"id":"r-oslo-1","tenantId":"t-contoso","displayName":"Oslo 4.12","site":"Oslo HQ","country":"NO","roomGroupIds":["rg-oslo"],"health":"healthy"},
    {"id":"r-oslo-2","tenantId":"t-contoso","displayName":"Oslo 2.01","site":"Oslo HQ","country":"NO","roomGroupIds":["rg-oslo"],"health":"healthy"},
    {"id":"r-ny-1","tenantId":"t-contoso","displayName":"New York 30","site":"NYC","country":"US","health":"unmonitored"},
    {"id":"r-fab-1","tenantId":"t-fabrikam","displayName":"Fab Lobby","site":"Paris","country":"FR","roomGroupIds":["rg-fab"]}
  ],
  "customerRoleAssignments": [
    {"tenantId":"t-contoso","role":"mmrAdmin","members":[{"type":"user","id":"u-ann"}],"scope":{"allRooms":true}},
    {"tenantId":"t-contoso","role":"siteTech","members":[{"type":"user","id":"u-tom"}],"scope":{"roomGroupIds":["rg-oslo"]}},
    {"tenantId":"t-fabrikam","role":"mmrAdmin","members":[{"type":"user","id":"u-fay"}],"scope":{"allRooms":true}}
  ],
  "incidents": [
    {"id":"i-1","tenantId":"t-contoso","roomIds":["r-oslo-1"],"severity":"important","type":"display","state":"needAction","title":"Display dark","createdAt":"2026-11-20T10:00:00Z"},
    {"id":"i-2","tenantId":"t-contoso","roomIds":["r-ny-1"],"severity":"warning","type":"network","state":"needAction","title":"Packet loss","createdAt":"2026-11-21T10:00:00Z"},
    {"id":"i-3","tenantId":"t-fabrikam","roomIds":["r-fab-1"],"severity":"warning","type":"appVersion","state":"needAction","title":"Old app","createdAt":"2026-11-22T10:00:00Z"}
  ]
})json");
}

struct Reply {
    int status = 0;
    json body;
    std::string raw;
    std::string content_type;
};

class Harness {
  public:
    explicit Harness(json world = small_world())
        : tokens_([this] { return "tok-" + std::to_string(++token_counter_); }) {
        trm::Service::Options o;
        o.clock = [this] { return now; };
        o.ids = [this] { return "new-" + std::to_string(++id_counter_); };
        o.keys = [this] { return "key-" + std::to_string(++key_counter_); };
        o.dev_auth = true;
        service_ = std::make_unique<trm::Service>(store, tokens_, o);
        service_->load_seed(world);
        service_->register_routes(router_);
    }

    // Signs in by UPN through the API and returns the bearer token.
    std::string login(const std::string& upn) {
        auto r = send("POST", "/api/v1/auth/dev-login", "", json{{"upn", upn}});
        return r.body.value("token", std::string());
    }

    Reply call(const std::string& method, const std::string& target, const std::string& token,
               const std::string& body = "", std::map<std::string, std::string> headers = {}) {
        if (!token.empty()) headers["authorization"] = "Bearer " + token;
        trm::Response r = router_.dispatch(method, target, headers, body);
        Reply out;
        out.status = static_cast<int>(r.status);
        out.raw = r.body;
        out.content_type = r.content_type;
        out.body = json::parse(r.body, nullptr, false);
        return out;
    }
    Reply send(const std::string& method, const std::string& target, const std::string& token,
               const json& body) {
        return call(method, target, token, body.dump());
    }

    trm::Service& service() { return *service_; }
    trm::MemoryStore store;
    mtm::Time now = 1'795'795'200;  // 2026-11-27T16:00:00Z

  private:
    int token_counter_ = 0, id_counter_ = 0, key_counter_ = 0;
    trm::DevTokens tokens_;
    std::unique_ptr<trm::Service> service_;
    trm::Router router_;
};

}  // namespace trmtest
