#include "views/matrix_view.hpp"

#include <algorithm>
#include <cmath>

#include "i18n.hpp"
#include "imgui.h"
#include "imgui_internal.h"  // SetItemUsingMouseWheel
#include "mtm/operations.hpp"
#include "mtm/validation.hpp"
#include "platform/platform.hpp"
#include "ui/widgets.hpp"
#include "views/page_parts.hpp"

namespace portal::views {

using ui::px;
namespace color = ui::color;

namespace {

// Cells at least this wide (device pixels) split into one stripe per permission; the fragment
// shader (shaders/heatmap.frag) splits at the same width.
constexpr float kSplitWidth = 60.0f;

struct Cell {
    int user = -1, tenant = -1, permission = -1;  // permission -1: the cell as a whole
    bool valid() const { return user >= 0 && tenant >= 0; }
};

std::string permission_name(int p) {
    const mtm::PermissionInfo& info = mtm::catalogue()[static_cast<std::size_t>(p)];
    return std::string(tr(info.feature.data())) + " · " + tr(info.label.data());
}

std::string role_title(const mtm::MatrixModel& m, std::size_t r) {
    return m.tenants[m.roles[r].tenant].name + " · " + m.roles[r].name;
}

void swatch(ImU32 fill, const char* label) {
    ImVec2 at = ImGui::GetCursorScreenPos();
    float size = px(12);
    float y = at.y + (ImGui::GetFrameHeight() - size) / 2;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, y), ImVec2(at.x + size, y + size), fill,
                                              px(3));
    ImGui::Dummy(ImVec2(size + px(4), ImGui::GetFrameHeight()));
    ImGui::SameLine(0, 0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(0, px(14));
}

// Everything a cell says in words: one permission, or every permission held there.
std::string explain(const MatrixDraft& m, const Cell& c) {
    auto u = static_cast<std::uint32_t>(c.user), t = static_cast<std::uint32_t>(c.tenant);
    if (c.permission >= 0)
        return explain_matrix_cell(
            m.draft, m.cells, u, t,
            mtm::catalogue()[static_cast<std::size_t>(c.permission)].permission);
    std::string held;
    int count = 0;
    for (const auto& info : mtm::catalogue()) {
        mtm::Reach r = m.cells.at(u, t, info.permission);
        if (r == mtm::Reach::none) continue;
        ++count;
        held += "\n• " + std::string(info.id) +
                (r == mtm::Reach::some_rooms ? std::string(tr(" (some rooms)")) : std::string());
    }
    std::string out = trf("{} in {}: {} of 20 permissions", m.draft.users[u].display_name,
                          m.draft.tenants[t].name, count);
    if (count == 0) return out + "\n" + tr("No role of this organisation reaches them here.");
    out += held;
    std::vector<std::string> seen;
    std::string grants;
    for (const auto& info : mtm::catalogue())
        for (const auto* g : mtm::explain_cell(m.draft, u, t, info.permission).granted_by) {
            std::string line = describe_grant(m.draft, *g);
            if (std::find(seen.begin(), seen.end(), line) != seen.end()) continue;
            seen.push_back(line);
            grants += "\n• " + line;
        }
    return out + "\n" + tr("Granted by:") + grants;
}

void toolbar(MatrixDraft& m, Actions& actions) {
    const mtm::MatrixModel& model = m.draft;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("Show"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(px(230));
    std::string shown = m.permission < 0 ? std::string(tr("All permissions (how many)"))
                                         : permission_name(m.permission);
    if (ui::begin_combo("##matrix-show", shown.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable(tr("All permissions (how many)"), m.permission < 0))
            m.permission = -1;
        ui::expose("Matrix show:all");
        for (int p = 0; p < static_cast<int>(mtm::kPermissionCount); ++p) {
            std::string label = permission_name(p);
            if (ImGui::Selectable(label.c_str(), m.permission == p)) m.permission = p;
            ui::expose("Matrix show:" +
                       std::string(mtm::catalogue()[static_cast<std::size_t>(p)].id));
        }
        ImGui::EndCombo();
    }
    ui::expose("Matrix:show");

    ImGui::SameLine(0, px(16));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("Preview as"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(px(220));
    std::string who = m.preview >= 0 ? model.users[static_cast<std::size_t>(m.preview)].display_name
                                     : std::string(tr("Everyone"));
    if (ui::begin_combo("##matrix-preview", who.c_str(), ImGuiComboFlags_HeightLarge)) {
        ImGui::SetNextItemWidth(-1);
        ui::input_text_with_hint("##preview-filter", tr("Find a person"), m.person_filter,
                                 sizeof m.person_filter);
        ui::expose("Matrix preview:filter");
        if (ImGui::Selectable(tr("Everyone"), m.preview < 0)) m.preview = -1;
        std::string needle = mtm::lower(m.person_filter);
        int shown_people = 0;
        for (std::size_t u = 0; u < model.users.size() && shown_people < 200; ++u) {
            const auto& person = model.users[u];
            if (!needle.empty() &&
                mtm::lower(person.display_name + " " + person.upn).find(needle) ==
                    std::string::npos)
                continue;
            ++shown_people;
            std::string label = person.display_name + "##" + person.id;
            if (ImGui::Selectable(label.c_str(), m.preview == static_cast<int>(u))) {
                m.preview = static_cast<int>(u);
                // Bring the person's row into view.
                m.first_row = std::max(0.0f, static_cast<float>(u) - 2.0f);
            }
            ui::expose("Matrix preview:" + person.upn);
        }
        ImGui::EndCombo();
    }
    ui::expose("Matrix:preview");

    ImGui::SameLine(0, px(16));
    if (ui::secondary_button(tr("Fit"))) m.zoom = 0;
    ui::expose("Matrix:fit");
    ImGui::SameLine();
    if (ui::secondary_button(m.dirty() ? tr("Download CSV (what-if)") : tr("Download CSV")))
        actions.push_back({Action::Kind::download_matrix, ""});
    ui::expose("Matrix:download");

    ImGui::Dummy(ImVec2(0, px(2)));
    ImGui::PushFont(ImGui::GetFont());
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kTextMuted));
    swatch(color::kBorder, tr("None"));
    swatch(IM_COL32(147, 197, 253, 255), tr("Some rooms"));
    swatch(color::kAccent, tr("All rooms"));
    swatch(color::kSuccess, tr("Gained in the what-if"));
    swatch(color::kDanger, tr("Lost in the what-if"));
    ImGui::NewLine();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

// The heat map with its row and column labels; returns the cell under the pointer.
Cell heat_map(MatrixDraft& m, const ui::Fonts& fonts) {
    const mtm::MatrixModel& model = m.draft;
    auto columns = static_cast<float>(model.tenants.size());
    auto rows = static_cast<float>(model.users.size());
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float gutter = px(190), header = px(40);
    ImVec2 min(origin.x + gutter, origin.y + header);
    ImVec2 size(std::max(avail.x - gutter, px(40)), std::max(avail.y - header, px(40)));
    float max_row = px(28);

    if (m.zoom <= 0) {  // fit everything, then let the person zoom in
        // As wide as the columns allow; rows stop growing at max_row, so only a matrix whose
        // rows would not fit even then is shrunk to its height.
        float zoom = size.x / columns;
        if (rows * std::min(zoom, max_row) > size.y) zoom = size.y / rows;
        m.zoom = std::clamp(zoom, 0.25f, px(400));
        m.first_column = m.first_row = 0;
    }
    float cell_w = m.zoom, cell_h = std::min(m.zoom, max_row);

    ImGui::SetCursorScreenPos(min);
    ImGui::InvisibleButton("##heat", size);
    ImGui::SetItemUsingMouseWheel();  // the wheel zooms the map, not the page
    ui::expose("Matrix:heat map");
    ImGuiIO& io = ImGui::GetIO();
    bool hovered = ImGui::IsItemHovered();
    if (hovered && io.MouseWheel != 0) {  // zoom around the pointer
        float at_col = m.first_column + (io.MousePos.x - min.x) / cell_w;
        float at_row = m.first_row + (io.MousePos.y - min.y) / cell_h;
        m.zoom = std::clamp(m.zoom * std::pow(1.2f, io.MouseWheel), 0.25f, px(400));
        cell_w = m.zoom;
        cell_h = std::min(m.zoom, max_row);
        m.first_column = at_col - (io.MousePos.x - min.x) / cell_w;
        m.first_row = at_row - (io.MousePos.y - min.y) / cell_h;
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, px(3))) {
        m.first_column -= io.MouseDelta.x / cell_w;
        m.first_row -= io.MouseDelta.y / cell_h;
    }
    m.first_column = std::clamp(m.first_column, 0.0f, std::max(0.0f, columns - size.x / cell_w));
    m.first_row = std::clamp(m.first_row, 0.0f, std::max(0.0f, rows - size.y / cell_h));

    bool split = m.permission < 0 && cell_w >= kSplitWidth;
    Cell hover;
    if (hovered) {
        float col = m.first_column + (io.MousePos.x - min.x) / cell_w;
        float row = m.first_row + (io.MousePos.y - min.y) / cell_h;
        if (col >= 0 && col < columns && row >= 0 && row < rows) {
            hover.tenant = static_cast<int>(col);
            hover.user = static_cast<int>(row);
            hover.permission =
                split ? std::min(static_cast<int>((col - std::floor(col)) * mtm::kPermissionCount),
                                 static_cast<int>(mtm::kPermissionCount) - 1)
                      : m.permission;
        }
    }
    // A click without a drag pins the cell, so its explanation stays while the pointer moves.
    if (ImGui::IsItemDeactivated() && hover.valid() &&
        !ImGui::IsMouseDragPastThreshold(ImGuiMouseButton_Left, px(3))) {
        m.pin_user = hover.user;
        m.pin_tenant = hover.tenant;
        m.pin_permission = hover.permission;
    }

    platform::HeatmapView v;
    v.x = min.x;
    v.y = min.y;
    v.w = size.x;
    v.h = size.y;
    v.first_column = m.first_column;
    v.first_row = m.first_row;
    v.cell_w = cell_w;
    v.cell_h = cell_h;
    v.permission = m.permission;
    v.hover_column = hover.valid() ? hover.tenant : m.pin_tenant;
    v.hover_row = hover.valid() ? hover.user : m.pin_user;
    v.preview_row = m.preview;
    v.none = IM_COL32(241, 245, 249, 255);
    v.some = IM_COL32(147, 197, 253, 255);
    v.all = color::kAccent;
    v.grid = color::kSurface;
    v.gained = color::kSuccess;
    v.lost = color::kDanger;
    v.background = color::kSurface;
    platform::heatmap_draw(v);

    // Row labels: names, once rows are tall enough to read.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImGui::PushFont(fonts.small);
    float line = ImGui::GetFontSize();
    draw->PushClipRect(ImVec2(origin.x, min.y), ImVec2(min.x, min.y + size.y), true);
    int first = static_cast<int>(m.first_row);
    int last = std::min(static_cast<int>(rows), first + static_cast<int>(size.y / cell_h) + 2);
    for (int u = first; u < last; ++u) {
        float y = min.y + (static_cast<float>(u) - m.first_row) * cell_h;
        const auto& person = model.users[static_cast<std::size_t>(u)];
        if (cell_h >= line) {
            ImU32 ink = u == m.preview || u == hover.user ? color::kText : color::kTextMuted;
            draw->AddText(ImVec2(origin.x + px(4), y + (cell_h - line) / 2), ink,
                          person.display_name.c_str());
        }
        if (y >= min.y - 1 && y + cell_h <= min.y + size.y + 1)
            ui::expose_rect("Matrix:row:" + person.upn, ImVec2(origin.x, y),
                            ImVec2(min.x, y + cell_h));
    }
    draw->PopClipRect();

    // Column labels: customer names over their columns when they fit.
    draw->PushClipRect(ImVec2(min.x, origin.y), ImVec2(min.x + size.x, min.y), true);
    int first_col = static_cast<int>(m.first_column);
    int last_col =
        std::min(static_cast<int>(columns), first_col + static_cast<int>(size.x / cell_w) + 2);
    for (int t = first_col; t < last_col; ++t) {
        float x = min.x + (static_cast<float>(t) - m.first_column) * cell_w;
        const std::string& name = model.tenants[static_cast<std::size_t>(t)].name;
        if (ImGui::CalcTextSize(name.c_str()).x <= cell_w - px(4) || cell_w >= px(24))
            draw->AddText(ImVec2(x + px(2), min.y - line - px(6)),
                          t == hover.tenant ? color::kText : color::kTextMuted, name.c_str());
        if (x >= min.x - 1 && x + cell_w <= min.x + size.x + 1)
            ui::expose_rect("Matrix:column:" + name, ImVec2(x, min.y), ImVec2(x + cell_w, min.y));
    }
    draw->PopClipRect();
    ImGui::PopFont();
    return hover;
}

void what_if(MatrixDraft& m, const ui::Fonts& fonts, Actions& actions) {
    const mtm::MatrixModel& saved = *m.saved;
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(tr("What if…"));
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0);
    ui::muted(
        tr("Try a change to a role or an assignment: changed cells light up before "
           "anything is saved."));
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(-1);
    std::string current = m.role >= 0 ? role_title(saved, static_cast<std::size_t>(m.role))
                                      : std::string(tr("Choose a role"));
    if (ui::begin_combo("##matrix-role", current.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (std::size_t r = 0; r < saved.roles.size(); ++r) {
            std::string title = role_title(saved, r);
            std::string label = title + "##" + saved.roles[r].id;
            if (ImGui::Selectable(label.c_str(), m.role == static_cast<int>(r)))
                m.role = static_cast<int>(r);
            ui::expose("Matrix role:" + title);
        }
        ImGui::EndCombo();
    }
    ui::expose("Matrix:role");
    if (m.role < 0) return;
    auto r = static_cast<std::size_t>(m.role);
    const auto& role = saved.roles[r];
    bool built_in = role.built_in != mtm::BuiltInRole::none;
    mtm::PermissionSet ceiling = mtm::custom_role_ceiling(role.side);

    ImGui::Dummy(ImVec2(0, px(4)));
    ImGui::PushFont(fonts.small);
    if (built_in) {
        ImGui::PushTextWrapPos(0);
        ui::muted(
            tr("Built-in roles keep their permissions; their assignments' scopes can be "
               "tried."));
        ImGui::PopTextWrapPos();
    }
    // Two columns of checkboxes, under their feature's name.
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(px(3), px(3)));
    if (ImGui::BeginTable("##matrix-perms", 2, ImGuiTableFlags_SizingStretchSame)) {
        std::string_view feature;
        for (const auto& info : mtm::catalogue()) {
            if (info.feature != feature) {
                feature = info.feature;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushStyleColor(ImGuiCol_Text,
                                      ImGui::ColorConvertU32ToFloat4(color::kTextMuted));
                ImGui::TextUnformatted(tr(info.feature.data()));
                ImGui::PopStyleColor();
                ImGui::TableNextRow();
            }
            ImGui::TableNextColumn();
            bool beyond = !ceiling.has(info.permission);
            bool held = m.role_permissions[r].has(info.permission);
            bool changed = held != role.permissions.has(info.permission);
            std::string reason = built_in ? tr("Built-in roles cannot be edited")
                                 : beyond && !held
                                     ? std::string(tr("A partner's role cannot hold this: only "
                                                      "the customer's own roles do"))
                                     : std::string();
            bool enabled = reason.empty();
            ImGui::BeginDisabled(!enabled);
            std::string label = std::string(tr(info.label.data())) + (changed ? " •" : "") + "##" +
                                std::string(info.id);
            if (ImGui::Checkbox(label.c_str(), &held)) {
                if (held)
                    m.role_permissions[r].add(info.permission);
                else
                    m.role_permissions[r].remove(info.permission);
                m.recompute();
            }
            ImGui::EndDisabled();
            if (!enabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("%s", reason.c_str());
            ui::expose("Matrix perm:" + std::string(info.id), enabled, reason);
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();

    ImGui::Dummy(ImVec2(0, px(4)));
    for (std::size_t a = 0; a < saved.assignments.size(); ++a) {
        const auto& as = saved.assignments[a];
        if (as.role != r) continue;
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(as.name.c_str());
        ImGui::SameLine(px(150));
        ImGui::SetNextItemWidth(-1);
        std::string as_saved = trf("As saved ({})", describe_matrix_scope(as.scope));
        const char* choices[] = {as_saved.c_str(), tr("All rooms"), tr("Nobody (removed)")};
        int choice = static_cast<int>(m.scopes[a]);
        std::string id = "##scope-" + as.id;
        if (ui::combo(id.c_str(), &choice, choices, 3)) {
            m.scopes[a] = static_cast<MatrixDraft::ScopeChoice>(choice);
            m.recompute();
        }
        ui::expose("Matrix scope:" + as.name);
    }
    ImGui::PopFont();

    ImGui::Dummy(ImVec2(0, px(6)));
    mtm::MatrixDiff d = m.changes();
    if (m.dirty()) {
        std::string summary = trf("{} cells change: {} gained, {} lost, {} narrowed, {} widened",
                                  d.changed(), d.gained, d.lost, d.narrowed, d.widened);
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(summary.c_str());
        ImGui::PopTextWrapPos();
        ui::expose("Matrix:changes", true,
                   "gained=" + std::to_string(d.gained) + " lost=" + std::to_string(d.lost) +
                       " narrowed=" + std::to_string(d.narrowed) +
                       " widened=" + std::to_string(d.widened));
        if (ui::secondary_button(tr("Reset"))) m.reset_draft();
        ui::expose("Matrix:reset");
        ImGui::SameLine();
    }
    bool edited = m.role_permissions[r] != role.permissions;
    std::string why = built_in   ? tr("Built-in roles cannot be edited")
                      : !edited  ? tr("Change a permission first")
                      : m.saving ? tr("Saving…")
                                 : std::string();
    if (ui::gated_button(m.saving ? tr("Saving…") : tr("Save permissions"), why.empty(), why, true))
        actions.push_back({Action::Kind::save_matrix_role, role.id});
    ui::expose("Matrix:save", why.empty(), why);
    ImGui::SameLine();
    if (ui::secondary_button(tr("Open in Roles")))
        actions.push_back(
            {Action::Kind::open_matrix_role, saved.tenants[role.tenant].id + "/" + role.id});
    ui::expose("Matrix:open role");
    if (std::any_of(m.scopes.begin(), m.scopes.end(),
                    [](auto c) { return c != MatrixDraft::ScopeChoice::as_saved; })) {
        ImGui::PushTextWrapPos(0);
        ui::muted(tr("Scope changes are a preview: choose the rooms of an assignment in Roles."));
        ImGui::PopTextWrapPos();
    }
}

void side_panel(MatrixDraft& m, const Cell& hover, const ui::Fonts& fonts, Actions& actions) {
    Cell shown = hover;
    bool pinned = false;
    if (!shown.valid() && m.pin_user >= 0 && m.pin_user < static_cast<int>(m.draft.users.size()) &&
        m.pin_tenant < static_cast<int>(m.draft.tenants.size())) {
        shown = {m.pin_user, m.pin_tenant, m.pin_permission};
        pinned = true;
    }
    ImGui::PushFont(fonts.strong);
    ImGui::TextUnformatted(pinned ? tr("Pinned cell") : tr("Cell"));
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0);
    if (shown.valid()) {
        std::string text = explain(m, shown);
        ImGui::TextUnformatted(text.c_str());
        ui::expose("Matrix:explain", true, text);
        if (pinned) {
            if (ui::secondary_button(tr("Unpin"))) m.pin_user = m.pin_tenant = -1;
            ui::expose("Matrix:unpin");
        }
    } else {
        ui::muted(
            tr("Hover a cell to see which role and assignment grant it, or what is "
               "missing. Click to pin it; drag to pan; the wheel zooms."));
    }
    ImGui::PopTextWrapPos();

    if (m.preview >= 0) {
        ImGui::Dummy(ImVec2(0, px(6)));
        ImGui::Separator();
        auto u = static_cast<std::uint32_t>(m.preview);
        ImGui::PushFont(fonts.strong);
        std::string title = trf("As {}", m.draft.users[u].display_name);
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopFont();
        ImGui::PushFont(fonts.small);
        ImGui::PushTextWrapPos(0);
        for (std::uint32_t t = 0; t < m.cells.tenants; ++t) {
            std::string held;
            int count = 0;
            for (const auto& info : mtm::catalogue()) {
                mtm::Reach r = m.cells.at(u, t, info.permission);
                if (r == mtm::Reach::none) continue;
                if (count++) held += ", ";
                held += std::string(info.id) + (r == mtm::Reach::some_rooms ? "*" : "");
            }
            std::string line = trf("{}: {} of 20", m.draft.tenants[t].name, count);
            ImGui::TextUnformatted(line.c_str());
            if (count) ui::muted(held);
        }
        ui::muted(tr("* only some rooms"));
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
    }

    ImGui::Dummy(ImVec2(0, px(6)));
    ImGui::Separator();
    ImGui::Dummy(ImVec2(0, px(2)));
    what_if(m, fonts, actions);
}

}  // namespace

void draw_matrix(const AppState& s, MatrixDraft& m, const ui::Fonts& fonts, Actions& actions) {
    std::string caption;
    if (m.saved)
        caption =
            trf("Who can do what where: {} people × {} × 20 permissions.", m.saved->users.size(),
                m.saved->tenants.size() == 1 ? std::string(tr("1 organisation"))
                                             : trf("{} organisations", m.saved->tenants.size()));
    ui::section_title(fonts, tr("Access matrix"), caption.empty() ? nullptr : caption.c_str());
    ui::expose("Page:Access matrix");
    if (!m.saved) {
        if (!m.refused.empty() || !s.page_error.empty()) {
            ImGui::PushTextWrapPos(px(640));
            ui::muted(m.refused.empty() ? s.page_error : m.refused);
            ImGui::PopTextWrapPos();
            ui::expose("Matrix:refused", true, m.refused.empty() ? s.page_error : m.refused);
            if (ui::secondary_button(tr("Try again")))
                actions.push_back({Action::Kind::reload, ""});
        } else {
            ui::centered_spinner(tr("Loading the access matrix…"));
            platform::request_redraw();
        }
        return;
    }
    if (m.saved->tenants.empty() || m.saved->users.empty()) {
        ui::muted(tr("Nothing to show: no people or no tenants where you may read roles."));
        return;
    }
    toolbar(m, actions);
    int limit = platform::heatmap_max_columns();
    if (!platform::heatmap_upload(m.version, static_cast<int>(m.cells.tenants),
                                  static_cast<int>(m.cells.users), m.texture.data())) {
        ui::muted(limit > 0 ? trf("This browser's GPU draws at most {} organisations side by side; "
                                  "the matrix has {}. The CSV download has every cell.",
                                  limit, m.cells.tenants)
                            : std::string(tr("This browser cannot draw the heat map (no WebGL2 "
                                             "shaders). The CSV download has every cell.")));
        return;
    }

    ImVec2 avail = ImGui::GetContentRegionAvail();
    float side = px(380);
    ImGuiWindowFlags still = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    Cell hover;
    if (ImGui::BeginChild("##matrix-area", ImVec2(avail.x - side - px(16), avail.y), false, still))
        hover = heat_map(m, fonts);
    ImGui::EndChild();
    ImGui::SameLine(0, px(16));
    if (ImGui::BeginChild("##matrix-side", ImVec2(side, avail.y), false))
        side_panel(m, hover, fonts, actions);
    ImGui::EndChild();
}

}  // namespace portal::views
