#pragma once
// The portal's seam to the browser. Everything that touches emscripten, WebGL or JavaScript
// lives behind this header, in exactly one file per platform (platform/web.cpp today), so the
// rest of the portal is plain C++ that also builds natively for tests.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portal::platform {

struct Callbacks {
    // Called before the first frame and whenever the device pixel ratio changes (browser zoom,
    // moving to another screen): (re)build fonts and style for that many pixels per CSS pixel.
    std::function<void(float scale)> rebuild_for_scale;
    // Builds one ImGui frame (between NewFrame and Render).
    std::function<void()> frame;
};

// Creates the WebGL2 canvas and the ImGui context, installs input handlers and starts the frame
// loop. On the web it returns at once and the browser drives everything afterwards.
void run(Callbacks callbacks);

// Frames are drawn only when something changed: input, a network completion, or an animation
// that asks for the next frame by calling this. Idle, the page costs nothing.
void request_redraw();
// Draws again after `seconds` (a countdown, a retry timer), without drawing in between.
void request_redraw_in(double seconds);

// Seconds since an arbitrary start, monotonic.
double now_seconds();
// Wall-clock time, seconds since the Unix epoch (UTC).
std::int64_t unix_time();
// Runs `fn` soon, after the current frame or event handler has returned.
void defer(std::function<void()> fn);

// Mirrors a status line into the page's aria-live region (screen readers, tests).
void announce(std::string_view text);

// A parameter of the page's URL query (?api=…), percent-decoded.
std::optional<std::string> page_query_parameter(std::string_view name);

// Tells the page (and tests) that the app has drawn its first real frame.
void signal_ready();

// The URL's hash ("#/tenants/…/rooms"): read it, set it (a new history entry, so back/forward
// work), and hear when the person moves through history or edits it.
std::string location_hash();
void push_location_hash(std::string_view hash);
// The same without a new history entry (a filter being typed: Back should not step through
// every keystroke).
void replace_location_hash(std::string_view hash);
void on_hash_change(std::function<void(std::string hash)> handler);

// Per-tab storage (sessionStorage): the bearer token survives a reload, not the tab.
std::optional<std::string> session_get(std::string_view key);
void session_set(std::string_view key, std::string_view value);
void session_remove(std::string_view key);

// The person's UI language ("en", "it"): the one they chose before (localStorage), else the
// browser's. Setting it remembers the choice and switches the HTML shell (sign-in page, loader)
// too; the handler runs when the person picks a language on the sign-in page.
std::string preferred_language();
void set_preferred_language(std::string_view code);
void on_language_change(std::function<void(std::string code)> handler);

// Saves `content` as a file through the browser's download (an export, e.g. the audit CSV).
void download(std::string_view filename, std::string_view mime, std::string_view content);

// The HTML sign-in form of web/index.html, shown over the canvas while nobody is signed in.
// `error` (may be empty) is shown under the form; `busy` disables it while a sign-in runs.
void show_sign_in(std::string_view error, bool busy);
void hide_sign_in();
// The offline demo's people, as a JSON array of {tenant, partner, upn, name, roles}: the form
// shows them as a picker grouped by organisation instead of asking for an account name.
void set_demo_accounts(std::string_view accounts_json);
// Called with the UPN when the person submits the sign-in form.
void on_sign_in(std::function<void(std::string upn)> handler);
// The form's provider button ("Sign in with <name>") instead of the typed form, which stays
// only when `typed` (the service offers dev sign-in); `handler` runs when it is pressed.
void show_provider_sign_in(std::string_view name, bool typed, std::function<void()> handler);

// --- sign-in with an OpenID Connect provider: web/oidc.js speaks the protocol (Authorization
// Code + PKCE S256, state and nonce, refresh), the app decides when. -----------------------
struct ProviderOutcome {
    enum class Kind { none, signed_in, failed } kind = Kind::none;
    std::string error;        // failed: the OAuth error code, or one of the page's own
    std::string description;  // (state_mismatch, nonce_mismatch, unreachable) and its words
};
// Configures the provider client (`settings_json`: portal::ProviderSettings::to_json()) and
// finishes a redirect back from the provider if this load is one; `done` runs once with what
// happened. The page's URL is already back to the deep link it left from.
void provider_start(std::string_view settings_json, std::function<void(ProviderOutcome)> done);
// The access token of this tab's provider sign-in, "" when none.
std::string provider_access_token();
// Runs with each renewed access token, or "" when the session could not be renewed.
void on_provider_token(std::function<void(std::string token)> handler);
// Leaves for the provider's sign-in page; `mfa` asks it for a multi-factor sign-in (acr_values,
// prompt=login). The current deep link comes back with the person.
void provider_sign_in(bool mfa);
// Forgets this tab's tokens and leaves through the provider's end_session_endpoint (back to
// this page signed out), or stays when the provider has none.
void provider_sign_out();
// Forgets this tab's provider tokens without leaving the page (the service refused them).
void provider_forget();

// Test locator: labels of important controls → their rectangles in CSS pixels, published to
// the page (window.__roomkeeper.items) so browser tests click by label, not by pixel guesses.
struct Locator {
    std::string label;
    float x = 0, y = 0, w = 0, h = 0;  // device pixels, as ImGui reports them
    // The visible band of the scrolling region that holds it: an item outside it is drawn
    // nowhere (scrolled away in a list or a dialog) and must be scrolled to before a click.
    float clip_top = 0, clip_bottom = 0;
    bool enabled = true;
    std::string note;  // e.g. why a control is disabled
};
void publish_locators(const std::vector<Locator>& items);

// The page's accessibility tree: the canvas's controls mirrored as real, focusable DOM elements
// with ARIA over it (web/a11y.js), so screen readers, voice control, find-in-page, zoom and
// the keyboard's Tab reach them. `update_json`: what changed since the last update
// (ui::semantics::Mirror); `modal`: the open dialog's key (the page behind it is inert), 0.
void publish_semantics(std::string_view update_json, std::uint32_t modal);
// What the page asks of a mirrored control: activated (clicked, Enter, Space, a screen
// reader's default action) or focused (Tab, a screen reader moving to it).
struct SemanticRequest {
    enum class Kind { activate = 0, focus = 1 } kind = Kind::activate;
    std::uint32_t key = 0;
};
void on_semantic_request(std::function<void(SemanticRequest)> handler);

struct HttpRequest {
    std::string method = "GET";
    std::string url;  // absolute, or relative to the page
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    unsigned timeout_ms = 15000;
};

struct HttpResponse {
    int status = 0;  // 0: no answer at all (network down, refused, timed out)
    std::string body;
};

// Sends a request; done runs later, on the main thread, exactly once.
void http_request(HttpRequest request, std::function<void(HttpResponse)> done);

// --- the access matrix's heat map: drawn on the GPU by shaders/heatmap.{vert,frag} -----------

// The decisions as bytes, one per (row, column, permission): texel x = column * 20 + permission,
// y = row; bits 0-1 the reach shown, bits 2-3 the saved reach (what-if changes differ).
// Uploaded only when `version` differs from the last upload. False when the GPU cannot hold it
// (wider than its largest texture): the caller says so instead of drawing.
bool heatmap_upload(std::uint64_t version, int columns, int rows, const std::uint8_t* cells);
// The largest number of columns heatmap_upload() accepts on this GPU.
int heatmap_max_columns();

struct HeatmapView {
    float x = 0, y = 0, w = 0, h = 0;       // the rectangle on screen, device pixels
    float first_column = 0, first_row = 0;  // the cell coordinate at its top-left corner
    float cell_w = 1, cell_h = 1;           // pixels per cell
    int permission = -1;                    // one permission (0..19), or -1: all of them
    int hover_column = -1, hover_row = -1, preview_row = -1;
    std::uint32_t none = 0, some = 0, all = 0, grid = 0, gained = 0, lost = 0, background = 0;
};
// Queues the heat map into the current ImGui window's draw list, clipped like any item.
void heatmap_draw(const HeatmapView& view);

}  // namespace portal::platform
