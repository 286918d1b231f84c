// The accessibility mirror. The portal draws its controls on a canvas; every frame the app
// describes them (role, name, state, value, where they are) and sends only what changed
// (src/portal/ui/semantics.cpp). Here each becomes a real element with ARIA, placed over the
// canvas and transparent, so screen readers, voice control, find-in-page, browser zoom and
// the keyboard's Tab reach what is drawn. The elements never take the mouse (pointer-events:
// none in style.css): the canvas keeps it. What an element is asked — a click, Enter or Space,
// a screen reader's default action, focus — goes back to the app (rk_platform_a11y), which
// does it as ImGui would for a click or a Tab into the field.
(function () {
  "use strict";

  // Controls that are a <button> (the browser turns Enter and Space into its click).
  var BUTTON_ROLES = { button: 1, link: 1, tab: 1, checkbox: 1, radio: 1, option: 1,
                       menuitem: 1, menuitemcheckbox: 1, combobox: 1 };
  var CONTAINERS = { dialog: 1, tablist: 1, listbox: 1, menu: 1 };
  // Containers that float over the page: outside <main>, which is inert behind a dialog.
  var POPUPS = { dialog: 1, listbox: 1, menu: 1 };
  var ACTIVATE = 0, FOCUS = 1;

  var root = null, main = null, descriptions = null;
  var elements = new Map();  // key → element
  var nodes = new Map();     // key → the node as last received
  var order = [];            // reading order, as last received
  var syncing = 0;           // focus moved by the app, not by the person
  var opener = null;         // what had focus when the open dialog appeared

  var api = window.__roomkeeperA11y = {
    onRequest: null,
    apply: apply,
    owns: function (el) { return !!root && el !== root && root.contains(el); },
    isTextField: function (el) { return el.getAttribute("role") === "textbox"; },
  };

  function request(kind, key) {
    if (api.onRequest) api.onRequest(kind, key);
  }

  function keyOf(el) {
    var host = el && el.closest ? el.closest("[data-k]") : null;
    return host && root.contains(host) ? Number(host.dataset.k) : null;
  }

  function setup() {
    if (root) return true;
    root = document.getElementById("a11y");
    if (!root) return false;
    main = document.getElementById("a11y-main");
    descriptions = document.getElementById("a11y-descriptions");
    root.addEventListener("click", function (e) {
      var key = keyOf(e.target), n = key === null ? null : nodes.get(key);
      if (!n || CONTAINERS[n.r] || n.dis) return;
      request(n.r === "textbox" ? FOCUS : ACTIVATE, key);
    });
    root.addEventListener("focusin", function (e) {
      if (syncing) return;
      var key = keyOf(e.target), n = key === null ? null : nodes.get(key);
      if (n && !CONTAINERS[n.r]) request(FOCUS, key);
    });
    return true;
  }

  function create(n) {
    var el;
    if (BUTTON_ROLES[n.r]) {
      el = document.createElement("button");
      el.type = "button";
      if (n.r !== "button") el.setAttribute("role", n.r);
    } else {
      el = document.createElement("div");
      if (n.r !== "text") el.setAttribute("role", n.r);
      if (n.r === "textbox" || n.r === "slider") el.tabIndex = 0;
      if (n.r === "dialog") {
        el.tabIndex = -1;  // takes focus when it opens, so its name is read first
        el.setAttribute("aria-modal", "true");
      }
    }
    el.className = CONTAINERS[n.r] ? "a11y-group" : "a11y-node";
    el.dataset.k = String(n.k);
    return el;
  }

  function attr(el, name, value) {
    if (value === undefined || value === null || value === "") {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else if (el.getAttribute(name) !== String(value)) {
      el.setAttribute(name, String(value));
    }
  }

  function text(el, s) {
    if (el.textContent !== s) el.textContent = s;
  }

  function describe(el, n) {
    var id = "a11y-d-" + n.k, span = document.getElementById(id);
    if (!n.d) {
      if (span) span.remove();
      attr(el, "aria-describedby", null);
      return;
    }
    if (!span) {
      span = document.createElement("span");
      span.id = id;
      descriptions.appendChild(span);
    }
    text(span, n.d);
    attr(el, "aria-describedby", id);
  }

  function update(el, n) {
    var tri = function (v) { return v === undefined ? null : v ? "true" : "false"; };
    // Every element, containers too, is fixed over its place on the canvas (viewport
    // coordinates, whatever holds it).
    var s = el.style;
    s.left = n.x + "px";
    s.top = n.y + "px";
    s.width = n.w + "px";
    s.height = n.h + "px";
    if (CONTAINERS[n.r]) {
      attr(el, "aria-label", n.n);
      return;
    }
    if (n.r === "textbox") {
      attr(el, "aria-label", n.n);
      attr(el, "aria-placeholder", n.ph);
      attr(el, "aria-multiline", n.ml ? "true" : null);
      text(el, n.v || "");
    } else if (n.r === "combobox") {
      attr(el, "aria-label", n.n);
      attr(el, "aria-haspopup", "listbox");
      text(el, n.v || "");
    } else if (n.r === "slider") {
      attr(el, "aria-label", n.n);
      attr(el, "aria-valuenow", n.v);
      attr(el, "aria-valuemin", n.min);
      attr(el, "aria-valuemax", n.max);
    } else {
      text(el, n.n);
    }
    attr(el, "aria-level", n.r === "heading" ? n.l || 2 : null);
    attr(el, "aria-disabled", n.dis ? "true" : null);
    attr(el, "aria-checked", n.r === "checkbox" || n.r === "menuitemcheckbox" || n.r === "radio"
                                 ? tri(n.c) : null);
    attr(el, "aria-selected", n.r === "tab" || n.r === "option" ? tri(n.s) : null);
    attr(el, "aria-current", n.r === "link" && n.s ? "page" : null);
    attr(el, "aria-expanded", tri(n.e));
    describe(el, n);
  }

  function remove(key) {
    var el = elements.get(key);
    if (!el) return;
    var span = document.getElementById("a11y-d-" + key);
    if (span) span.remove();
    el.remove();
    elements.delete(key);
    nodes.delete(key);
  }

  function containerOf(n) {
    var c = n.p ? elements.get(n.p) : null;
    return c || (POPUPS[n.r] ? root : main);
  }

  // Puts every element in its container in reading order, moving only those out of place (a
  // moved element would lose focus).
  function arrange() {
    var last = new Map();
    order.forEach(function (key) {
      var el = elements.get(key), n = nodes.get(key);
      if (!el) return;
      var parent = containerOf(n), prev = last.get(parent);
      var want = prev ? prev.nextSibling : (parent === root ? main : parent.firstChild);
      if (el.parentNode !== parent || el !== want) parent.insertBefore(el, want);
      last.set(parent, el);
    });
  }

  function focusQuietly(el) {
    if (!el || document.activeElement === el) return;
    syncing++;
    try { el.focus({ preventScroll: true }); } finally { syncing--; }
  }

  function apply(json, modal) {
    if (!setup()) return;
    var u = json ? JSON.parse(json) : {};
    var active = document.activeElement, focusWasMine = api.owns(active);
    var openedDialog = null, closedDialog = false, moved = false;
    if (u.reset) {
      var keep = new Set((u.set || []).map(function (n) { return n.k; }));
      Array.from(elements.keys()).forEach(function (k) { if (!keep.has(k)) remove(k); });
    }
    (u.remove || []).forEach(function (k) {
      var n = nodes.get(k);
      if (n && n.r === "dialog") closedDialog = true;
      remove(k);
    });
    (u.set || []).forEach(function (n) {
      var el = elements.get(n.k), old = nodes.get(n.k);
      if (el && old.r !== n.r) {  // another role is another element
        remove(n.k);
        el = null;
      }
      if (!el) {
        el = create(n);
        elements.set(n.k, el);
        moved = true;
        if (n.r === "dialog") openedDialog = el;
      } else if (old.p !== n.p) {
        moved = true;
      }
      nodes.set(n.k, n);
      update(el, n);
    });
    if (u.order) order = u.order;
    if (u.order || moved) arrange();
    // Behind a dialog the page is inert, and the canvas leaves the Tab order: Tab stays in
    // the dialog (the canvas still takes the mouse).
    main.inert = !!modal;
    var canvas = document.getElementById("canvas");
    if (canvas) canvas.tabIndex = modal ? -1 : 0;
    if (u.focus !== undefined) focusQuietly(elements.get(u.focus));
    if (openedDialog) {
      // A keyboard or screen reader user goes into the dialog; a mouse user keeps the canvas.
      opener = focusWasMine ? active : null;
      if (focusWasMine && !openedDialog.contains(document.activeElement)) focusQuietly(openedDialog);
    } else if (closedDialog) {
      var back = opener;
      opener = null;
      var lost = !document.activeElement || document.activeElement === document.body;
      if (back && back.isConnected && lost) focusQuietly(back);
    }
  }
})();
