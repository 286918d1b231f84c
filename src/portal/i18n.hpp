#pragma once
// UI strings in English and Italian. Views write English literals through tr(); the Italian
// catalogue (i18n_it.inc) maps each English string to its translation. A missing entry shows the
// English text (never an empty label); tests/i18n checks that every tr() string has one.
// Portable: no ImGui, no browser.
#include <string>
#include <string_view>

namespace portal {

enum class Language { en, it };

void set_language(Language language);
Language language();
// "en" / "it" ⇄ Language; anything else reads as English.
Language parse_language(std::string_view code);
std::string_view language_code(Language language);

// The current language's text for an English UI string. The pointer stays valid for the
// program's life, so it can go straight to ImGui.
const char* tr(const char* english);

// tr() with "{}" placeholders filled in order: trf("Role {} created.", name).
template <typename... Args>
std::string trf(const char* english, const Args&... args);

namespace detail {
std::string fill(std::string_view pattern, const std::string* args, std::size_t count);
inline std::string to_text(const std::string& s) {
    return s;
}
inline std::string to_text(const char* s) {
    return s;
}
inline std::string to_text(std::string_view s) {
    return std::string(s);
}
template <typename T>
std::string to_text(const T& v) {
    return std::to_string(v);
}
}  // namespace detail

template <typename... Args>
std::string trf(const char* english, const Args&... args) {
    const std::string values[] = {detail::to_text(args)..., std::string()};
    return detail::fill(tr(english), values, sizeof...(Args));
}

}  // namespace portal
