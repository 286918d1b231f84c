// The browser platform: WebGL2 canvas, DOM input → Dear ImGui, frame pacing, fetch, page hooks.
// The only file of the portal that includes emscripten headers or contains JavaScript.
//
// Why not Emscripten's GLFW: it knows nothing of devicePixelRatio (text would be blurry on HiDPI
// screens and after browser zoom), reports the wheel inverted, and drives a 60 fps loop even when
// idle. Here ImGui works in device pixels, the app scales fonts and style by the pixel ratio,
// and a frame is drawn only when something asked for one.
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/fetch.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>
#include <vector>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"  // ImTextCharFromUtf8
#include "platform/platform.hpp"

namespace portal::platform {

namespace {

// --- page hooks: a tiny JS surface, all of it here ------------------------------------------

// The JavaScript below must not pass through the C++ formatter (it breaks === and !==).
// clang-format off
// window.__roomkeeper is what the HTML shell and the browser tests read: readiness, the frame
// counter (to prove idle pacing), and the last announced status.
EM_JS(void, js_init_page_hooks, (), {
    var rk = window.__roomkeeper = window.__roomkeeper || {};
    rk.ready = false;
    rk.frames = 0;
    // bench/portal: per frame, the wasm's time to build it (input, app, ImGui) and the time its
    // WebGL calls took to submit (which waits on the GPU process when that is busy).
    rk.frameMs = [];
    rk.glMs = [];
    rk.status = "";
});
EM_JS(char*, js_query_parameter, (const char* name), {
    var v = new URLSearchParams(window.location.search).get(UTF8ToString(name));
    if (v === null) return 0;
    var size = lengthBytesUTF8(v) + 1;
    var p = _malloc(size);
    stringToUTF8(v, p, size);
    return p;
});
EM_JS(void, js_count_frame, (double cpu_ms, double gl_ms), {
    var rk = window.__roomkeeper;
    rk.frames++;
    rk.frameMs.push(cpu_ms);
    rk.glMs.push(gl_ms);
    if (rk.frameMs.length > 1000) rk.frameMs.splice(0, rk.frameMs.length - 1000);
    if (rk.glMs.length > 1000) rk.glMs.splice(0, rk.glMs.length - 1000);
});
EM_JS(void, js_signal_ready, (), {
    window.__roomkeeper.ready = true;
    if (window.__roomkeeperShell) window.__roomkeeperShell.appReady();
});
EM_JS(void, js_announce, (const char* text), {
    var s = UTF8ToString(text);
    window.__roomkeeper.status = s;
    var el = document.getElementById("status");
    if (el && el.textContent !== s) el.textContent = s;
});
// preventDefault on mousedown (no text selection) also stops the browser focusing the canvas.
EM_JS(void, js_focus_canvas, (), {
    if (document.activeElement !== Module.canvas) Module.canvas.focus({ preventScroll: true });
});
EM_JS(void, js_set_cursor, (const char* cursor), {
    Module.canvas.style.cursor = UTF8ToString(cursor);
});
// CSS size of the canvas element (it fills the window; see web/style.css).
EM_JS(double, js_canvas_css_width, (), { return Module.canvas.getBoundingClientRect().width; });
EM_JS(double, js_canvas_css_height, (), { return Module.canvas.getBoundingClientRect().height; });

EM_JS(char*, js_session_get, (const char* key), {
    var v = null;
    try { v = window.sessionStorage.getItem(UTF8ToString(key)); } catch (e) {}
    if (v === null) return 0;
    var size = lengthBytesUTF8(v) + 1;
    var p = _malloc(size);
    stringToUTF8(v, p, size);
    return p;
});
EM_JS(void, js_session_set, (const char* key, const char* value), {
    try { window.sessionStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});
EM_JS(void, js_session_remove, (const char* key), {
    try { window.sessionStorage.removeItem(UTF8ToString(key)); } catch (e) {}
});
EM_JS(void, js_show_sign_in, (const char* error, int busy), {
    if (window.__roomkeeperShell) window.__roomkeeperShell.showSignIn(UTF8ToString(error), !!busy);
});
EM_JS(void, js_set_demo_accounts, (const char* accounts), {
    if (window.__roomkeeperShell) window.__roomkeeperShell.setDemoAccounts(JSON.parse(UTF8ToString(accounts)));
});
EM_JS(void, js_hide_sign_in, (), {
    if (window.__roomkeeperShell) window.__roomkeeperShell.hideSignIn();
});
// The form hands the typed UPN to C++ through the exported rk_platform_sign_in().
EM_JS(void, js_install_sign_in, (), {
    if (!window.__roomkeeperShell) return;
    window.__roomkeeperShell.onSignIn = function (upn) {
        var size = lengthBytesUTF8(upn) + 1;
        var p = _malloc(size);
        stringToUTF8(upn, p, size);
        Module._rk_platform_sign_in(p);
        _free(p);
    };
});
// Provider sign-in: web/oidc.js does the protocol; outcomes and renewed tokens come back
// through the exported rk_platform_provider_*() functions.
EM_JS(void, js_show_provider_sign_in, (const char* name, int typed), {
    var shell = window.__roomkeeperShell;
    if (!shell) return;
    shell.onProviderSignIn = function () { Module._rk_platform_provider_clicked(); };
    shell.setProvider(UTF8ToString(name), !!typed);
});
EM_JS(void, js_provider_start, (const char* settings), {
    var text = function (s) {
        var size = lengthBytesUTF8(s) + 1;
        var p = _malloc(size);
        stringToUTF8(s, p, size);
        return p;
    };
    var report = function (kind, error, description) {
        var e = text(error || ""), d = text(description || "");
        Module._rk_platform_provider_outcome(kind, e, d);
        _free(e);
        _free(d);
    };
    var oidc = window.__roomkeeperOidc;
    if (!oidc) return report(2, "unavailable", "oidc.js is not loaded");
    oidc.onToken(function (token) {
        var t = text(token || "");
        Module._rk_platform_provider_token(t);
        _free(t);
    });
    oidc.start(JSON.parse(UTF8ToString(settings))).then(function (r) {
        report(r.kind === "signedIn" ? 1 : r.kind === "failed" ? 2 : 0, r.error, r.description);
    }, function (err) {
        report(2, "unavailable", String(err && err.message || err));
    });
});
EM_JS(char*, js_provider_access_token, (), {
    var t = (window.__roomkeeperOidc && window.__roomkeeperOidc.accessToken()) || "";
    var size = lengthBytesUTF8(t) + 1;
    var p = _malloc(size);
    stringToUTF8(t, p, size);
    return p;
});
EM_JS(void, js_provider_sign_in, (int mfa), {
    if (window.__roomkeeperOidc) window.__roomkeeperOidc.signIn({ mfa: !!mfa });
});
EM_JS(void, js_provider_forget, (), {
    if (window.__roomkeeperOidc) window.__roomkeeperOidc.forget();
});
EM_JS(void, js_provider_sign_out, (), {
    if (window.__roomkeeperOidc) window.__roomkeeperOidc.signOut();
});
EM_JS(char*, js_preferred_language, (), {
    var v = (window.__roomkeeperShell && window.__roomkeeperShell.language()) || "en";
    var size = lengthBytesUTF8(v) + 1;
    var p = _malloc(size);
    stringToUTF8(v, p, size);
    return p;
});
EM_JS(void, js_set_language, (const char* code), {
    if (window.__roomkeeperShell) window.__roomkeeperShell.setLanguage(UTF8ToString(code));
});
EM_JS(void, js_install_language_change, (), {
    if (!window.__roomkeeperShell) return;
    window.__roomkeeperShell.onLanguage = function (code) {
        var size = lengthBytesUTF8(code) + 1;
        var p = _malloc(size);
        stringToUTF8(code, p, size);
        Module._rk_platform_language(p);
        _free(p);
    };
});
EM_JS(void, js_download, (const char* filename, const char* mime, const char* data, int size), {
    var bytes = HEAPU8.slice(data, data + size);
    var url = URL.createObjectURL(new Blob([bytes], { type: UTF8ToString(mime) }));
    var a = document.createElement("a");
    a.href = url;
    a.download = UTF8ToString(filename);
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
});
EM_JS(char*, js_location_hash, (), {
    var v = window.location.hash || "";
    var size = lengthBytesUTF8(v) + 1;
    var p = _malloc(size);
    stringToUTF8(v, p, size);
    return p;
});
EM_JS(void, js_push_location_hash, (const char* hash), {
    var h = UTF8ToString(hash);
    if (window.location.hash !== h) window.history.pushState(null, "", h);
});
EM_JS(void, js_replace_location_hash, (const char* hash), {
    var h = UTF8ToString(hash);
    if (window.location.hash !== h) window.history.replaceState(null, "", h);
});
EM_JS(void, js_install_hash_change, (), {
    window.addEventListener("hashchange", function () { Module._rk_platform_hash_changed(); });
    window.addEventListener("popstate", function () { Module._rk_platform_hash_changed(); });
});
// Copy goes through the async Clipboard API (allowed: it runs inside the key event), with the
// old execCommand route as a fallback.
EM_JS(void, js_copy_text, (const char* text), {
    var t = UTF8ToString(text);
    function fallback() {
        var area = document.createElement("textarea");
        area.value = t;
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        try { document.execCommand("copy"); } catch (e) {}
        document.body.removeChild(area);
        Module.canvas.focus({ preventScroll: true });
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(t).catch(fallback);
    else fallback();
});
EM_JS(void, js_install_paste, (), {
    window.addEventListener("paste", function (e) {
        // The HTML sign-in form pastes itself; the canvas and its mirrored fields are ImGui's.
        var a11y = window.__roomkeeperA11y, el = document.activeElement;
        if (el !== Module.canvas && !(a11y && a11y.owns(el))) return;
        var t = (e.clipboardData || window.clipboardData).getData("text");
        if (!t) return;
        e.preventDefault();
        var size = lengthBytesUTF8(t) + 1;
        var p = _malloc(size);
        stringToUTF8(t, p, size);
        Module._rk_platform_paste(p);
        _free(p);
    });
});
EM_JS(void, js_publish_locators, (const char* json), {
    window.__roomkeeper.items = JSON.parse(UTF8ToString(json));
});
// The accessibility mirror (web/a11y.js) applies each update; what its elements are asked
// (activate, focus) comes back through the exported rk_platform_a11y().
EM_JS(void, js_publish_semantics, (const char* json, unsigned modal), {
    var a11y = window.__roomkeeperA11y;
    if (a11y) a11y.apply(json ? UTF8ToString(json) : "", modal >>> 0);
});
EM_JS(void, js_install_semantics, (), {
    var a11y = window.__roomkeeperA11y;
    if (a11y) a11y.onRequest = function (kind, key) { Module._rk_platform_a11y(kind, key); };
});
// Who has the keyboard: 1 the canvas, 2 a mirrored control, 3 a mirrored text field, 0 the
// rest of the page (the sign-in form, the loader): its keys are not the canvas's.
EM_JS(int, js_key_target, (), {
    var el = document.activeElement;
    if (el === Module.canvas) return 1;
    var a11y = window.__roomkeeperA11y;
    if (el && a11y && a11y.owns(el)) return a11y.isTextField(el) ? 3 : 2;
    return 0;
});

// clang-format on

// --- state ----------------------------------------------------------------------------------

struct State {
    Callbacks callbacks;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    bool frame_scheduled = false;
    int frames_wanted = 0;  // ImGui settles hover/layout over a few frames after each change
    double last_frame_time = 0;
    double pixel_ratio = 0;  // the ratio fonts and style were last built for
    bool fonts_uploaded = false;
    bool blink_pending = false;  // a text field is active: wake twice a second for its cursor
    // Dear ImGui 1.86 samples input once per frame, so every input event goes through one
    // queue, applied in arrival order, each frame taking events only while they cannot blur
    // into each other (see apply_input()): a quick click, a fast "ll", Ctrl+A followed at once
    // by typing, all arrive between two frames and would otherwise be lost or reordered.
    struct InputEvent {
        enum Kind { Move, Wheel, Button, Key, Char } kind;
        float x = 0, y = 0;  // Move: device pixels; Wheel: ImGui wheel units
        int code = 0;        // Button: ImGui button; Key: DOM keyCode; Char: code point
        bool down = false;   // Button, Key
        bool ctrl = false, shift = false, alt = false, super = false;  // Key: held at the time
        bool types_text = false;  // Key: this key-down also typed a character
    };
    std::vector<InputEvent> input_queue;
    std::uint64_t frame_count = 0;
    std::string clipboard;  // the text of the last paste, served to ImGui's Ctrl+V
    int width_px = 0, height_px = 0;
    ImGuiMouseCursor cursor = ImGuiMouseCursor_Arrow;
};
State g;

constexpr int kFramesAfterChange = 4;

void schedule_frame();
void changed();

// Keeps the canvas's drawing buffer at CSS size × devicePixelRatio, so one ImGui pixel is one
// device pixel and text stays crisp at any zoom.
void sync_canvas_size() {
    double ratio = emscripten_get_device_pixel_ratio();
    if (ratio <= 0) ratio = 1;
    double css_w = js_canvas_css_width(), css_h = js_canvas_css_height();
    int w = std::max(1, static_cast<int>(std::lround(css_w * ratio)));
    int h = std::max(1, static_cast<int>(std::lround(css_h * ratio)));
    if (w != g.width_px || h != g.height_px) {
        emscripten_set_canvas_element_size("#canvas", w, h);
        g.width_px = w;
        g.height_px = h;
    }
    if (ratio != g.pixel_ratio) {
        g.pixel_ratio = ratio;
        if (g.callbacks.rebuild_for_scale) g.callbacks.rebuild_for_scale(static_cast<float>(ratio));
        // The first NewFrame uploads the atlas; later changes must replace the uploaded one.
        if (g.fonts_uploaded) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        g.fonts_uploaded = true;
    }
}

void update_cursor() {
    ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    if (ImGui::GetIO().MouseDrawCursor) cursor = ImGuiMouseCursor_None;
    if (cursor == g.cursor) return;
    g.cursor = cursor;
    const char* css = "default";
    switch (cursor) {
        case ImGuiMouseCursor_None:
            css = "none";
            break;
        case ImGuiMouseCursor_TextInput:
            css = "text";
            break;
        case ImGuiMouseCursor_ResizeAll:
            css = "move";
            break;
        case ImGuiMouseCursor_ResizeNS:
            css = "ns-resize";
            break;
        case ImGuiMouseCursor_ResizeEW:
            css = "ew-resize";
            break;
        case ImGuiMouseCursor_ResizeNESW:
            css = "nesw-resize";
            break;
        case ImGuiMouseCursor_ResizeNWSE:
            css = "nwse-resize";
            break;
        case ImGuiMouseCursor_Hand:
            css = "pointer";
            break;
        case ImGuiMouseCursor_NotAllowed:
            css = "not-allowed";
            break;
        default:
            break;
    }
    js_set_cursor(css);
}

// Applies queued input in order and stops at the first event that must wait for the next
// frame, so later events never overtake it:
// - a button press waits when this frame already moved the mouse: ImGui 1.86 lets overlapping
//   items (tabs, selectable rows) take a click only when hovered the frame before;
// - one transition per button and per key per frame (a press and release in one frame vanish);
// - keys carry their modifiers, and a key with other modifiers than this frame's waits;
// - a typed character waits behind a non-typing key-down of this frame, because ImGui applies
//   a frame's characters before its keys (Ctrl+A then "x" would otherwise select the "x");
// - mouse and keyboard do not share a frame: a click that activates a field lands first.
void apply_input() {
    ImGuiIO& io = ImGui::GetIO();
    static bool key_touched[512];
    std::fill(std::begin(key_touched), std::end(key_touched), false);
    bool button_touched[5] = {};
    bool moved = false, any_button = false, any_key = false, command_key = false;
    std::size_t taken = 0;
    for (; taken < g.input_queue.size(); ++taken) {
        const State::InputEvent& e = g.input_queue[taken];
        bool wait = false;
        switch (e.kind) {
            case State::InputEvent::Move:
            case State::InputEvent::Wheel:
                wait = any_button || any_key;
                break;
            case State::InputEvent::Button:
                wait = any_key || button_touched[e.code] || (e.down && moved);
                break;
            case State::InputEvent::Key:
                wait = any_button || moved || key_touched[e.code] ||
                       (any_key && (io.KeyCtrl != e.ctrl || io.KeyShift != e.shift ||
                                    io.KeyAlt != e.alt || io.KeySuper != e.super));
                break;
            case State::InputEvent::Char:
                wait = any_button || moved || command_key;
                break;
        }
        if (wait) break;
        switch (e.kind) {
            case State::InputEvent::Move:
                io.MousePos = ImVec2(e.x, e.y);
                moved = true;
                break;
            case State::InputEvent::Wheel:
                io.MouseWheelH += e.x;
                io.MouseWheel += e.y;
                break;
            case State::InputEvent::Button:
                io.MouseDown[e.code] = e.down;
                button_touched[e.code] = any_button = true;
                break;
            case State::InputEvent::Key:
                io.KeysDown[e.code] = e.down;
                io.KeyCtrl = e.ctrl;
                io.KeyShift = e.shift;
                io.KeyAlt = e.alt;
                io.KeySuper = e.super;
                key_touched[e.code] = any_key = true;
                if (e.down && !e.types_text) command_key = true;
                break;
            case State::InputEvent::Char:
                io.AddInputCharacter(static_cast<unsigned int>(e.code));
                any_key = true;
                break;
        }
    }
    g.input_queue.erase(g.input_queue.begin(), g.input_queue.begin() + static_cast<long>(taken));
}

void draw_frame() {
    double started = emscripten_get_now();
    sync_canvas_size();
    ImGuiIO& io = ImGui::GetIO();
    double now = now_seconds();
    io.DeltaTime = g.last_frame_time > 0
                       ? static_cast<float>(std::max(now - g.last_frame_time, 1e-4))
                       : 1.0f / 60.0f;
    // After an idle pause, pretend a normal frame passed so animations and key repeat resume
    // smoothly instead of jumping.
    io.DeltaTime = std::min(io.DeltaTime, 0.1f);
    g.last_frame_time = now;
    io.DisplaySize = ImVec2(static_cast<float>(g.width_px), static_cast<float>(g.height_px));
    io.DisplayFramebufferScale = ImVec2(1, 1);

    ImGui_ImplOpenGL3_NewFrame();
    apply_input();
    ImGui::NewFrame();
    g.callbacks.frame();
    ImGui::Render();
    double built = emscripten_get_now();

    glViewport(0, 0, g.width_px, g.height_px);
    ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    update_cursor();
    js_count_frame(built - started, emscripten_get_now() - built);

    ++g.frame_count;
    if (!g.input_queue.empty()) changed();
}

EM_BOOL on_animation_frame(double, void*) {
    g.frame_scheduled = false;
    draw_frame();
    // Draw the few frames ImGui needs to settle after a change, then go idle; a text field being
    // edited wakes the page twice a second so its cursor still blinks.

    if (--g.frames_wanted > 0)
        schedule_frame();
    else if (ImGui::GetIO().WantTextInput && !g.blink_pending) {
        g.blink_pending = true;
        emscripten_set_timeout(
            [](void*) {
                g.blink_pending = false;
                changed();
            },
            500, nullptr);
    }
    return EM_FALSE;
}

void schedule_frame() {
    if (g.frame_scheduled) return;
    g.frame_scheduled = true;
    emscripten_request_animation_frame(on_animation_frame, nullptr);
}

void changed() {
    g.frames_wanted = std::max(g.frames_wanted, kFramesAfterChange);
    schedule_frame();
}

// --- input ----------------------------------------------------------------------------------

// The mouse position input will have reached once the queue is applied.
ImVec2 queued_mouse_position() {
    for (auto it = g.input_queue.rbegin(); it != g.input_queue.rend(); ++it)
        if (it->kind == State::InputEvent::Move) return {it->x, it->y};
    return ImGui::GetIO().MousePos;
}

void queue_mouse_position(float x, float y) {
    ImVec2 last = queued_mouse_position();
    if (last.x == x && last.y == y) return;
    State::InputEvent e{State::InputEvent::Move};
    e.x = x;
    e.y = y;
    g.input_queue.push_back(e);
}

void queue_mouse_position(const EmscriptenMouseEvent* e) {
    // The canvas is fixed at the window's top-left corner, so client coordinates are canvas
    // coordinates; ImGui works in device pixels.
    queue_mouse_position(static_cast<float>(e->clientX * g.pixel_ratio),
                         static_cast<float>(e->clientY * g.pixel_ratio));
}

void queue_key(int key, bool down, bool ctrl, bool shift, bool alt, bool super, bool types_text) {
    State::InputEvent e{State::InputEvent::Key};
    e.code = key;
    e.down = down;
    e.ctrl = ctrl;
    e.shift = shift;
    e.alt = alt;
    e.super = super;
    e.types_text = types_text;
    g.input_queue.push_back(e);
}

int imgui_button(unsigned short dom_button) {
    switch (dom_button) {
        case 0:
            return 0;  // left
        case 1:
            return 2;  // middle
        case 2:
            return 1;  // right
        default:
            return dom_button < 5 ? dom_button : -1;
    }
}

EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent* e, void*) {
    queue_mouse_position(e);
    changed();
    return EM_FALSE;
}

EM_BOOL on_mouse_button(int type, const EmscriptenMouseEvent* e, void*) {
    int button = imgui_button(e->button);
    // A button event at a position no frame has seen yet counts as a move first.
    queue_mouse_position(e);
    if (button >= 0) {
        if (type == EMSCRIPTEN_EVENT_MOUSEDOWN) js_focus_canvas();  // keys go where one clicked
        State::InputEvent b{State::InputEvent::Button};
        b.code = button;
        b.down = type == EMSCRIPTEN_EVENT_MOUSEDOWN;
        g.input_queue.push_back(b);
    }
    changed();
    // Keep the browser from selecting page text or showing its menu over the canvas.
    return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_mouse_leave(int, const EmscriptenMouseEvent*, void*) {
    queue_mouse_position(-FLT_MAX, -FLT_MAX);
    changed();
    return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    // ImGui's wheel unit is about five lines of text; the DOM reports pixels, lines or pages.
    double scale = e->deltaMode == DOM_DELTA_PIXEL  ? 1.0 / 100.0
                   : e->deltaMode == DOM_DELTA_LINE ? 1.0 / 3.0
                                                    : 1.0;
    State::InputEvent w{State::InputEvent::Wheel};
    w.x = static_cast<float>(-e->deltaX * scale);
    w.y = static_cast<float>(-e->deltaY * scale);
    g.input_queue.push_back(w);
    changed();
    return EM_TRUE;  // the page itself never scrolls
}

// DOM keyCode values double as ImGui key indices (all below 512).
enum DomKey : int {
    kTab = 9,
    kBackspace = 8,
    kEnter = 13,
    kEscape = 27,
    kSpace = 32,
    kPageUp = 33,
    kPageDown = 34,
    kEnd = 35,
    kHome = 36,
    kLeft = 37,
    kUp = 38,
    kRight = 39,
    kDown = 40,
    kInsert = 45,
    kDelete = 46,
    kA = 65,
    kC = 67,
    kV = 86,
    kX = 88,
    kY = 89,
    kZ = 90,
};

void setup_key_map(ImGuiIO& io) {
    io.KeyMap[ImGuiKey_Tab] = kTab;
    io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
    io.KeyMap[ImGuiKey_RightArrow] = kRight;
    io.KeyMap[ImGuiKey_UpArrow] = kUp;
    io.KeyMap[ImGuiKey_DownArrow] = kDown;
    io.KeyMap[ImGuiKey_PageUp] = kPageUp;
    io.KeyMap[ImGuiKey_PageDown] = kPageDown;
    io.KeyMap[ImGuiKey_Home] = kHome;
    io.KeyMap[ImGuiKey_End] = kEnd;
    io.KeyMap[ImGuiKey_Insert] = kInsert;
    io.KeyMap[ImGuiKey_Delete] = kDelete;
    io.KeyMap[ImGuiKey_Backspace] = kBackspace;
    io.KeyMap[ImGuiKey_Space] = kSpace;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_Escape] = kEscape;
    io.KeyMap[ImGuiKey_KeyPadEnter] = kEnter;
    io.KeyMap[ImGuiKey_A] = kA;
    io.KeyMap[ImGuiKey_C] = kC;
    io.KeyMap[ImGuiKey_V] = kV;
    io.KeyMap[ImGuiKey_X] = kX;
    io.KeyMap[ImGuiKey_Y] = kY;
    io.KeyMap[ImGuiKey_Z] = kZ;
}

// True when `key` (a DOM KeyboardEvent.key, UTF-8) is one printable character, not "Enter" etc.
bool is_single_character(const char* key) {
    auto first = static_cast<unsigned char>(key[0]);
    if (first < 0x20 || first == 0x7f) return false;
    std::size_t len = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4;
    return std::strlen(key) == len;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    // Keys arrive for the whole document. Tab is always the browser's: it moves through the
    // mirrored controls in reading order (and out of the page). A mirrored button, tab or
    // check box gets Enter and Space from the browser as a click (rk_platform_a11y); ImGui
    // hears only Escape from it (close the dialog or menu). A mirrored text field is ImGui's
    // field being edited: every other key is typing.
    int target = js_key_target();
    if (target == 0 || e->keyCode == kTab) return EM_FALSE;
    if (target == 2 && e->keyCode != kEscape) return EM_FALSE;
    // Paste: let the browser have Ctrl/Cmd+V so it fires a "paste" event with the clipboard's
    // text (pages cannot read the clipboard synchronously); on_paste() then hands it to ImGui.
    if ((e->ctrlKey || e->metaKey) && e->keyCode == kV) return EM_FALSE;
    bool text = down && !e->ctrlKey && !e->metaKey && is_single_character(e->key);
    if (e->keyCode < 512)  // Cmd on a Mac does what Ctrl does elsewhere
        queue_key(static_cast<int>(e->keyCode), down, e->ctrlKey || e->metaKey, e->shiftKey != 0,
                  e->altKey != 0, e->metaKey != 0, text);
    if (text) {
        unsigned int code_point = 0;
        ImTextCharFromUtf8(&code_point, e->key, nullptr);
        State::InputEvent c{State::InputEvent::Char};
        c.code = static_cast<int>(code_point);
        g.input_queue.push_back(c);
    }
    changed();
    // Take the key from the browser only when ImGui uses it (typing, Tab between fields), so
    // browser shortcuts such as reload and zoom keep working over the canvas.
    bool consumed = io.WantCaptureKeyboard || io.WantTextInput || target == 3;
    return consumed ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
    if (type == EMSCRIPTEN_EVENT_BLUR) {
        // Keys released while the page had no focus never reach us: forget them.
        std::memset(io.KeysDown, 0, sizeof(io.KeysDown));
        io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
    }
    changed();
    return EM_FALSE;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
    changed();  // the next frame syncs canvas size and pixel ratio
    return EM_FALSE;
}

void install_input_handlers() {
    const char* canvas = "#canvas";
    const char* window = EMSCRIPTEN_EVENT_TARGET_WINDOW;
    emscripten_set_mousedown_callback(canvas, nullptr, EM_TRUE, on_mouse_button);
    // Moves and releases are watched on the window so a drag that leaves the canvas still ends.
    emscripten_set_mouseup_callback(window, nullptr, EM_TRUE, on_mouse_button);
    emscripten_set_mousemove_callback(window, nullptr, EM_TRUE, on_mouse_move);
    emscripten_set_mouseleave_callback(canvas, nullptr, EM_TRUE, on_mouse_leave);
    emscripten_set_wheel_callback(canvas, nullptr, EM_TRUE, on_wheel);
    const char* document = EMSCRIPTEN_EVENT_TARGET_DOCUMENT;
    emscripten_set_keydown_callback(document, nullptr, EM_TRUE, on_key);
    emscripten_set_keyup_callback(document, nullptr, EM_TRUE, on_key);
    emscripten_set_focus_callback(canvas, nullptr, EM_TRUE, on_focus);
    emscripten_set_blur_callback(canvas, nullptr, EM_TRUE, on_focus);
    emscripten_set_resize_callback(window, nullptr, EM_TRUE, on_resize);
}

// --- fetch ----------------------------------------------------------------------------------

struct PendingFetch {
    std::function<void(HttpResponse)> done;
    std::vector<std::string> header_storage;
    std::vector<const char*> header_pointers;
    std::string body;
};

void on_fetch_finished(emscripten_fetch_t* fetch) {
    std::unique_ptr<PendingFetch> pending(static_cast<PendingFetch*>(fetch->userData));
    HttpResponse response;
    response.status = fetch->status;
    if (fetch->data && fetch->numBytes > 0)
        response.body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
    emscripten_fetch_close(fetch);
    pending->done(std::move(response));
    changed();  // a network completion is a reason to draw
}

}  // namespace

void run(Callbacks callbacks) {
    g.callbacks = std::move(callbacks);
    js_init_page_hooks();

    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = EM_FALSE;
    attrs.antialias = EM_FALSE;  // ImGui anti-aliases its own shapes
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    g.gl = emscripten_webgl_create_context("#canvas", &attrs);
    if (g.gl <= 0) {
        announce("This browser cannot run the portal: WebGL 2 is not available.");
        return;
    }
    emscripten_webgl_make_context_current(g.gl);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout comes from the app, not from a file
    io.BackendPlatformName = "roomkeeper_web";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    setup_key_map(io);
    io.SetClipboardTextFn = [](void*, const char* text) {
        g.clipboard = text;
        js_copy_text(text);
    };
    io.GetClipboardTextFn = [](void*) { return g.clipboard.c_str(); };
    js_install_paste();
    ImGui_ImplOpenGL3_Init("#version 300 es");

    install_input_handlers();
    changed();
}

void request_redraw() {
    changed();
}

void request_redraw_in(double seconds) {
    emscripten_set_timeout([](void*) { changed(); }, std::max(0.0, seconds) * 1000.0, nullptr);
}

double now_seconds() {
    return emscripten_get_now() / 1000.0;
}

std::int64_t unix_time() {
    return static_cast<std::int64_t>(emscripten_date_now() / 1000.0);
}

void defer(std::function<void()> fn) {
    auto* heap = new std::function<void()>(std::move(fn));
    emscripten_set_timeout(
        [](void* p) {
            std::unique_ptr<std::function<void()>> f(static_cast<std::function<void()>*>(p));
            (*f)();
            changed();
        },
        0, heap);
}

void announce(std::string_view text) {
    js_announce(std::string(text).c_str());
}

void signal_ready() {
    js_signal_ready();
}

std::optional<std::string> page_query_parameter(std::string_view name) {
    char* raw = js_query_parameter(std::string(name).c_str());
    if (!raw) return std::nullopt;
    std::string value(raw);
    std::free(raw);
    return value;
}

void http_request(HttpRequest request, std::function<void(HttpResponse)> done) {
    auto pending = std::make_unique<PendingFetch>();
    pending->done = std::move(done);
    pending->body = std::move(request.body);
    for (auto& [name, value] : request.headers) {
        pending->header_storage.push_back(name);
        pending->header_storage.push_back(value);
    }
    for (auto& s : pending->header_storage) pending->header_pointers.push_back(s.c_str());
    pending->header_pointers.push_back(nullptr);

    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, request.method.c_str(), sizeof(attr.requestMethod) - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.timeoutMSecs = request.timeout_ms;
    attr.requestHeaders = pending->header_pointers.data();
    if (!pending->body.empty()) {
        attr.requestData = pending->body.data();
        attr.requestDataSize = pending->body.size();
    }
    attr.onsuccess = on_fetch_finished;
    attr.onerror = on_fetch_finished;
    attr.userData = pending.release();
    emscripten_fetch(&attr, request.url.c_str());
}

std::optional<std::string> session_get(std::string_view key) {
    char* raw = js_session_get(std::string(key).c_str());
    if (!raw) return std::nullopt;
    std::string value(raw);
    std::free(raw);
    return value;
}
void session_set(std::string_view key, std::string_view value) {
    js_session_set(std::string(key).c_str(), std::string(value).c_str());
}
void session_remove(std::string_view key) {
    js_session_remove(std::string(key).c_str());
}

void show_sign_in(std::string_view error, bool busy) {
    js_show_sign_in(std::string(error).c_str(), busy ? 1 : 0);
}
void hide_sign_in() {
    js_hide_sign_in();
}
void set_demo_accounts(std::string_view accounts_json) {
    js_set_demo_accounts(std::string(accounts_json).c_str());
}

std::string location_hash() {
    char* raw = js_location_hash();
    std::string value(raw);
    std::free(raw);
    return value;
}
void push_location_hash(std::string_view hash) {
    js_push_location_hash(std::string(hash).c_str());
}
void replace_location_hash(std::string_view hash) {
    js_replace_location_hash(std::string(hash).c_str());
}

namespace {
std::function<void(std::string)> g_hash_change;
}  // namespace

void on_hash_change(std::function<void(std::string hash)> handler) {
    g_hash_change = std::move(handler);
    js_install_hash_change();
}

namespace {
std::function<void(std::string)> g_sign_in;
std::function<void(std::string)> g_language;
std::string g_published;
}  // namespace

std::string preferred_language() {
    char* raw = js_preferred_language();
    std::string value(raw);
    std::free(raw);
    return value;
}
void download(std::string_view filename, std::string_view mime, std::string_view content) {
    js_download(std::string(filename).c_str(), std::string(mime).c_str(), content.data(),
                static_cast<int>(content.size()));
}
void set_preferred_language(std::string_view code) {
    js_set_language(std::string(code).c_str());
}
void on_language_change(std::function<void(std::string code)> handler) {
    g_language = std::move(handler);
    js_install_language_change();
}

void on_sign_in(std::function<void(std::string upn)> handler) {
    g_sign_in = std::move(handler);
    js_install_sign_in();
}

namespace {
std::function<void()> g_provider_clicked;
std::function<void(ProviderOutcome)> g_provider_outcome;
std::function<void(std::string)> g_provider_token;
}  // namespace

void show_provider_sign_in(std::string_view name, bool typed, std::function<void()> handler) {
    g_provider_clicked = std::move(handler);
    js_show_provider_sign_in(std::string(name).c_str(), typed ? 1 : 0);
}
void provider_start(std::string_view settings_json, std::function<void(ProviderOutcome)> done) {
    g_provider_outcome = std::move(done);
    js_provider_start(std::string(settings_json).c_str());
}
std::string provider_access_token() {
    char* raw = js_provider_access_token();
    std::string value(raw);
    std::free(raw);
    return value;
}
void on_provider_token(std::function<void(std::string token)> handler) {
    g_provider_token = std::move(handler);
}
void provider_sign_in(bool mfa) {
    js_provider_sign_in(mfa ? 1 : 0);
}
void provider_sign_out() {
    js_provider_sign_out();
}
void provider_forget() {
    js_provider_forget();
}

// The exported entry points below reach these.
void provider_clicked() {
    if (g_provider_clicked) g_provider_clicked();
}
void provider_outcome(int kind, const char* error, const char* description) {
    if (!g_provider_outcome) return;
    ProviderOutcome o;
    o.kind = kind == 1   ? ProviderOutcome::Kind::signed_in
             : kind == 2 ? ProviderOutcome::Kind::failed
                         : ProviderOutcome::Kind::none;
    o.error = error;
    o.description = description;
    auto done = std::move(g_provider_outcome);
    g_provider_outcome = nullptr;
    done(o);
}
void provider_token(const char* token) {
    if (g_provider_token) g_provider_token(token);
}

// Appends `text` as the inside of a JSON string. Control characters must be escaped too: a
// note with a line break once made JSON.parse throw inside the frame, which then never reached
// Render, and ImGui's fallback "Debug" window stayed alive over the page, taking the hover.
void append_json_text(std::string& json, const std::string& text) {
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            json += '\\';
            json += c;
        } else if (u < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", u);
            json += esc;
        } else {
            json += c;
        }
    }
}

namespace {
std::function<void(SemanticRequest)> g_semantic_request;
std::uint32_t g_published_modal = 0;
}  // namespace

void publish_semantics(std::string_view update_json, std::uint32_t modal) {
    if (update_json.empty() && modal == g_published_modal) return;
    g_published_modal = modal;
    js_publish_semantics(update_json.empty() ? nullptr : std::string(update_json).c_str(), modal);
}

void on_semantic_request(std::function<void(SemanticRequest)> handler) {
    g_semantic_request = std::move(handler);
    js_install_semantics();
}

void publish_locators(const std::vector<Locator>& items) {
    // A small JSON object by hand: labels and notes are the app's own strings, escaped.
    std::string json = "{";
    char buf[200];
    for (const auto& it : items) {
        if (json.size() > 1) json += ',';
        json += '"';
        append_json_text(json, it.label);
        double r = g.pixel_ratio > 0 ? g.pixel_ratio : 1;
        std::snprintf(buf, sizeof buf,
                      "\":{\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,\"clipTop\":%.1f,"
                      "\"clipBottom\":%.1f,\"enabled\":%s,\"note\":\"",
                      it.x / r, it.y / r, it.w / r, it.h / r, it.clip_top / r, it.clip_bottom / r,
                      it.enabled ? "true" : "false");
        json += buf;
        append_json_text(json, it.note);
        json += "\"}";
    }
    json += '}';
    if (json == g_published) return;
    g_published = json;
    js_publish_locators(json.c_str());
}

}  // namespace portal::platform

// A paste into the canvas: remember the text, then press Ctrl+V for ImGui for one frame.
extern "C" EMSCRIPTEN_KEEPALIVE void rk_platform_paste(const char* text) {
    using namespace portal::platform;
    g.clipboard = text;
    queue_key(kV, true, true, false, false, false, false);
    queue_key(kV, false, false, false, false, false, false);
    changed();
}

extern "C" EMSCRIPTEN_KEEPALIVE void rk_platform_hash_changed() {
    if (portal::platform::g_hash_change)
        portal::platform::g_hash_change(portal::platform::location_hash());
    portal::platform::request_redraw();
}

extern "C" EMSCRIPTEN_KEEPALIVE void rk_platform_language(const char* code) {
    using namespace portal::platform;
    if (g_language) g_language(code);
    changed();
}

extern "C" EMSCRIPTEN_KEEPALIVE void rk_platform_sign_in(const char* upn) {
    if (portal::platform::g_sign_in) portal::platform::g_sign_in(upn);
    portal::platform::request_redraw();
}

extern "C" EMSCRIPTEN_KEEPALIVE void rk_platform_provider_clicked() {
    portal::platform::provider_clicked();
    portal::platform::request_redraw();
}

extern "C" EMSCRIPTEN_KEEPALIVE void rk_platform_provider_outcome(int kind, const char* error,
                                                                  const char* description) {
    portal::platform::provider_outcome(kind, error, description);
    portal::platform::request_redraw();
}

extern "C" EMSCRIPTEN_KEEPALIVE void rk_platform_a11y(int kind, unsigned key) {
    using namespace portal::platform;
    if (!g_semantic_request || (kind != 0 && kind != 1)) return;
    g_semantic_request({kind == 0 ? SemanticRequest::Kind::activate : SemanticRequest::Kind::focus,
                        static_cast<std::uint32_t>(key)});
    changed();
}

extern "C" EMSCRIPTEN_KEEPALIVE void rk_platform_provider_token(const char* token) {
    portal::platform::provider_token(token);
    portal::platform::request_redraw();
}
