#pragma once
// The portal application: owns the state, runs one frame at a time, turns what views ask for
// into backend calls, and folds the answers back into state. Views only read it.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/backend.hpp"
#include "connection.hpp"
#include "demo_accounts.hpp"
#include "deployment.hpp"
#include "model.hpp"
#include "platform/platform.hpp"
#include "route.hpp"
#include "ui/semantics.hpp"
#include "ui/theme.hpp"
#include "views/actions.hpp"

namespace portal {

enum class Phase { connecting, signed_out, loading, ready };

// Everything views draw from. Filled by App from the service's answers.
struct AppState {
    Phase phase = Phase::connecting;
    bool offline = false;  // the offline demo: the service runs in this page
    Page page = Page::customers;
    Me me;
    mtm::AccessSnapshot access;
    std::vector<TenantChoice> tenants;       // switcher entries: my tenant and my customers
    std::string tenant_id;                   // the selected one
    std::vector<InvitationRow> invitations;  // partner: addressed to me
    std::vector<CustomerRow> customers;      // partner: my customers
    std::vector<PartnerRow> partners;        // customer: my partners
    std::vector<RoomRow> rooms;              // rooms of the selected tenant that I can see
    std::uint64_t rooms_version = 0;         // bumps whenever `rooms` changes
    std::uint64_t access_version = 0;        // bumps whenever `access` changes
    RoomsList rooms_list;                    // Rooms: filters, sort, selection, open room
    RoomDraft room_draft;                    // Rooms: the open room's form, Enroll, ring move
    std::vector<RoomGroupRow> room_groups;   // of the selected tenant (for scope pickers)
    InviteDraft invite;                      // customer: the Add partner wizard
    ContactsDraft add_contacts;              // customer: more people for an invitation
    RolesDraft roles_draft;                  // Roles: wizard, assignment editor, properties
    std::vector<DirectoryEntry> directory;   // my organisation's people and groups (pickers)
    std::optional<CustomerDetail> detail;    // partner: the customer opened in Customers
    std::vector<RoleRow> roles;              // roles of the selected tenant that I can see
    std::string role_id;                     // the role opened in Roles
    char room_filter[96] = "";               // Rooms: the text filter (in the deep link)
    bool incidents_all = false;              // Incidents: every customer's, not one tenant's
    std::vector<IncidentRow> incidents;      // the list (newest first)
    std::optional<IncidentRow> incident;     // the one open, with its thread
    IncidentsDraft incidents_ui;             // filters, reply, close reason, record dialog
    std::optional<ReportSummary> report;     // Reports: the selected tenant's summary
    std::vector<RingRow> rings;              // Update rings of the selected tenant
    RingDraft ring_draft;                    // the ring editor
    std::string group_id;                    // Room groups: the one open
    GroupsDraft groups_ui;
    std::vector<AuditRow> audit;  // customer: my organisation's audit log
    AuditDraft audit_ui;
    MatrixDraft matrix;  // the access matrix: the saved model, the what-if draft, the view
    bool rooms_truncated = false;
    bool loading_page = false;
    std::string page_error;  // why the page could not be loaded
    std::string busy_id;     // the object an action is running on (its buttons show progress)

    bool partner_user() const { return me.partner_program; }
    const TenantChoice* selected_tenant() const;
    // Actions of mtm's catalogue decided on the snapshot, as the service will decide them: in
    // the selected tenant, or in `tenant`; "" when allowed, else the reason in words.
    mtm::ActionDecision decide(mtm::Action a, const std::string& tenant) const {
        return mtm::decide(access, a, mtm::SnapshotTarget{tenant, {}, {}});
    }
    bool can(mtm::Action a) const { return decide(a, tenant_id).allowed(); }
    std::string why_not(mtm::Action a) const { return why_not(a, tenant_id); }
    std::string why_not(mtm::Action a, const std::string& tenant) const {
        return describe(decide(a, tenant));
    }
    // On one room (its facts), and on every room of a selection (body rules such as move-rooms).
    mtm::ActionDecision decide_room(mtm::Action a, const mtm::RoomFacts& room) const {
        return mtm::decide(access, a, mtm::SnapshotTarget{room.tenant_id, room, {}});
    }
};

struct Toast {
    std::string text;
    bool error = false;
    double until = 0;
};

class App {
  public:
    // start_offline: open the offline demo at once (?demo=1) instead of looking for the service.
    App(std::unique_ptr<Backend> backend, bool start_offline);

    void start();
    void rebuild_for_scale(float scale);
    void frame();

  private:
    ui::semantics::Mirror semantics_;  // what the page's accessibility tree holds already
    void on_connected();
    void open_offline_demo();
    // config.json (deployment.hpp): the service's URL and the identity provider, if any.
    void load_deployment();
    void sign_in(const std::string& upn, bool mfa = false);
    // Forgets this tab's session and shows the sign-in card with `why`.
    void sign_out(const std::string& why);
    // What the person's "Sign out" does: also ends the provider session when there is one.
    void end_session();
    void show_sign_in_card(const std::string& why);
    void on_provider_outcome(const platform::ProviderOutcome& outcome);
    void on_provider_token(const std::string& token);
    void load_session();
    // Pages: pages.hpp says what each is; page_view() how App loads and draws it.
    struct PageView {
        Page page;
        void (App::*load)();
        // The empty state when I lack the page's opening action (pages.hpp) on this tenant;
        // nullptr: the page always asks, and shows the service's answer.
        void (*clear)(AppState&);
        void (*draw)(AppState&, const ui::Fonts&, views::Actions&);
    };
    static const PageView& page_view(Page page);
    void load_page();  // the current page's load, after the URL hash is brought up to date
    void page_loaded();
    void page_failed(const ApiResult& r);
    void load_customers_page();
    void load_partners_page();
    void load_rooms_page();
    void load_groups_page();
    void load_reports_page();
    void load_roles_page();
    void load_audit_page();
    void load_access_page();
    void apply(const views::Action& action);
    void apply_roles(const views::Action& action);      // the Roles page's (app_roles.cpp)
    void apply_partners(const views::Action& action);   // the Partners page's (app_partners.cpp)
    void apply_incidents(const views::Action& action);  // the Incidents page's (app_incidents.cpp)
    void load_incidents();
    void apply_groups(const views::Action& action);  // the Room groups page's (app_groups.cpp)
    void apply_rings(const views::Action& action);   // the Update rings page's (app_rings.cpp)
    void load_rings();
    void load_rooms(std::string cursor = {});        // every room, page after page
    void apply_rooms(const views::Action& action);   // the Rooms page's (app_rooms.cpp)
    void apply_matrix(const views::Action& action);  // the Access matrix's (app_matrix.cpp)
    std::string audit_query(const std::string& format) const;
    // Load what pickers offer for `tenant`: its rooms and room groups I can see, and my directory.
    void load_choices(const std::string& tenant);
    void load_directory();
    // Deep links: follow the URL hash (after sign-in, and on back/forward), and write it back
    // whenever the page or the customer changes.
    void follow_hash(const std::string& hash);
    void sync_hash();
    Route current_route() const;
    void toast(std::string text, bool error);
    void publish_status();
    // A call whose failure (network, 401, 5xx) is handled the same way everywhere.
    void call(std::string method, std::string path, json body,
              std::function<void(const ApiResult&)> ok,
              std::function<void(const ApiResult&)> failed = {}, std::string if_match = {});

    std::unique_ptr<Backend> backend_;
    std::unique_ptr<ServiceConnection> connection_;
    bool start_offline_ = false;
    std::optional<ProviderSettings> provider_;  // config.json's identity provider
    bool provider_session_ = false;             // signed in through it (not dev sign-in)
    std::string sign_in_error_;                 // shown when the sign-in card next appears
    bool loading_demo_ = false;
    std::string demo_error_;
    std::vector<DemoAccount> demo_accounts_;  // the offline demo's sign-in picker
    ui::Fonts fonts_;
    AppState state_;
    std::vector<Toast> toasts_;
    std::string announced_;
    bool ready_signalled_ = false;
    bool was_connected_ = false;
    std::uint64_t generation_ = 0;  // bumps on sign-out/tenant switch: late answers are dropped
};

}  // namespace portal
