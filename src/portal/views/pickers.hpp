#pragma once
// Choosers shared by dialogs: which rooms (all, room groups, single rooms) and which people or
// groups. They edit a draft in place; the lists they offer are what the service showed this
// user, so a partner can only pick inside the scope its customer granted.
#include <string>
#include <vector>

#include "model.hpp"

namespace portal::views {

// `filter`: a buffer owned by the draft (text typed to narrow the room list).
// Locators: "<locator>:all rooms", "<locator>:group:<name>", "<locator>:room:<name>".
void scope_picker(Scope& scope, const std::vector<RoomGroupRow>& groups,
                  const std::vector<RoomRow>& rooms, char (&filter)[64],
                  const std::string& locator);

// Rooms as a check-box list (clipped: hundreds stay smooth), narrowed by `filter` (name or
// site), editing `chosen` in place. Locators: "<locator>:room:<name>", with `why` as the note
// when `enabled` is false.
void room_checklist(std::vector<std::string>& chosen, const std::vector<RoomRow>& rooms,
                    const char* filter, const std::string& locator, bool enabled = true,
                    const std::string& why = {});

// People and security groups of my organisation, with a filter; the chosen ones first.
// Locators: "<locator>:filter", "<locator>:member:<name>".
void member_picker(std::vector<MemberRef>& members, const std::vector<DirectoryEntry>& directory,
                   char (&filter)[64], const std::string& locator);

// Name + UPN rows with add and remove. Locators: "<locator>:name:<i>", "<locator>:upn:<i>".
void contact_rows(std::vector<ContactDraft>& contacts, const std::string& locator);

// "Ada Lovelace" for a member found in the directory, else the id.
std::string member_name(const std::vector<DirectoryEntry>& directory, const MemberRef& m);

}  // namespace portal::views
