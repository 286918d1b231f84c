#pragma once
// Reading the service's JSON defensively: a missing or wrong-typed field is an empty value,
// never an exception (a bad answer must not crash the page).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace portal::read {

using nlohmann::json;

inline std::string text(const json& j, const char* key) {
    if (!j.is_object()) return {};
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A boolean field; anything else (missing, "yes", 1) reads as false.
inline bool flag(const json& j, const char* key) {
    if (!j.is_object()) return false;
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

inline const json& list(const json& j, const char* key) {
    static const json empty = json::array();
    if (!j.is_object()) return empty;
    auto it = j.find(key);
    return it != j.end() && it->is_array() ? *it : empty;
}

inline std::vector<std::string> strings(const json& j, const char* key) {
    std::vector<std::string> out;
    for (const auto& v : list(j, key))
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

}  // namespace portal::read
