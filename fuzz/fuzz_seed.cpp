// libFuzzer target: a world file (API.md "World file") loaded by the service, as --seed does.
// A bad file must be a SeedError naming the field, never a crash.
#include <cstdint>
#include <string>

#include "trm/service.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto world = nlohmann::json::parse(std::string(reinterpret_cast<const char*>(data), size),
                                       nullptr, false);
    if (world.is_discarded()) return 0;
    trm::MemoryStore store;
    trm::DevTokens tokens([] { return std::string("t"); });
    int n = 0;
    trm::Service::Options o;
    o.clock = [] { return mtm::Time{1'795'795'200}; };
    o.ids = [&n] { return "id-" + std::to_string(++n); };
    o.keys = o.ids;
    trm::Service service(store, tokens, o);
    try {
        service.load_seed(world);
    } catch (const trm::SeedError&) {
    }
    return 0;
}
