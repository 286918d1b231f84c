// The portal's entry point: picks the backend, hands the app to the platform's frame loop.
#include <memory>

#include "app.hpp"
#include "backend/fetch_backend.hpp"
#include "platform/platform.hpp"

int main() {
    // Same origin by default (serve.py proxies /api/); ?api=http://host:port talks elsewhere.
    auto base = portal::platform::page_query_parameter("api").value_or("");
    bool demo = portal::platform::page_query_parameter("demo").value_or("") == "1";
    static portal::App app(std::make_unique<portal::FetchBackend>(base), demo);
    portal::platform::run({
        .rebuild_for_scale = [](float scale) { app.rebuild_for_scale(scale); },
        .frame = [] { app.frame(); },
    });
    app.start();
    return 0;
}
