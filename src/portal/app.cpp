#include "app.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "backend/local_backend.hpp"
#include "demo_accounts.hpp"
#include "i18n.hpp"
#include "imgui.h"
#include "json_read.hpp"
#include "pages.hpp"
#include "platform/platform.hpp"
#include "trm/json_io.hpp"
#include "ui/semantics_imgui.hpp"
#include "ui/widgets.hpp"
#include "views/audit_view.hpp"
#include "views/customers_view.hpp"
#include "views/groups_view.hpp"
#include "views/header_view.hpp"
#include "views/home_view.hpp"
#include "views/incidents_view.hpp"
#include "views/matrix_view.hpp"
#include "views/partners_view.hpp"
#include "views/reports_view.hpp"
#include "views/rings_view.hpp"
#include "views/roles_view.hpp"
#include "views/rooms_view.hpp"

namespace portal {

namespace {
constexpr const char* kTokenKey = "roomkeeper.token";
constexpr double kToastSeconds = 6.0;
}  // namespace

const TenantChoice* AppState::selected_tenant() const {
    for (const auto& t : tenants)
        if (t.tenant_id == tenant_id) return &t;
    return nullptr;
}

App::App(std::unique_ptr<Backend> backend, bool start_offline)
    : backend_(std::move(backend)),
      connection_(std::make_unique<ServiceConnection>(*backend_, platform::now_seconds)),
      start_offline_(start_offline) {}

void App::start() {
    set_language(parse_language(platform::preferred_language()));
    platform::on_language_change([this](std::string code) {
        set_language(parse_language(code));
        if (!demo_accounts_.empty()) platform::set_demo_accounts(to_json(demo_accounts_).dump());
    });
    platform::on_sign_in([this](std::string upn) { sign_in(upn); });
    platform::on_hash_change([this](std::string hash) { follow_hash(hash); });
    platform::on_semantic_request([](platform::SemanticRequest r) {
        ui::semantics::request(r.kind == platform::SemanticRequest::Kind::activate
                                   ? ui::semantics::Request::activate
                                   : ui::semantics::Request::focus,
                               r.key);
    });
    if (start_offline_)
        open_offline_demo();
    else
        load_deployment();
}

void App::load_deployment() {
    // config.json beside index.html names the service and the identity provider; a static host
    // without one answers 404, and the page works as before (same origin, dev sign-in, demo).
    platform::http_request({"GET", "config.json", {}, {}, 10000}, [this](platform::HttpResponse r) {
        if (r.status == 200) {
            try {
                json config = json::parse(r.body, nullptr, false);
                if (config.is_discarded()) throw std::invalid_argument(tr("it is not JSON"));
                Deployment d = parse_deployment(config);
                if (!d.service.empty()) backend_->use_service(d.service);
                provider_ = d.provider;
            } catch (const std::exception& e) {
                sign_in_error_ = trf("This site's config.json is not valid: {}", e.what());
                toast(sign_in_error_, true);
            }
        }
        if (!provider_) return connection_->check();
        platform::on_provider_token([this](std::string token) { on_provider_token(token); });
        platform::provider_start(provider_->to_json().dump(), [this](platform::ProviderOutcome o) {
            on_provider_outcome(o);
            connection_->check();
        });
    });
}

void App::on_provider_outcome(const platform::ProviderOutcome& o) {
    using Kind = platform::ProviderOutcome::Kind;
    if (o.kind != Kind::failed) return;
    const std::string& name = provider_->name;
    std::string words;
    if (o.error == "access_denied")
        words = trf("The sign-in at {} was cancelled or refused.", name);
    else if (o.error == "login_required" || o.error == "interaction_required" ||
             o.error == "consent_required")
        words = trf("{} needs you to sign in again.", name);
    else if (o.error == "invalid_grant")
        words = tr("The sign-in took too long or was already used. Sign in again.");
    else if (o.error == "state_mismatch")
        words =
            tr("This sign-in was not started in this tab, or it has already finished. Sign "
               "in again.");
    else if (o.error == "nonce_mismatch" || o.error == "issuer_mismatch")
        words =
            tr("The answer from the identity provider did not belong to this sign-in, so it "
               "was refused. Sign in again.");
    else if (o.error == "unreachable" || o.error == "unavailable")
        words = trf("Could not reach {}: {}", name, o.description);
    else
        words = trf("{} refused the sign-in ({}).", name, o.error);
    // The provider's own description, in its words, after ours.
    if (!o.description.empty() && o.error != "unreachable" && o.error != "unavailable")
        words += " " + o.description;
    sign_in_error_ = words;
}

void App::on_provider_token(const std::string& token) {
    if (!provider_session_) return;
    if (token.empty()) return sign_out(tr("Your session has ended. Sign in again."));
    backend_->set_token(token);  // renewed: the person notices nothing
}

void App::open_offline_demo() {
    if (loading_demo_) return;
    loading_demo_ = true;
    demo_error_.clear();
    // The demo world is a separate file, fetched only for the offline demo: the live portal's
    // first load does not pay for it.
    platform::http_request(
        {"GET", "demo/world.json", {}, {}, 30000}, [this](platform::HttpResponse r) {
            loading_demo_ = false;
            json world = r.status == 200 ? json::parse(r.body, nullptr, false) : json();
            if (world.is_discarded() || !world.is_object()) {
                demo_error_ = trf(
                    "The offline demo could not be loaded (demo/world.json: {}).",
                    r.status ? "HTTP " + std::to_string(r.status) : std::string(tr("no answer")));
                toast(demo_error_, true);
                return;
            }
            try {
                backend_ = std::make_unique<LocalBackend>(world);
                demo_accounts_ = demo_accounts(world);
                platform::set_demo_accounts(to_json(demo_accounts_).dump());
            } catch (const std::exception& e) {
                demo_error_ = trf("The offline demo could not start: {}", e.what());
                toast(demo_error_, true);
                return;
            }
            connection_.reset();
            state_ = AppState{};
            state_.offline = true;
            was_connected_ = true;
            on_connected();
        });
}

void App::rebuild_for_scale(float scale) {
    fonts_ = ui::rebuild(scale);
    semantics_.reset();  // every position changes: the page's tree is sent anew
}

void App::toast(std::string text, bool error) {
    platform::announce(text);
    toasts_.push_back({std::move(text), error, platform::now_seconds() + kToastSeconds});
    platform::request_redraw_in(kToastSeconds + 0.05);
}

void App::call(std::string method, std::string path, json body,
               std::function<void(const ApiResult&)> ok,
               std::function<void(const ApiResult&)> failed, std::string if_match) {
    std::uint64_t generation = generation_;
    auto done = [this, generation, ok = std::move(ok), failed = std::move(failed)](ApiResult r) {
        if (generation != generation_) return;  // the user moved on meanwhile
        if (r.status == 401)
            // Right after a provider sign-in, the service's words say why (not in its
            // directory); later, the session has simply ended.
            return sign_out(state_.phase == Phase::ready
                                ? std::string(tr("Your session has ended. Sign in again."))
                                : r.error_message());
        if (r.ok()) return ok(r);
        if (failed) return failed(r);
        toast(r.error_message(), true);
    };
    if (if_match.empty())
        backend_->call(std::move(method), std::move(path), std::move(body), std::move(done));
    else
        backend_->call_if_match(std::move(method), std::move(path), std::move(body),
                                std::move(if_match), std::move(done));
}

// --- session ------------------------------------------------------------------------------------

void App::on_connected() {
    if (provider_) {
        std::string token = platform::provider_access_token();
        if (!token.empty()) {
            provider_session_ = true;
            backend_->set_token(token);
            return load_session();
        }
    }
    if (auto token = platform::session_get(kTokenKey)) {
        backend_->set_token(*token);
        load_session();
    } else {
        show_sign_in_card(sign_in_error_);
        sign_in_error_.clear();
    }
}

void App::show_sign_in_card(const std::string& why) {
    state_.phase = Phase::signed_out;
    if (provider_) {
        bool typed = connection_ && connection_->dev_login();
        platform::show_provider_sign_in(provider_->name, typed,
                                        [] { platform::provider_sign_in(false); });
    }
    platform::show_sign_in(why, false);
}

void App::sign_in(const std::string& upn, bool mfa) {
    platform::show_sign_in("", true);
    json body = {{"upn", upn}};
    if (mfa) body["mfa"] = true;
    backend_->call("POST", "/auth/dev-login", body, [this](ApiResult r) {
        if (!r.ok()) {
            std::string why =
                r.status == 401
                    ? std::string(tr("No account with that name here. Check the spelling."))
                : r.status == 404
                    ? std::string(
                          tr("Sign-in with an account name is not enabled on this service."))
                    : r.error_message();
            platform::show_sign_in(why, false);
            return;
        }
        std::string token = r.body.value("token", "");
        platform::session_set(kTokenKey, token);
        backend_->set_token(token);
        load_session();
    });
}

void App::sign_out(const std::string& why) {
    ++generation_;
    platform::session_remove(kTokenKey);
    if (provider_session_) platform::provider_forget();
    provider_session_ = false;
    backend_->set_token("");
    bool offline = state_.offline;
    state_ = AppState{};
    state_.offline = offline;
    show_sign_in_card(why);
}

void App::end_session() {
    if (!provider_session_) return sign_out("");
    ++generation_;
    backend_->set_token("");
    state_ = AppState{};
    state_.phase = Phase::signed_out;
    provider_session_ = false;
    platform::provider_sign_out();  // to the provider's end-session page, and back signed out
}

void App::load_session() {
    // Signing in shows a loading state; refreshing after a change keeps the page on screen.
    if (state_.phase != Phase::ready) state_.phase = Phase::loading;
    platform::hide_sign_in();
    call("GET", "/me", nullptr, [this](const ApiResult& me) {
        state_.me = Me::from_json(me.body);
        call("GET", "/me/access", nullptr, [this](const ApiResult& access) {
            state_.access = trm::snapshot_from_json(access.body);
            ++state_.access_version;
            state_.tenants.clear();
            state_.tenants.push_back({state_.me.tenant_id, state_.me.tenant_name, true});
            for (const auto& c : state_.access.contexts)
                if (c.tenant_id != state_.me.tenant_id &&
                    std::none_of(state_.tenants.begin(), state_.tenants.end(),
                                 [&](const TenantChoice& t) { return t.tenant_id == c.tenant_id; }))
                    state_.tenants.push_back({c.tenant_id, c.tenant_name, false});
            for (auto& t : state_.tenants)
                for (const auto& f : state_.access.facts)
                    if (f.tenant_id == t.tenant_id && f.mfa_required && !f.mfa_satisfied)
                        t.mfa_needed = true;
            std::sort(state_.tenants.begin() + 1, state_.tenants.end(),
                      [](const TenantChoice& a, const TenantChoice& b) { return a.name < b.name; });
            if (!state_.selected_tenant()) state_.tenant_id = state_.me.tenant_id;
            if (state_.phase == Phase::loading)
                state_.page = state_.me.partner_program ? Page::customers : Page::partners;
            if (!state_.selected_tenant()) state_.tenant_id = state_.me.tenant_id;
            bool first = state_.phase != Phase::ready;
            state_.phase = Phase::ready;
            if (first && parse_route(platform::location_hash()))
                follow_hash(platform::location_hash());  // a deep link or a reload
            else
                load_page();
        });
    });
}

// --- pages --------------------------------------------------------------------------------------

// How App loads and draws each page of pages.hpp's table, row for row.
const App::PageView& App::page_view(Page page) {
    using F = const ui::Fonts&;
    using A = views::Actions&;
    static constexpr std::array<PageView, kPages.size()> views{{
        {Page::customers, &App::load_customers_page, nullptr,
         [](AppState& s, F f, A a) { views::draw_customers(s, f, a); }},
        {Page::partners, &App::load_partners_page, [](AppState& s) { s.partners.clear(); },
         [](AppState& s, F f, A a) { views::draw_partners(s, s.invite, s.add_contacts, f, a); }},
        {Page::rooms, &App::load_rooms_page,
         [](AppState& s) {
             s.rooms.clear();
             ++s.rooms_version;
         },
         [](AppState& s, F f, A a) {
             views::draw_rooms(s, s.room_filter, s.rooms_list, s.room_draft, f, a);
         }},
        {Page::groups, &App::load_groups_page, [](AppState& s) { s.room_groups.clear(); },
         [](AppState& s, F f, A a) { views::draw_groups(s, s.groups_ui, f, a); }},
        {Page::rings, &App::load_rings, [](AppState& s) { s.rings.clear(); },
         [](AppState& s, F f, A a) { views::draw_rings(s, s.ring_draft, f, a); }},
        {Page::reports, &App::load_reports_page, [](AppState& s) { s.report.reset(); },
         [](AppState& s, F f, A a) { views::draw_reports(s, f, a); }},
        {Page::roles, &App::load_roles_page, [](AppState& s) { s.roles.clear(); },
         [](AppState& s, F f, A a) { views::draw_roles(s, s.roles_draft, f, a); }},
        {Page::incidents, &App::load_incidents, [](AppState& s) { s.incidents.clear(); },
         [](AppState& s, F f, A a) { views::draw_incidents(s, s.incidents_ui, f, a); }},
        {Page::audit, &App::load_audit_page, nullptr,
         [](AppState& s, F f, A a) { views::draw_audit(s, s.audit_ui, f, a); }},
        {Page::access, &App::load_access_page, nullptr,
         [](AppState& s, F f, A a) { views::draw_matrix(s, s.matrix, f, a); }},
    }};
    static_assert(
        [] {
            for (std::size_t i = 0; i < views.size(); ++i)
                if (views[i].page != kPages[i].page) return false;
            return true;
        }(),
        "App's page table must follow pages.hpp's, row for row");
    return views[static_cast<std::size_t>(page)];
}

void App::load_page() {
    sync_hash();
    state_.loading_page = true;
    state_.page_error.clear();
    const PageInfo& info = page_info(state_.page);
    const PageView& view = page_view(state_.page);
    // A page whose opening action I lack on this tenant shows its empty state, without asking.
    // The all-customers incidents view is asked of the service, which answers for every
    // customer where I hold the permission.
    bool across_customers = state_.page == Page::incidents && state_.incidents_all;
    // A customer that requires MFA of me is not asked at all: the page says how to get in.
    const TenantChoice* tenant = state_.selected_tenant();
    bool mfa_needed = info.per_customer && !across_customers && tenant && tenant->mfa_needed;
    if (mfa_needed && !view.clear) return page_loaded();
    if (info.opens && view.clear && !across_customers && (mfa_needed || !state_.can(*info.opens))) {
        view.clear(state_);
        page_loaded();
        return;
    }
    (this->*view.load)();
}

void App::page_loaded() {
    state_.loading_page = false;
}

void App::page_failed(const ApiResult& r) {
    state_.loading_page = false;
    state_.page_error = r.error_message();
}

void App::load_customers_page() {
    call(
        "GET", "/invitations?limit=500", nullptr,
        [this](const ApiResult& inv) {
            state_.invitations.clear();
            for (const auto& j : inv.body.value("items", json::array()))
                state_.invitations.push_back(InvitationRow::from_json(j));
            call(
                "GET", "/customers?limit=500", nullptr,
                [this](const ApiResult& cs) {
                    state_.customers.clear();
                    for (const auto& j : cs.body.value("items", json::array()))
                        state_.customers.push_back(CustomerRow::from_json(j));
                    page_loaded();
                },
                [this](const ApiResult& r) { page_failed(r); });
        },
        [this](const ApiResult& r) { page_failed(r); });
}

void App::load_partners_page() {
    call(
        "GET", "/partners?limit=500", nullptr,
        [this](const ApiResult& ps) {
            state_.partners.clear();
            for (const auto& j : ps.body.value("items", json::array()))
                state_.partners.push_back(PartnerRow::from_json(j));
            page_loaded();
        },
        [this](const ApiResult& r) { page_failed(r); });
}

void App::load_rooms_page() {
    load_rooms();
    // Ring names and room groups for the columns, filters and forms, where I may see
    // them (a refusal just leaves those choices out).
    if (state_.can(mtm::Action::list_rings))
        call(
            "GET", "/tenants/" + state_.tenant_id + "/update-rings?limit=100", nullptr,
            [this](const ApiResult& r) {
                state_.rings.clear();
                for (const auto& j : read::list(r.body, "items"))
                    state_.rings.push_back(RingRow::from_json(j));
                std::stable_sort(
                    state_.rings.begin(), state_.rings.end(),
                    [](const RingRow& a, const RingRow& b) { return a.order < b.order; });
                ++state_.rooms_version;  // the ring column's sort key
            },
            [](const ApiResult&) {});
    else
        state_.rings.clear();
    if (state_.can(mtm::Action::list_room_groups))
        call(
            "GET", "/tenants/" + state_.tenant_id + "/room-groups?limit=500", nullptr,
            [this](const ApiResult& r) {
                state_.room_groups.clear();
                for (const auto& j : read::list(r.body, "items"))
                    state_.room_groups.push_back(RoomGroupRow::from_json(j));
            },
            [](const ApiResult&) {});
    else
        state_.room_groups.clear();
}

void App::load_reports_page() {
    state_.report.reset();  // not the last tenant's while this one loads
    call(
        "GET", "/tenants/" + state_.tenant_id + "/reports/summary", nullptr,
        [this](const ApiResult& r) {
            state_.report = ReportSummary::from_json(r.body);
            page_loaded();
        },
        [this](const ApiResult& r) { page_failed(r); });
}

void App::load_groups_page() {
    call(
        "GET", "/tenants/" + state_.tenant_id + "/room-groups?limit=500", nullptr,
        [this](const ApiResult& r) {
            state_.room_groups.clear();
            for (const auto& j : read::list(r.body, "items"))
                state_.room_groups.push_back(RoomGroupRow::from_json(j));
            bool still =
                std::any_of(state_.room_groups.begin(), state_.room_groups.end(),
                            [&](const RoomGroupRow& g) { return g.id == state_.group_id; });
            if (!still)
                state_.group_id = state_.room_groups.empty() ? "" : state_.room_groups.front().id;
            state_.groups_ui.editing.clear();
            page_loaded();
        },
        [this](const ApiResult& r) { page_failed(r); });
    call("GET", "/tenants/" + state_.tenant_id + "/rooms?limit=500", nullptr,
         [this](const ApiResult& r) {
             state_.rooms.clear();
             ++state_.rooms_version;
             for (const auto& j : read::list(r.body, "items"))
                 state_.rooms.push_back(RoomRow::from_json(j));
         });
}

void App::load_audit_page() {
    // The partners name the actor filter's choices; the log itself is the service's
    // to show: only the organisation's own MMR Admins get it (else 404, shown as is).
    if (state_.partners.empty())
        call(
            "GET", "/partners?limit=500", nullptr,
            [this](const ApiResult& ps) {
                state_.partners.clear();
                for (const auto& j : read::list(ps.body, "items"))
                    state_.partners.push_back(PartnerRow::from_json(j));
            },
            [](const ApiResult&) {});
    load_directory();  // my people's names in the Who column
    apply({views::Action::Kind::load_audit, ""});
}

void App::load_access_page() {
    call(
        "GET", "/access-matrix", nullptr,
        [this](const ApiResult& r) {
            state_.matrix.load(trm::matrix_from_json(r.body));
            page_loaded();
        },
        [this](const ApiResult& r) {
            state_.matrix.load(std::nullopt);
            state_.matrix.refused = r.error_message();
            page_loaded();
        });
}

void App::load_roles_page() {
    call(
        "GET", "/tenants/" + state_.tenant_id + "/roles?limit=500", nullptr,
        [this](const ApiResult& rs) {
            state_.roles.clear();
            for (const auto& j : rs.body.value("items", json::array()))
                state_.roles.push_back(RoleRow::from_json(j));
            bool still = std::any_of(state_.roles.begin(), state_.roles.end(),
                                     [&](const RoleRow& r) { return r.id == state_.role_id; });
            if (!still) state_.role_id = state_.roles.empty() ? "" : state_.roles.front().id;
            page_loaded();
        },
        [this](const ApiResult& r) { page_failed(r); });
}

void App::follow_hash(const std::string& hash) {
    auto route = parse_route(hash);
    if (!route || state_.phase != Phase::ready) return;
    Page page = route->page;
    bool all_incidents = page == Page::incidents && route->tenant_id.empty();
    bool tenant_page = page_info(page).per_customer && !all_incidents;
    std::string tenant = tenant_page ? route->tenant_id : state_.me.tenant_id;
    // Only places this user may go: an unknown customer falls back to my own organisation.
    if (std::none_of(state_.tenants.begin(), state_.tenants.end(),
                     [&](const TenantChoice& t) { return t.tenant_id == tenant; }))
        tenant = state_.me.tenant_id;
    if (page == Page::customers && !state_.partner_user()) page = Page::partners;
    if (page == Page::partners && state_.partner_user()) page = Page::customers;
    ++generation_;
    state_.page = page;
    state_.tenant_id = tenant;
    if (page == Page::roles) state_.role_id = route->item;  // kept if the role is still there
    if (page == Page::groups) state_.group_id = route->item;
    if (page == Page::incidents) {
        state_.incidents_all = all_incidents;
        state_.incident.reset();
        if (!route->item.empty()) apply({views::Action::Kind::open_incident, route->item});
    }
    if (page == Page::rooms)
        std::snprintf(state_.room_filter, sizeof state_.room_filter, "%s", route->filter.c_str());
    if (page == Page::customers && !route->item.empty()) {
        if (!state_.detail || state_.detail->tenant_id != route->item)
            apply({views::Action::Kind::open_customer, route->item});
    } else {
        state_.detail.reset();
    }
    load_page();
}

Route App::current_route() const {
    Route r;
    r.page = state_.page;
    if (r.page == Page::groups) r.item = state_.group_id;
    if (page_info(state_.page).per_customer &&
        !(state_.page == Page::incidents && state_.incidents_all))
        r.tenant_id = state_.tenant_id;
    if (r.page == Page::incidents && !state_.incidents_all && state_.incident)
        r.item = state_.incident->id;
    if (r.page == Page::customers && state_.detail) r.item = state_.detail->tenant_id;
    if (r.page == Page::roles) r.item = state_.role_id;
    if (r.page == Page::rooms) r.filter = state_.room_filter;
    return r;
}

void App::sync_hash() {
    if (state_.phase != Phase::ready) return;
    Route r = current_route();
    std::string hash = build_route(r);
    std::string now = platform::location_hash();
    if (hash == now) return;
    // Moving to another page, customer or selection adds a history entry for Back; typing a
    // filter, or the Roles page opening a role by itself, replaces the current one (else Back
    // would step through keystrokes, or land on an entry that moves straight forward again).
    auto shown = parse_route(now);
    bool same_place = shown && shown->page == r.page && shown->tenant_id == r.tenant_id;
    // The Roles page opening a role by itself (none named, or the named one is gone).
    bool auto_role = r.page == Page::roles && shown &&
                     std::none_of(state_.roles.begin(), state_.roles.end(),
                                  [&](const RoleRow& role) { return role.id == shown->item; });
    bool auto_group = r.page == Page::groups && shown &&
                      std::none_of(state_.room_groups.begin(), state_.room_groups.end(),
                                   [&](const RoomGroupRow& g) { return g.id == shown->item; });
    bool quiet = same_place && (shown->item == r.item || auto_role || auto_group);
    if (quiet)
        platform::replace_location_hash(hash);
    else
        platform::push_location_hash(hash);
}

void App::apply(const views::Action& a) {
    using K = views::Action::Kind;
    switch (a.kind) {
        case K::select_tenant:
            if (a.id == state_.tenant_id) return;
            ++generation_;
            state_.tenant_id = a.id;
            state_.role_id.clear();  // another customer: its own roles and rooms
            state_.group_id.clear();
            state_.room_filter[0] = '\0';
            state_.rooms_list = RoomsList{};  // another customer's rooms: no selection carried
            state_.room_draft = RoomDraft{};
            state_.incident.reset();
            if (state_.page == Page::incidents) state_.incidents_all = false;  // that customer's
            if (!page_info(state_.page).per_customer)
                state_.page = Page::rooms;  // a customer's own page
            load_page();
            return;
        case K::select_page:
            ++generation_;
            state_.page = page_by_id(a.id).value_or(Page::customers);
            if (!page_info(state_.page).per_customer) state_.tenant_id = state_.me.tenant_id;
            state_.incident.reset();
            // A partner's incidents page opens on every customer at once; a customer's on its own.
            if (state_.page == Page::incidents)
                state_.incidents_all =
                    state_.partner_user() && state_.tenant_id == state_.me.tenant_id;
            // A partner manages rooms and roles of its customers, not its own: open the first one.
            if (page_info(state_.page).partner_to_customer && state_.partner_user() &&
                state_.tenant_id == state_.me.tenant_id && state_.tenants.size() > 1)
                state_.tenant_id = state_.tenants[1].tenant_id;
            load_page();
            return;
        case K::accept_invitation:
            state_.busy_id = a.id;
            call(
                "POST", "/invitations/" + a.id + "/accept", json::object(),
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    std::string customer = r.body.contains("invitation")
                                               ? r.body["invitation"].value("customerName", "")
                                               : "";
                    toast(trf("You now manage {}.",
                              customer.empty() ? std::string(tr("a new customer")) : customer),
                          false);
                    load_session();  // new permissions: the switcher and the pages follow
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    toast(trf("Could not accept: {}", r.error_message()), true);
                    load_page();
                });
            return;
        case K::deny_invitation:
            state_.busy_id = a.id;
            call(
                "POST", "/invitations/" + a.id + "/deny", json::object(),
                [this](const ApiResult&) {
                    state_.busy_id.clear();
                    toast(tr("Invitation declined. It stays open for the other people it names."),
                          false);
                    load_page();
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    toast(trf("Could not decline: {}", r.error_message()), true);
                    load_page();
                });
            return;
        case K::reset_key:
            state_.busy_id = a.id;
            call(
                "POST", "/tenants/" + state_.tenant_id + "/rooms/" + a.id + "/reset-key",
                json::object(),
                [this](const ApiResult&) {
                    state_.busy_id.clear();
                    toast(tr("Enrollment key reset. The old key no longer works."), false);
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    toast(trf("The service refused: {}", r.error_message()),
                          true);  // never hide a refusal
                });
            return;
        case K::open_invite:
        case K::send_invite:
        case K::remove_partner:
        case K::open_add_contacts:
        case K::send_contacts:
        case K::revoke_invitation:
            apply_partners(a);
            return;
        case K::open_customer: {
            state_.detail = CustomerDetail{};
            state_.detail->tenant_id = a.id;
            std::string tid = a.id;
            call("GET", "/directory?limit=500", nullptr, [this](const ApiResult& r) {
                if (!state_.detail) return;
                for (const auto& j : r.body.value("items", json::array()))
                    state_.detail->directory.push_back(DirectoryEntry::from_json(j));
            });
            call(
                "GET", "/tenants/" + tid + "/roles?limit=500", nullptr,
                [this, tid](const ApiResult& r) {
                    if (!state_.detail || state_.detail->tenant_id != tid) return;
                    state_.detail->loading = false;
                    for (const auto& role : r.body.value("items", json::array())) {
                        // By the built-in key, never by the (display) name.
                        if (read::text(role, "builtInKey") !=
                            mtm::builtin_key(mtm::BuiltInRole::primary_admins))
                            continue;
                        state_.detail->role_id = role.value("id", "");
                        const auto& assignments = role.value("assignments", json::array());
                        if (assignments.empty()) continue;
                        state_.detail->assignment_id = assignments[0].value("id", "");
                        state_.detail->assignment_etag = assignments[0].value("etag", "");
                        state_.detail->other_assignments = assignments.size() - 1;
                        for (const auto& m : assignments[0].value("members", json::array()))
                            state_.detail->members.push_back(
                                {m.value("type", ""), m.value("id", "")});
                        break;  // one Primary admins role per customer and partner
                    }
                },
                [this](const ApiResult& r) {
                    if (!state_.detail) return;
                    state_.detail->loading = false;
                    state_.detail->error = r.error_message();
                });
            return;
        }
        case K::close_customer:
            state_.detail.reset();
            return;
        case K::add_admin:
        case K::remove_admin: {
            if (!state_.detail || state_.detail->assignment_id.empty()) return;
            auto colon = a.id.find(':');
            MemberRef who{a.id.substr(0, colon), a.id.substr(colon + 1)};
            std::vector<MemberRef> members = state_.detail->members;
            if (a.kind == K::add_admin)
                members.push_back(who);
            else
                members.erase(std::remove(members.begin(), members.end(), who), members.end());
            json list = json::array();
            for (const auto& m : members) list.push_back({{"type", m.type}, {"id", m.id}});
            // Optimistic: the list changes at once; a refusal puts it back and says why.
            std::vector<MemberRef> before = state_.detail->members;
            state_.detail->members = members;
            std::string tid = state_.detail->tenant_id;
            call(
                "PATCH",
                "/tenants/" + tid + "/roles/" + state_.detail->role_id + "/assignments/" +
                    state_.detail->assignment_id,
                json{{"members", list}},
                [this, add = a.kind == K::add_admin, tid](const ApiResult& r) {
                    if (state_.detail && state_.detail->tenant_id == tid)
                        state_.detail->assignment_etag = r.body.value("etag", "");
                    toast(add ? tr("Added to Primary admins.") : tr("Removed from Primary admins."),
                          false);
                    // Losing my own membership can change what I may do here.
                    load_session();
                },
                [this, before, tid](const ApiResult& r) {
                    if (state_.detail && state_.detail->tenant_id == tid)
                        state_.detail->members = before;
                    toast(trf("The service refused: {}", r.error_message()), true);
                },
                state_.detail->assignment_etag);
            return;
        }
        case K::remove_customer:
            state_.busy_id = a.id;
            call(
                "DELETE", "/customers/" + a.id, nullptr,
                [this](const ApiResult&) {
                    state_.busy_id.clear();
                    state_.detail.reset();
                    toast(tr("Customer removed. You no longer have access to its rooms."), false);
                    load_session();
                },
                [this](const ApiResult& r) {
                    state_.busy_id.clear();
                    toast(trf("Could not remove the customer: {}", r.error_message()), true);
                });
            return;
        case K::select_role:
        case K::toggle_permission:
        case K::open_role_wizard:
        case K::create_role:
        case K::save_role:
        case K::delete_role:
        case K::open_assignment:
        case K::save_assignment:
        case K::delete_assignment:
            apply_roles(a);
            return;
        case K::show_all_incidents:
        case K::filter_incidents:
        case K::open_incident:
        case K::close_incident_view:
        case K::reply_incident:
        case K::close_incident:
        case K::open_record:
        case K::send_record:
            apply_incidents(a);
            return;
        case K::select_group:
        case K::save_group:
        case K::create_group:
            apply_groups(a);
            return;
        case K::open_ring:
        case K::save_ring:
        case K::delete_ring:
            apply_rings(a);
            return;
        case K::load_audit:
            state_.loading_page = true;
            state_.page_error.clear();
            state_.audit_ui.errors.clear();
            call(
                "GET", audit_query("json"), nullptr,
                [this](const ApiResult& r) {
                    state_.loading_page = false;
                    state_.audit.clear();
                    for (const auto& j : read::list(r.body, "items"))
                        state_.audit.push_back(AuditRow::from_json(j));
                    // The service answers in time order (as the CSV keeps it); people read the
                    // latest first.
                    std::reverse(state_.audit.begin(), state_.audit.end());
                },
                [this](const ApiResult& r) {
                    state_.loading_page = false;
                    state_.audit.clear();
                    if (r.status == 422)
                        state_.audit_ui.errors = r.field_errors();
                    else
                        state_.page_error = r.error_message();
                });
            return;
        case K::download_audit:
            call(
                "GET", audit_query("csv"), nullptr,
                [this](const ApiResult& r) {
                    platform::download("audit.csv", "text/csv", r.raw);
                    toast(tr("Audit log downloaded (audit.csv)."), false);
                },
                [this](const ApiResult& r) {
                    toast(trf("Could not download the audit log: {}", r.error_message()), true);
                });
            return;
        case K::sign_out:
            end_session();
            return;
        case K::copied:
            toast(tr("Copied to the clipboard."), false);
            return;
        case K::set_language:
            set_language(parse_language(a.id));
            platform::set_preferred_language(language_code(language()));
            announced_.clear();  // say the status again, in the new language
            return;
        case K::open_room:
        case K::save_room:
        case K::download_key:
        case K::unenroll_room:
        case K::open_enroll:
        case K::send_enroll:
        case K::move_rooms:
        case K::download_keys:
            apply_rooms(a);
            return;
        case K::save_matrix_role:
        case K::open_matrix_role:
        case K::download_matrix:
            apply_matrix(a);
            return;
        case K::reload:
            load_page();
            return;
        case K::sign_in_with_mfa:
            // Through the provider (prompt=login, acr_values); with dev sign-in (demos), the
            // same person again, this time as a multi-factor sign-in.
            if (provider_session_) return platform::provider_sign_in(true);
            return sign_in(state_.me.upn, true);
    }
}

// --- frame --------------------------------------------------------------------------------------

void App::frame() {
    if (connection_) {
        double next_retry = connection_->poll();
        if (next_retry >= 0)
            platform::request_redraw_in(std::min(1.0, next_retry));  // countdown ticks
        if (connection_->state() == ConnectionState::connected && !was_connected_) {
            was_connected_ = true;
            on_connected();
        }
    }
    bool online = !connection_ || connection_->state() == ConnectionState::connected;

    ui::begin_locators();
    ui::semantics::begin_frame();
    ImGui::PushFont(fonts_.body);
    views::Actions actions;
    if (connection_ && (state_.phase == Phase::connecting || !online)) {
        views::HomeViewModel model{*connection_, fonts_, backend_->describe(),
                                   platform::now_seconds(), loading_demo_};
        auto home = views::draw_home(model);
        if (home.retry_now) connection_->check();
        if (home.offline_demo) open_offline_demo();
    } else {
        actions = views::draw_header(state_, fonts_);
        if (state_.phase == Phase::ready) {
            page_view(state_.page).draw(state_, fonts_, actions);
        } else if (state_.phase == Phase::loading || state_.phase == Phase::connecting) {
            ui::centered_spinner(state_.phase == Phase::connecting
                                     ? tr("Starting the offline demo…")
                                     : tr("Loading your access…"));
            platform::request_redraw();
        }
        views::end_page();
    }
    double now = platform::now_seconds();
    toasts_.erase(std::remove_if(toasts_.begin(), toasts_.end(),
                                 [&](const Toast& t) { return t.until <= now; }),
                  toasts_.end());
    for (const auto& t : toasts_) ui::toast_line(t.text, t.error);
    ui::draw_toasts();
    ImGui::PopFont();
    platform::publish_locators(ui::end_locators());
    platform::publish_semantics(semantics_.update(ui::semantics::end_frame()),
                                ui::semantics::modal_key());

    for (const auto& a : actions) apply(a);
    sync_hash();  // selections and filters changed by this frame's input
    if ((connection_ && connection_->state() == ConnectionState::checking) || state_.loading_page)
        platform::request_redraw();
    publish_status();
}

void App::publish_status() {
    std::string status;
    if (connection_ && connection_->state() == ConnectionState::checking && !was_connected_)
        status = tr("Contacting the TRM service…");
    else if (connection_ && connection_->state() == ConnectionState::unreachable)
        status = trf("TRM service unreachable. {}", connection_->detail());
    else if (state_.phase == Phase::signed_out)
        status = state_.offline ? tr("Offline demo ready. Sign in to continue.")
                                : tr("Connected to TRM service. Sign in to continue.");
    else if (state_.phase == Phase::ready)
        status = trf("Signed in as {} ({})", state_.me.display_name, state_.me.tenant_name);
    else
        status = state_.offline ? tr("Starting the offline demo…") : tr("Connected to TRM service");
    if (status != announced_ && (toasts_.empty() || state_.phase != Phase::ready)) {
        announced_ = status;
        platform::announce(status);
    }
    bool settled = connection_
                       ? connection_->settled() &&
                             (connection_->state() != ConnectionState::connected ||
                              state_.phase == Phase::signed_out || state_.phase == Phase::ready)
                       : state_.phase == Phase::signed_out || state_.phase == Phase::ready;
    if (!ready_signalled_ && settled) {
        ready_signalled_ = true;
        platform::signal_ready();
    }
}

}  // namespace portal
