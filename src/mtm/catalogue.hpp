#pragma once
// The permission catalogue and the built-in roles, exactly as ../shared/PRODUCT.md §2 tabulates
// them. Everything else in the policy core refers to permissions through this one table.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mtm {

enum class Permission : std::uint8_t {
    rooms_view,
    rooms_modify,
    rooms_create,
    rooms_reset_key,
    rooms_download_key,
    rooms_unenroll,
    groups_create,
    groups_view,
    groups_modify,
    rings_create,
    rings_view,
    rings_modify,
    reports_view,
    tickets_create,
    tickets_view,
    tickets_update,
    settings_view,
    settings_modify,
    roles_view,
    roles_modify,
};
inline constexpr std::size_t kPermissionCount = 20;

// A set of permissions as a bit mask: union and test are single instructions.
class PermissionSet {
  public:
    constexpr PermissionSet() = default;
    constexpr explicit PermissionSet(std::uint32_t bits) : bits_(bits & kAll) {}
    constexpr PermissionSet(std::initializer_list<Permission> ps) {
        for (Permission p : ps) add(p);
    }
    static constexpr PermissionSet all() { return PermissionSet(kAll); }

    constexpr bool has(Permission p) const { return (bits_ >> static_cast<unsigned>(p)) & 1u; }
    constexpr void add(Permission p) { bits_ |= 1u << static_cast<unsigned>(p); }
    constexpr void remove(Permission p) { bits_ &= ~(1u << static_cast<unsigned>(p)); }
    constexpr bool empty() const { return bits_ == 0; }
    constexpr std::uint32_t bits() const { return bits_; }
    constexpr bool contains(PermissionSet o) const { return (bits_ & o.bits_) == o.bits_; }
    constexpr PermissionSet operator|(PermissionSet o) const {
        return PermissionSet(bits_ | o.bits_);
    }
    constexpr PermissionSet operator&(PermissionSet o) const {
        return PermissionSet(bits_ & o.bits_);
    }
    constexpr PermissionSet& operator|=(PermissionSet o) {
        bits_ |= o.bits_;
        return *this;
    }
    constexpr bool operator==(const PermissionSet&) const = default;
    int count() const;

  private:
    static constexpr std::uint32_t kAll = (1u << kPermissionCount) - 1;
    std::uint32_t bits_ = 0;
};

struct PermissionInfo {
    Permission permission;
    std::string_view id;       // "rooms.resetKey": the API's and the audit log's name
    std::string_view feature;  // "Rooms": the group heading in the UI
    std::string_view label;    // "Reset key"
};

// All twenty, in the catalogue's order.
const std::array<PermissionInfo, kPermissionCount>& catalogue();
const PermissionInfo& info(Permission p);
std::string_view to_id(Permission p);
std::optional<Permission> parse_permission(std::string_view id);

// The built-in roles. The first three are the customer's own; Primary admins is the partner's,
// created for each customer the partner on-boards.
enum class BuiltInRole : std::uint8_t { none, mmr_admin, site_lead, site_tech, primary_admins };

PermissionSet builtin_permissions(BuiltInRole role);
std::string_view builtin_name(BuiltInRole role);  // "MMR Admin", …, "Primary admins"
std::string_view builtin_key(BuiltInRole role);   // "mmrAdmin", …: the seed file's names
std::optional<BuiltInRole> parse_builtin_key(std::string_view key);

}  // namespace mtm
