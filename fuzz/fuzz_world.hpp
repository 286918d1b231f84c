#pragma once
// The service the fuzz targets talk to: the small world (tests/api/small_world.json, embedded at
// build time), in memory, with deterministic ids and a signed-in admin of each side.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "trm/service.hpp"

namespace fuzz {

struct World {
    World();
    std::string bearer(bool partner) const { return "Bearer " + (partner ? nia : ann); }
    trm::MemoryStore store;
    trm::DevTokens tokens;
    std::unique_ptr<trm::Service> service;
    trm::Router router;
    std::string ann, nia;
    int counter = 0;
};

World& world();

}  // namespace fuzz
