#include "ui/semantics.hpp"

#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <unordered_set>

namespace portal::ui::semantics {

const char* role_name(Role role) {
    switch (role) {
        case Role::button:
            return "button";
        case Role::link:
            return "link";
        case Role::tab:
            return "tab";
        case Role::tablist:
            return "tablist";
        case Role::checkbox:
            return "checkbox";
        case Role::radio:
            return "radio";
        case Role::textbox:
            return "textbox";
        case Role::combobox:
            return "combobox";
        case Role::listbox:
            return "listbox";
        case Role::option:
            return "option";
        case Role::menu:
            return "menu";
        case Role::menuitem:
            return "menuitem";
        case Role::menuitemcheckbox:
            return "menuitemcheckbox";
        case Role::slider:
            return "slider";
        case Role::heading:
            return "heading";
        case Role::text:
            return "text";
        case Role::status:
            return "status";
        case Role::alert:
            return "alert";
        case Role::img:
            return "img";
        case Role::dialog:
            return "dialog";
    }
    return "text";
}

bool is_container(Role role) {
    return role == Role::dialog || role == Role::tablist || role == Role::listbox ||
           role == Role::menu;
}

bool is_focusable(Role role) {
    switch (role) {
        case Role::heading:
        case Role::text:
        case Role::status:
        case Role::alert:
        case Role::img:
        case Role::dialog:
        case Role::tablist:
        case Role::listbox:
        case Role::menu:
            return false;
        default:
            return true;
    }
}

std::string visible_label(const char* label) {
    if (!label) return {};
    const char* end = std::strstr(label, "##");
    return end ? std::string(label, end) : std::string(label);
}

namespace {

nlohmann::json tri(Tri t) {
    return t == Tri::none ? nlohmann::json() : nlohmann::json(t == Tri::yes);
}

// Half-pixel steps: sub-pixel jitter of a scroll animation would otherwise resend nodes.
float snap(float v) {
    return std::round(v * 2) / 2;
}

nlohmann::json to_json(const Node& n) {
    nlohmann::json j = {
        {"k", n.key}, {"r", role_name(n.role)}, {"n", n.name}, {"x", n.x}, {"y", n.y}, {"w", n.w},
        {"h", n.h}};
    if (n.parent) j["p"] = n.parent;
    if (!n.description.empty()) j["d"] = n.description;
    if (!n.value.empty() || n.role == Role::textbox || n.role == Role::combobox) j["v"] = n.value;
    if (!n.placeholder.empty()) j["ph"] = n.placeholder;
    if (n.level) j["l"] = n.level;
    if (n.role == Role::slider) {
        j["min"] = n.min;
        j["max"] = n.max;
    }
    if (n.disabled) j["dis"] = true;
    if (n.multiline) j["ml"] = true;
    if (n.checked != Tri::none) j["c"] = tri(n.checked);
    if (n.expanded != Tri::none) j["e"] = tri(n.expanded);
    if (n.selected != Tri::none) j["s"] = tri(n.selected);
    return j;
}

}  // namespace

void Mirror::reset() {
    sent_.clear();
    order_.clear();
    focus_ = 0;
    fresh_ = true;
}

std::string Mirror::update(const std::vector<Node>& frame) {
    nlohmann::json set = nlohmann::json::array(), remove = nlohmann::json::array();
    std::vector<std::uint32_t> order;
    order.reserve(frame.size());
    std::unordered_set<std::uint32_t> seen;
    std::uint32_t focus = 0;
    for (Node n : frame) {
        if (n.key == 0 || !seen.insert(n.key).second) continue;  // one node per key
        n.x = snap(n.x);
        n.y = snap(n.y);
        n.w = snap(n.w);
        n.h = snap(n.h);
        if (n.focused) focus = n.key;
        n.focused = false;  // travels as "focus", not as a change of the node
        order.push_back(n.key);
        auto it = sent_.find(n.key);
        if (it != sent_.end() && it->second == n) continue;
        set.push_back(to_json(n));
        sent_[n.key] = std::move(n);
    }
    for (auto it = sent_.begin(); it != sent_.end();) {
        if (seen.count(it->first)) {
            ++it;
            continue;
        }
        remove.push_back(it->first);
        it = sent_.erase(it);
    }
    nlohmann::json out = nlohmann::json::object();
    if (fresh_) {
        out["reset"] = true;
        fresh_ = false;
    }
    if (!set.empty()) out["set"] = std::move(set);
    if (!remove.empty()) out["remove"] = std::move(remove);
    if (order != order_) {
        out["order"] = order;
        order_ = std::move(order);
    }
    if (focus != focus_) {
        focus_ = focus;
        if (focus) out["focus"] = focus;
    }
    if (out.empty()) return {};
    // Names come from the service (room names, people): invalid UTF-8 must not throw here.
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace portal::ui::semantics
