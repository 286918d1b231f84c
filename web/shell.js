// The HTML shell's glue: downloads the wasm with a real progress bar (bytes received / total),
// hands it to Emscripten's runtime, and swaps the loader for the canvas once the app is ready.
// Everything the app itself does with the browser lives in src/portal/platform/web.cpp.
(function () {
  "use strict";
  var loader = document.getElementById("loader");
  var fill = document.getElementById("loader-fill");
  var text = document.getElementById("loader-text");
  var canvas = document.getElementById("canvas");
  // The app draws its own context menus (an event listener: the page allows no inline handler).
  canvas.addEventListener("contextmenu", function (e) { e.preventDefault(); });
  var meta = document.querySelector('meta[name="roomkeeper-build"]');
  var build = meta ? { id: meta.content, wasmBytes: Number(meta.dataset.wasmBytes) } : {};

  // The shell's own words in Italian (the app's are in src/portal/i18n_it.inc). The language is
  // the one chosen before, else the browser's.
  var IT = {
    "Loading the portal…": "Caricamento del portale…",
    "Loading the portal… {} of {}": "Caricamento del portale… {} di {}",
    "Loading the portal… {}": "Caricamento del portale… {}",
    "Starting…": "Avvio…",
    "Sign in": "Accedi",
    "Use your work account (name@organisation).": "Usa l'account aziendale (nome@organizzazione).",
    "Account": "Account",
    "Accounts of the demo world": "Account del mondo demo",
    "Enter your account as name@organisation.": "Inserisci l'account nel formato nome@organizzazione.",
    "Choose who you are": "Scegli chi sei",
    "Offline demo: the service runs in this page, and changes stay in this browser.":
      "Demo offline: il servizio gira in questa pagina e le modifiche restano in questo browser.",
    "Or type an account name": "Oppure digita il nome di un account",
    "Sign in with {}": "Accedi con {}",
    "Could not reach {}: {}": "Impossibile raggiungere {}: {}",
    "Partner": "Partner",
    "Customer": "Cliente",
    "Language": "Lingua",
    "The portal stopped unexpectedly: {}": "Il portale si è interrotto in modo imprevisto: {}",
    "The portal could not be loaded: {}. Check your connection and reload.":
      "Impossibile caricare il portale: {}. Controlla la connessione e ricarica la pagina.",
    "This browser cannot run the portal: WebAssembly is not available.":
      "Questo browser non può eseguire il portale: WebAssembly non è disponibile.",
    "The portal could not be loaded (portal.js). Reload to try again.":
      "Impossibile caricare il portale (portal.js). Ricarica la pagina per riprovare."
  };
  var LANG_KEY = "roomkeeper.lang";
  function storedLanguage() {
    try { return localStorage.getItem(LANG_KEY); } catch (e) { return null; }
  }
  var lang = storedLanguage() || ((navigator.language || "en").slice(0, 2) === "it" ? "it" : "en");
  if (lang !== "it") lang = "en";
  function t(english) {
    var out = lang === "it" && IT[english] ? IT[english] : english;
    for (var i = 1; i < arguments.length; i++) out = out.replace("{}", arguments[i]);
    return out;
  }
  // Elements that carry their English text in data-i18n (and data-i18n-placeholder).
  function translatePage() {
    document.documentElement.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (el) {
      el.textContent = t(el.getAttribute("data-i18n"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-placeholder]"), function (el) {
      el.placeholder = t(el.getAttribute("data-i18n-placeholder"));
    });
    var picker = document.getElementById("signin-language");
    if (picker) picker.value = lang;
    var provider = document.getElementById("signin-provider");
    if (provider && provider.getAttribute("data-i18n-name"))
      provider.textContent = t("Sign in with {}", provider.getAttribute("data-i18n-name"));
  }

  function kib(n) { return Math.round(n / 1024) + " KB"; }

  function progress(received, total) {
    var pct = total > 0 ? Math.min(100, Math.floor((received * 100) / total)) : 0;
    fill.style.width = pct + "%";
    loader.setAttribute("aria-valuenow", String(pct));
    text.textContent = total > 0 ? t("Loading the portal… {} of {}", kib(received), kib(total))
                                 : t("Loading the portal… {}", kib(received));
  }

  function fail(message) {
    loader.classList.add("failed");
    loader.classList.remove("done");
    text.textContent = message;
    var status = document.getElementById("status");
    if (status) status.textContent = message;
  }

  // Streams the response body through a counter, so compilation still starts while bytes arrive.
  function countedResponse(response, total) {
    var received = 0;
    var reader = response.body.getReader();
    var stream = new ReadableStream({
      pull: function (controller) {
        return reader.read().then(function (chunk) {
          if (chunk.done) { progress(total || received, total || received); controller.close(); return; }
          received += chunk.value.byteLength;
          progress(received, total);
          controller.enqueue(chunk.value);
        });
      }
    });
    return new Response(stream, { headers: { "Content-Type": "application/wasm" } });
  }

  var signin = document.getElementById("signin");
  var signinForm = document.getElementById("signin-form");
  var signinUpn = document.getElementById("signin-upn");
  var signinError = document.getElementById("signin-error");
  var signinSubmit = document.getElementById("signin-submit");
  var demoPicker = document.getElementById("demo-picker");
  var providerButton = document.getElementById("signin-provider");
  var providerError = document.getElementById("signin-provider-error");
  var providerName = "";

  // The offline demo's people as buttons, one group per organisation. Built with DOM calls, not
  // HTML strings: names come from a data file.
  function renderDemoAccounts(accounts) {
    demoPicker.textContent = "";
    var groups = [];
    accounts.forEach(function (a) {
      var g = groups.length && groups[groups.length - 1].tenant === a.tenant ? groups[groups.length - 1] : null;
      if (!g) { g = { tenant: a.tenant, partner: a.partner, people: [] }; groups.push(g); }
      g.people.push(a);
    });
    groups.forEach(function (g) {
      var section = document.createElement("section");
      section.className = "demo-group";
      var h = document.createElement("h2");
      h.textContent = g.tenant;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.setAttribute("data-i18n", g.partner ? "Partner" : "Customer");
      kind.textContent = t(kind.getAttribute("data-i18n"));
      h.appendChild(kind);
      section.appendChild(h);
      g.people.forEach(function (a) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "demo-person";
        b.setAttribute("data-upn", a.upn);
        var who = document.createElement("span");
        who.className = "who";
        who.textContent = a.name || a.upn;
        var roles = document.createElement("span");
        roles.className = "roles";
        roles.textContent = a.roles;
        b.title = a.upn;
        b.appendChild(who);
        b.appendChild(roles);
        b.addEventListener("click", function () { if (shell.onSignIn) shell.onSignIn(a.upn); });
        section.appendChild(b);
      });
      demoPicker.appendChild(section);
    });
    demoPicker.hidden = false;
    signinForm.classList.add("picking");
    document.getElementById("signin-title").setAttribute("data-i18n", "Choose who you are");
    document.getElementById("signin-lead").setAttribute("data-i18n",
      "Offline demo: the service runs in this page, and changes stay in this browser.");
    document.getElementById("live-demo-accounts").hidden = true;
    // Typing an account still works, tucked away under the picker.
    var typed = document.getElementById("signin-typed");
    var details = document.createElement("details");
    details.className = "typed";
    var summary = document.createElement("summary");
    summary.setAttribute("data-i18n", "Or type an account name");
    details.appendChild(summary);
    typed.parentNode.insertBefore(details, typed);
    details.appendChild(typed);
    translatePage();
  }

  var shell = window.__roomkeeperShell = {
    appReady: function () {
      loader.classList.add("done");
      loader.setAttribute("aria-hidden", "true");
      if (signin.hidden) canvas.focus({ preventScroll: true });
    },
    // Called by the app (src/portal/platform/web.cpp); onSignIn is installed by it too.
    showSignIn: function (error, busy) {
      var wasHidden = signin.hidden;
      signin.hidden = false;
      signinError.textContent = error || "";
      if (!providerButton.hidden) {
        // With a provider, the typed form may be gone: its errors show under the button.
        providerError.textContent = error || "";
        providerError.hidden = !error;
        providerButton.disabled = !!busy;
        if ((wasHidden || error) && !busy) providerButton.focus({ preventScroll: true });
        return;
      }
      signinSubmit.disabled = !!busy;
      signinUpn.disabled = !!busy;
      Array.prototype.forEach.call(demoPicker.querySelectorAll("button"), function (b) { b.disabled = !!busy; });
      if (!demoPicker.hidden) {
        var first = demoPicker.querySelector("button");
        if ((wasHidden || error) && first && !busy) first.focus({ preventScroll: true });
      } else if (wasHidden || error) {
        signinUpn.focus();
      }
    },
    hideSignIn: function () {
      signin.hidden = true;
      signinError.textContent = "";
      canvas.focus({ preventScroll: true });
    },
    setDemoAccounts: function (accounts) {
      if (Array.isArray(accounts) && accounts.length) {
        if (!demoPicker.hidden) { // again, in another language: keep the picker's place
          var typed = document.getElementById("signin-typed");
          var details = typed.parentNode;
          details.parentNode.insertBefore(typed, details);
          details.parentNode.removeChild(details);
        }
        renderDemoAccounts(accounts);
      }
    },
    // Sign-in through the organisation's identity provider; the typed form stays only when
    // the service offers dev sign-in.
    setProvider: function (name, typed) {
      providerName = name;
      providerButton.setAttribute("data-i18n-name", name);
      providerButton.textContent = t("Sign in with {}", name);
      providerButton.hidden = false;
      document.getElementById("signin-typed").hidden = !typed;
      document.getElementById("live-demo-accounts").hidden = !typed;
    },
    providerUnreachable: function (detail) {
      providerButton.disabled = false;
      providerError.textContent = t("Could not reach {}: {}", providerName, detail);
      providerError.hidden = false;
    },
    onProviderSignIn: null,
    language: function () { return lang; },
    // The app switched language (user menu): remember it and follow.
    setLanguage: function (code) {
      lang = code === "it" ? "it" : "en";
      try { localStorage.setItem(LANG_KEY, lang); } catch (e) { /* private mode: this tab only */ }
      translatePage();
    },
    onLanguage: null,
    onSignIn: null
  };
  signinForm.addEventListener("submit", function (e) {
    e.preventDefault();
    var upn = signinUpn.value.trim();
    if (!upn || upn.indexOf("@") < 1) {
      signinError.textContent = t("Enter your account as name@organisation.");
      signinUpn.focus();
      return;
    }
    if (shell.onSignIn) shell.onSignIn(upn);
  });
  providerButton.addEventListener("click", function () {
    providerButton.disabled = true;
    providerError.hidden = true;
    if (shell.onProviderSignIn) shell.onProviderSignIn();
  });
  var languagePicker = document.getElementById("signin-language");
  languagePicker.addEventListener("change", function () {
    shell.setLanguage(languagePicker.value);
    if (shell.onLanguage) shell.onLanguage(lang);
  });
  translatePage();

  Array.prototype.forEach.call(document.querySelectorAll(".demo-accounts button[data-upn]"), function (b) {
    b.addEventListener("click", function () { signinUpn.value = b.getAttribute("data-upn"); signinUpn.focus(); });
  });

  window.Module = {
    canvas: canvas,
    print: function (s) { console.log(s); },
    printErr: function (s) { console.warn(s); },
    onAbort: function (what) { fail(t("The portal stopped unexpectedly: {}", what)); },
    instantiateWasm: function (imports, done) {
      var url = "portal.wasm?v=" + build.id;
      fetch(url).then(function (response) {
        if (!response.ok) throw new Error("portal.wasm: HTTP " + response.status);
        // The decoded size is stamped into the page at build time: with Content-Encoding the
        // Content-Length header counts compressed bytes, not the bytes the reader yields.
        var total = build.wasmBytes > 0 ? build.wasmBytes : Number(response.headers.get("Content-Length")) || 0;
        return WebAssembly.instantiateStreaming(countedResponse(response, total), imports);
      }).then(function (result) {
        text.textContent = t("Starting…");
        done(result.instance, result.module);
      }).catch(function (err) {
        fail(t("The portal could not be loaded: {}. Check your connection and reload.", err.message));
      });
      return {};  // exports arrive asynchronously through done()
    }
  };

  if (typeof WebAssembly !== "object") {
    fail(t("This browser cannot run the portal: WebAssembly is not available."));
    return;
  }
  var script = document.createElement("script");
  script.src = "portal.js?v=" + build.id;
  script.onerror = function () { fail(t("The portal could not be loaded (portal.js). Reload to try again.")); };
  document.body.appendChild(script);
})();
