// The Update rings page's actions: add, edit (If-Match), delete. Split from app.cpp to keep each
// file about one thing.
#include <algorithm>
#include <cstdio>

#include "app.hpp"
#include "i18n.hpp"
#include "json_read.hpp"

namespace portal {

void App::load_rings() {
    call(
        "GET", "/tenants/" + state_.tenant_id + "/update-rings?limit=100", nullptr,
        [this](const ApiResult& r) {
            state_.loading_page = false;
            state_.rings.clear();
            for (const auto& j : read::list(r.body, "items"))
                state_.rings.push_back(RingRow::from_json(j));
            std::stable_sort(state_.rings.begin(), state_.rings.end(),
                             [](const RingRow& a, const RingRow& b) { return a.order < b.order; });
        },
        [this](const ApiResult& r) {
            state_.loading_page = false;
            state_.page_error = r.error_message();
        });
}

void App::apply_rings(const views::Action& a) {
    using K = views::Action::Kind;
    std::string base = "/tenants/" + state_.tenant_id + "/update-rings";
    switch (a.kind) {
        case K::open_ring: {
            RingDraft d;
            d.open = true;
            for (const auto& r : state_.rings)
                if (r.id == a.id) {
                    d.ring_id = r.id;
                    d.etag = r.etag;
                    d.built_in = r.built_in;
                    std::snprintf(d.name, sizeof d.name, "%s", r.name.c_str());
                    std::snprintf(d.description, sizeof d.description, "%s", r.description.c_str());
                    d.order = r.order;
                    d.rollout_days = r.rollout_days;
                    d.test_days = r.test_days;
                }
            state_.ring_draft = std::move(d);
            return;
        }
        case K::save_ring: {
            RingDraft& d = state_.ring_draft;
            d.sending = true;
            d.errors.clear();
            bool create = d.ring_id.empty();
            call(
                create ? "POST" : "PATCH", create ? base : base + "/" + d.ring_id, d.to_request(),
                [this, create](const ApiResult&) {
                    state_.ring_draft = RingDraft{};
                    toast(create ? tr("Update ring added.") : tr("Update ring saved."), false);
                    load_rings();
                },
                [this](const ApiResult& r) {
                    state_.ring_draft.sending = false;
                    state_.ring_draft.errors = r.field_errors();
                },
                create ? std::string() : d.etag);
            return;
        }
        case K::delete_ring:
            call(
                "DELETE", base + "/" + a.id, nullptr,
                [this](const ApiResult&) {
                    toast(tr("Update ring deleted. Its rooms moved to General."), false);
                    load_rings();
                },
                [this](const ApiResult& r) {
                    toast(trf("Could not delete the ring: {}", r.error_message()), true);
                });
            return;
        default:
            return;
    }
}

}  // namespace portal
