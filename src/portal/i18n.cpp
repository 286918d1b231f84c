#include "i18n.hpp"

#include <unordered_map>

namespace portal {

namespace {

Language g_language = Language::en;

struct Entry {
    const char* en;
    const char* it;
};

// One line per UI string: {"English", "Italiano"}.
constexpr Entry kItalian[] = {
#include "i18n_it.inc"
};

const std::unordered_map<std::string_view, const char*>& italian() {
    static const auto* map = [] {
        auto* m = new std::unordered_map<std::string_view, const char*>();
        m->reserve(std::size(kItalian));
        for (const auto& e : kItalian) m->emplace(e.en, e.it);
        return m;
    }();
    return *map;
}

}  // namespace

void set_language(Language language) {
    g_language = language;
}

Language language() {
    return g_language;
}

Language parse_language(std::string_view code) {
    return code.substr(0, 2) == "it" ? Language::it : Language::en;
}

std::string_view language_code(Language language) {
    return language == Language::it ? "it" : "en";
}

const char* tr(const char* english) {
    if (g_language == Language::en) return english;
    auto it = italian().find(english);
    return it == italian().end() ? english : it->second;
}

namespace detail {

std::string fill(std::string_view pattern, const std::string* args, std::size_t count) {
    std::string out;
    out.reserve(pattern.size() + 16);
    std::size_t next = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
            if (next < count) out += args[next];
            ++next;
            ++i;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

}  // namespace detail

}  // namespace portal
