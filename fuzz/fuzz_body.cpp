// libFuzzer target: a JSON body read by every BodyReader accessor and the field rules behind
// them (scopes, members, contacts, lists, names and texts with their character rules).
#include <cstdint>
#include <string>

#include "mtm/validation.hpp"
#include "trm/json_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto body = nlohmann::json::parse(text, nullptr, false);
    if (body.is_discarded()) return 0;
    trm::BodyReader in(body);
    in.allow_only({"name", "description", "roomIds", "scope", "members", "contacts", "n", "b"});
    auto name = in.string("name");
    in.string("description");
    in.strings("roomIds");
    in.scope("scope");
    in.members("members");
    in.contacts("contacts");
    in.integer("n");
    in.boolean("b");
    std::vector<mtm::FieldIssue> issues;
    if (name) {
        mtm::check_name(issues, "name", *name, 64);
        mtm::check_text(issues, "name", *name, 2000, false);
        (void)mtm::bounded(*name, 16);
        (void)mtm::valid_upn(*name);
    }
    return 0;
}
