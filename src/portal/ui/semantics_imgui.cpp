#include "ui/semantics_imgui.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "imgui_internal.h"
#include "ui/theme.hpp"

namespace portal::ui::semantics {

namespace {

// One visible item of this frame. Only items that ImGui described (its widgets) or that the
// portal's widgets completed become nodes: a scrollbar or a window's title bar is added as an
// item too, but is nothing a person would look for.
struct Record {
    Node node;
    ImGuiWindow* window = nullptr;
    ImGuiID tab_bar = 0;  // a tab: the bar holding it
    bool described = false;
};

struct TabBar {
    Node node;  // where it is
};

struct Collector {
    bool gathering = false;
    std::vector<Record> records;
    std::unordered_map<ImGuiID, std::size_t> index;
    std::unordered_map<ImGuiID, TabBar> tab_bars;
    std::uint32_t modal = 0;
    // What the page asked for, carried out at the next begin_frame.
    std::vector<std::pair<Request, std::uint32_t>> requests;
    // Last frame's text fields, so a request knows what it is asking of.
    std::unordered_map<std::uint32_t, Role> last_roles;
};
Collector c;

// Visible part of `bb` in the current window (scrolled-away rows and clipped columns: none).
bool visible_rect(ImGuiWindow* window, const ImRect& bb, ImRect& out) {
    out = bb;
    out.ClipWithFull(window->ClipRect);
    return out.GetWidth() > 0.5f && out.GetHeight() > 0.5f;
}

void place(Node& n, const ImRect& r) {
    float s = ui::scale();
    n.x = r.Min.x / s;
    n.y = r.Min.y / s;
    n.w = r.GetWidth() / s;
    n.h = r.GetHeight() / s;
}

Record* find(ImGuiID id) {
    auto it = c.index.find(id);
    return it == c.index.end() ? nullptr : &c.records[it->second];
}

bool is_popup(const ImGuiWindow* w) {
    return (w->Flags & ImGuiWindowFlags_Popup) && !(w->Flags & ImGuiWindowFlags_Tooltip);
}

bool is_combo_popup(const ImGuiWindow* w) {
    return std::strncmp(w->Name, "##Combo_", 8) == 0;
}

}  // namespace

void begin_frame() {
    ImGuiContext& g = *GImGui;
    g.TestEngineHookItems = true;
    for (auto [kind, key] : c.requests) {
        auto role = c.last_roles.find(key);
        if (role == c.last_roles.end()) continue;  // gone since: nothing to do
        bool field = role->second == Role::textbox;
        if (kind == Request::activate || field) {
            // Programmatic activation, as Enter on an item ImGui navigated to would be; a text
            // field is entered for typing (its text selected, as a browser's Tab into a field).
            if (field && g.ActiveId == key) continue;
            g.NavNextActivateId = key;
            g.NavNextActivateFlags =
                field ? ImGuiActivateFlags_PreferInput : ImGuiActivateFlags_None;
        } else if (g.ActiveId != 0 && g.ActiveIdWindow && c.last_roles.count(g.ActiveId) &&
                   c.last_roles[g.ActiveId] == Role::textbox) {
            // Focus moved from a field being edited to another control: the field lets go
            // (what it holds is kept, as when one clicks elsewhere).
            ImGui::ClearActiveID();
        }
    }
    c.requests.clear();
    c.records.clear();
    c.index.clear();
    c.tab_bars.clear();
    c.modal = 0;
    c.gathering = true;
}

void request(Request kind, std::uint32_t key) {
    c.requests.emplace_back(kind, key);
}

std::uint32_t modal_key() {
    return c.modal;
}

Node* item(ImGuiID id) {
    Record* r = find(id);
    if (!r) return nullptr;
    r->described = true;
    return &r->node;
}

Node* last_item() {
    return item(GImGui->LastItemData.ID);
}

Node* described_last_item() {
    Record* r = find(GImGui->LastItemData.ID);
    return r && r->described ? &r->node : nullptr;
}

void text_of_last_item(Role role, std::string_view text, int level) {
    ImGuiContext& g = *GImGui;
    if (!c.gathering || !g.CurrentWindow || text.empty()) return;
    ImRect r;
    if (!visible_rect(g.CurrentWindow, g.LastItemData.Rect, r)) return;
    ImGuiID key = g.CurrentWindow->GetIDNoKeepAlive(text.data(), text.data() + text.size());
    key ^= static_cast<ImGuiID>(role) * 0x9E3779B9u;
    if (key == 0 || c.index.count(key)) return;
    Record rec;
    rec.window = g.CurrentWindow;
    rec.described = true;
    rec.node.key = key;
    rec.node.role = role;
    rec.node.name = std::string(text);
    rec.node.level = level;
    place(rec.node, r);
    c.index[key] = c.records.size();
    c.records.push_back(std::move(rec));
}

std::vector<Node> end_frame() {
    ImGuiContext& g = *GImGui;
    c.gathering = false;
    std::vector<Node> out;
    out.reserve(c.records.size() + 8);
    ImGuiWindow* modal = ImGui::GetTopMostPopupModal();
    // Containers, each emitted before its first member: dialogs and popups are windows, tab
    // lists are tab bars.
    std::unordered_map<ImGuiID, bool> emitted;
    auto parent_of_window = [&](ImGuiWindow* root) -> std::uint32_t {
        if (modal && root != modal && is_popup(root)) return modal->ID;
        return 0;
    };
    auto open_container = [&](Node n, std::uint32_t key, Role role, std::uint32_t parent) {
        if (emitted[key]) return;
        emitted[key] = true;
        n.key = key;
        n.role = role;
        n.parent = parent;
        out.push_back(std::move(n));
    };
    auto window_node = [](ImGuiWindow* w, std::string name) {
        Node n;
        n.name = std::move(name);
        place(n, w->Rect());
        return n;
    };
    c.last_roles.clear();
    for (Record& rec : c.records) {
        if (!rec.described) continue;
        Node n = rec.node;
        ImGuiWindow* root = rec.window->RootWindow;
        std::uint32_t parent = 0;
        if (root->Flags & ImGuiWindowFlags_Modal) {
            open_container(window_node(root, visible_label(root->Name)), root->ID, Role::dialog, 0);
            parent = root->ID;
        } else if (is_popup(root)) {
            bool combo = is_combo_popup(root);
            open_container(window_node(root, {}), root->ID, combo ? Role::listbox : Role::menu,
                           parent_of_window(root));
            parent = root->ID;
            if (n.role == Role::button) n.role = combo ? Role::option : Role::menuitem;
            // Every MenuItem says it is checkable; only a ticked one is a check box to a person.
            if (n.role == Role::checkbox) {
                n.role = n.checked == Tri::yes ? Role::menuitemcheckbox : Role::menuitem;
                if (n.role == Role::menuitem) n.checked = Tri::none;
            }
        }
        if (rec.tab_bar) {
            auto bar = c.tab_bars.find(rec.tab_bar);
            if (bar != c.tab_bars.end()) {
                open_container(bar->second.node, rec.tab_bar, Role::tablist, parent);
                parent = rec.tab_bar;
            }
        }
        n.parent = parent;
        n.focused = n.role == Role::textbox && g.ActiveId == n.key;
        c.last_roles[n.key] = n.role;
        out.push_back(std::move(n));
    }
    // A dialog's first frame draws nothing (ImGui sizes it first): the page turns inert only
    // once the dialog is there to take the focus.
    c.modal = modal && emitted[modal->ID] ? modal->ID : 0;
    return out;
}

}  // namespace portal::ui::semantics

// --- ImGui's item hooks (IMGUI_ENABLE_TEST_ENGINE): called for every item with an id ---------

using portal::ui::semantics::c;
using portal::ui::semantics::Record;
using portal::ui::semantics::Role;
using portal::ui::semantics::Tri;

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    if (!c.gathering || id == 0) return;
    ImGuiWindow* window = ctx->CurrentWindow;
    ImRect r;
    if (!window || !portal::ui::semantics::visible_rect(window, bb, r)) return;
    auto [it, fresh] = c.index.try_emplace(id, c.records.size());
    if (!fresh) return;  // one node per id: the first (ImGui reports some items twice)
    Record rec;
    rec.window = window;
    rec.node.key = id;
    rec.node.disabled = (ctx->LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
    rec.node.role =
        (ctx->LastItemData.InFlags & ImGuiItemFlags_Inputable) ? Role::textbox : Role::button;
    portal::ui::semantics::place(rec.node, r);
    c.records.push_back(std::move(rec));
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags flags) {
    if (!c.gathering) return;
    Record* rec = portal::ui::semantics::find(id);
    if (!rec || rec->described) return;
    rec->described = true;
    portal::ui::semantics::Node& n = rec->node;
    n.name = portal::ui::semantics::visible_label(label);
    if (flags & ImGuiItemStatusFlags_Checkable) {
        n.role = Role::checkbox;
        n.checked = (flags & ImGuiItemStatusFlags_Checked) ? Tri::yes : Tri::no;
    } else if (flags & ImGuiItemStatusFlags_Openable) {
        n.expanded = (flags & ImGuiItemStatusFlags_Opened) ? Tri::yes : Tri::no;
    }
    ImGuiTabBar* bar = ctx->CurrentTabBar;
    if (bar && bar->ID && ImGui::TabBarFindTabByID(bar, id)) {
        n.role = Role::tab;
        n.selected = bar->SelectedTabId == id ? Tri::yes : Tri::no;
        rec->tab_bar = bar->ID;
        portal::ui::semantics::place(c.tab_bars[bar->ID].node, bar->BarRect);
    }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) {
    return nullptr;
}
