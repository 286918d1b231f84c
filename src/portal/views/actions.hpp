#pragma once
// What views ask for. A view returns them; the App acts after the frame is drawn, so views
// never call the network or change state themselves.
#include <string>
#include <vector>

namespace portal::views {

struct Action {
    enum class Kind {
        select_tenant,  // id: tenant id
        select_page,  // id: "customers" | "partners" | "rooms" | "groups" | "roles" | "incidents" |
                      // "audit"
        accept_invitation,  // id: invitation id
        deny_invitation,    // id: invitation id
        reset_key,          // id: room id
        open_room,          // id: room id, shown in the detail pane ("" closes it)
        save_room,          // PATCH the open room from its form
        download_key,       // id: room id: its enrollment key as a file
        unenroll_room,      // id: room id (after a typed confirmation)
        open_enroll,        // start the Enroll room dialog
        send_enroll,        // POST the new room (Onboarding)
        move_rooms,         // the selected rooms to the chosen update ring
        download_keys,      // the selected rooms' enrollment keys, as one CSV file
        open_invite,        // customer: start the Add partner wizard (loads rooms and groups)
        send_invite,        // customer: send the wizard's invitation
        remove_partner,     // id: partner tenant id
        open_customer,      // partner: id: customer tenant id (detail with Primary admins)
        close_customer,
        add_admin,           // partner: id: "user:<id>" or "group:<id>"
        remove_admin,        // partner: id: "user:<id>" or "group:<id>"
        remove_customer,     // partner: id: customer tenant id
        select_role,         // id: role id
        toggle_permission,   // id: permission id, on the selected role (custom roles only)
        open_role_wizard,    // start the create-role wizard (loads people, rooms, groups)
        create_role,         // send the wizard: the role, then its first assignment
        save_role,           // PATCH name/description of the selected role from the form
        delete_role,         // id: role id
        open_assignment,     // id: assignment id of the selected role, or "" for a new one
        save_assignment,     // send the assignment editor
        delete_assignment,   // id: assignment id of the selected role
        open_add_contacts,   // customer: id: invitation id
        send_contacts,       // customer: send the Add people dialog
        revoke_invitation,   // customer: id: invitation id
        show_all_incidents,  // id: "1" every customer's incidents, "0" the selected tenant's
        filter_incidents,    // the filters changed (state, severity)
        open_incident,       // id: incident id (its tenant from the list)
        close_incident_view,
        reply_incident,  // id: "assign" to also assign it to the service
        close_incident,  // with the chosen reason category
        open_record,     // start "Record an issue" (loads the tenant's rooms)
        send_record,
        select_group,      // id: room group id
        save_group,        // PATCH the open group\'s name and rooms from the form
        create_group,      // POST the New group dialog\'s name
        open_ring,         // id: ring id to edit, or "" for a new ring
        save_ring,         // send the ring editor
        delete_ring,       // id: ring id
        load_audit,        // the audit filters were applied
        download_audit,    // the same range as CSV, saved as a file
        save_matrix_role,  // Access matrix: id: role id whose what-if permissions to save
        open_matrix_role,  // Access matrix: id: "<tenant id>/<role id>", opened in Roles
        download_matrix,   // Access matrix: the shown (draft) cells as CSV
        sign_out,
        sign_in_with_mfa,  // sign in again, asking for multi-factor (a customer requires it)
        copied,            // something went to the clipboard: confirm it
        set_language,      // id: "en" | "it"
        reload,
    };
    Kind kind;
    std::string id;
};

using Actions = std::vector<Action>;

}  // namespace portal::views
