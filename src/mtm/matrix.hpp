#pragma once
// The access matrix: who can do what where, as one viewer may see it — the people of the
// viewer's organisation × the tenants where the viewer may read roles × the twenty
// permissions — and what-if edits of a role's permissions or an assignment's scope.
//
// The model is self-contained (no World), so the portal can rebuild it from the service's
// answer, edit a copy in a draft and recompute every cell in the browser. matrix_of() builds it
// from the World's access index, so its grants are exactly the ones decide() reads (the
// property tests check that every cell agrees with decide()).
#include <cstdint>
#include <string>
#include <vector>

#include "mtm/decide.hpp"

namespace mtm {

// How much of a tenant a permission reaches. Ordered: a cell keeps the widest of its grants.
enum class Reach : std::uint8_t { none = 0, some_rooms = 1, all_rooms = 2 };

// A scope as the matrix needs it: everything, or so many designated rooms and room groups.
struct MatrixScope {
    bool all_rooms = false;
    std::uint32_t rooms = 0, room_groups = 0;
    bool operator==(const MatrixScope&) const = default;
};

struct MatrixModel {
    struct Tenant {
        std::string id, name;
        bool via_partner = false;  // a customer the viewer reaches as a partner
        MatrixScope clip;          // via_partner: the rooms the customer granted (else all)
    };
    struct User {
        std::string id, upn, display_name;
    };
    struct Role {
        std::string id, name;
        std::uint32_t tenant = 0;  // index into tenants
        Side side = Side::customer;
        BuiltInRole built_in = BuiltInRole::none;
        PermissionSet permissions;
    };
    struct Assignment {
        std::string id, name;
        std::uint32_t role = 0;  // index into roles
        MatrixScope scope;
    };
    // One assignment reaching one user (directly or through a security group).
    struct Grant {
        std::uint32_t user = 0, assignment = 0;
        bool through_group = false;
    };

    std::vector<Tenant> tenants;
    std::vector<User> users;
    std::vector<Role> roles;
    std::vector<Assignment> assignments;
    std::vector<Grant> grants;  // sorted by user
};

// The viewer's matrix: users of the viewer's tenant; tenants (own or customers) where decide()
// lets the viewer read roles; the roles of the viewer's side there with all their assignments
// (members or not, so what-if can edit them); every grant reaching those users there.
MatrixModel matrix_of(const World& w, UserIx viewer);

// Every cell, as users × tenants × permissions (row-major in that order).
struct Matrix {
    std::uint32_t users = 0, tenants = 0;
    std::vector<Reach> cells;

    Reach at(std::uint32_t user, std::uint32_t tenant, Permission p) const {
        return cells[(static_cast<std::size_t>(user) * tenants + tenant) * kPermissionCount +
                     static_cast<std::size_t>(p)];
    }
};

Matrix compute(const MatrixModel& m);

// The reach of one grant: the assignment's scope, clipped by the customer's grant to a partner.
Reach grant_reach(const MatrixModel& m, const MatrixModel::Grant& g);

// Why a cell is what it is: the grants that give the permission there, or, when none does, the
// roles of that tenant holding it (which an assignment could give) and whether a role of the
// viewer's side could hold it at all.
struct CellExplanation {
    std::vector<const MatrixModel::Grant*> granted_by;
    std::vector<std::uint32_t> roles_holding;  // none granted: roles of the tenant with p
    bool beyond_ceiling = false;  // none granted, and custom roles of this side cannot hold p
};
CellExplanation explain_cell(const MatrixModel& m, std::uint32_t user, std::uint32_t tenant,
                             Permission p);

// The cells that differ between two matrices of the same shape (a draft and the saved model).
struct MatrixDiff {
    std::size_t gained = 0, lost = 0, narrowed = 0, widened = 0;
    std::size_t changed() const { return gained + lost + narrowed + widened; }
};
MatrixDiff diff(const Matrix& before, const Matrix& after);

}  // namespace mtm
