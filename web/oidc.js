// Sign-in with the organisation's OpenID Connect provider, for a static page (no server logic):
// the Authorization Code flow with PKCE (S256, RFC 7636), `state` and `nonce` checked,
// discovery from the issuer, tokens in sessionStorage (this tab only), renewed with the refresh
// token before they expire, sign-out through the provider's end_session_endpoint.
//
// The app (src/portal, through platform/web.cpp) decides when; this file only speaks the
// protocol. Cryptography is the browser's (crypto.getRandomValues, crypto.subtle.digest).
(function () {
  "use strict";
  var TOKENS = "roomkeeper.oidc";          // {access_token, refresh_token, id_token, expires_at}
  var PENDING = "roomkeeper.oidc.pending"; // a sign-in under way: {state, nonce, verifier, hash}

  function load(key) {
    try { return JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function save(key, value) {
    try {
      if (value === null) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* storage off: this load only */ }
  }

  function base64url(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function random(n) {
    var bytes = new Uint8Array(n);
    crypto.getRandomValues(bytes);
    return base64url(bytes);
  }
  function s256(text) {
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (d) {
      return base64url(new Uint8Array(d));
    });
  }
  function claims(jwt) {
    try {
      var part = String(jwt).split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      var json = decodeURIComponent(Array.prototype.map.call(atob(part), function (c) {
        return "%" + ("00" + c.charCodeAt(0).toString(16)).slice(-2);
      }).join(""));
      return JSON.parse(json);
    } catch (e) { return null; }
  }
  function now() { return Math.floor(Date.now() / 1000); }
  // The redirect URI is the page itself, without query or hash (API.md).
  function redirectUri() { return location.origin + location.pathname; }

  function failure(error, description) {
    return { kind: "failed", error: error, description: description || "" };
  }

  // A redirect back from the provider carries ?code&state (or ?error&state). Take it off the
  // address bar before the app reads the URL, and put back the deep link the person left from.
  var callback = null;
  (function takeCallback() {
    var q = new URLSearchParams(location.search);
    if (!q.has("state") || !(q.has("code") || q.has("error"))) return;
    callback = {
      code: q.get("code"), state: q.get("state"), iss: q.get("iss"),
      error: q.get("error"), description: q.get("error_description")
    };
    var pending = load(PENDING);
    var hash = pending && pending.state === callback.state ? pending.hash || "" : "";
    history.replaceState(null, "", location.pathname + hash);
  })();

  var config = null;
  var discovery = null;
  var tokens = load(TOKENS);
  var timer = null;
  var tokenListener = function () {};

  function discover() {
    if (discovery) return Promise.resolve(discovery);
    var url = config.issuer.replace(/\/+$/, "") + "/.well-known/openid-configuration";
    return fetch(url, { credentials: "omit" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    }).then(function (d) {
      // OpenID Connect Discovery §4.3: the document must be the issuer's own.
      if (d.issuer !== config.issuer) throw new Error("the provider names itself " + d.issuer + ", not " + config.issuer);
      discovery = d;
      return d;
    });
  }

  function tokenRequest(params) {
    return discover().then(function (d) {
      return fetch(d.token_endpoint, {
        method: "POST", credentials: "omit",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(params).toString()
      });
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok || !body.access_token) {
          var e = new Error(body.error_description || ("HTTP " + r.status));
          e.code = body.error || "token_request_failed";
          throw e;
        }
        return body;
      });
    });
  }

  function keep(body, previous) {
    tokens = {
      access_token: body.access_token,
      refresh_token: body.refresh_token || (previous && previous.refresh_token) || "",
      id_token: body.id_token || (previous && previous.id_token) || "",
      expires_at: now() + (Number(body.expires_in) || 300)
    };
    save(TOKENS, tokens);
    schedule();
  }

  // Renew a little before expiry: a minute early, or a quarter of a short lifetime.
  function schedule() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!tokens) return;
    var left = tokens.expires_at - now();
    var early = Math.min(60, Math.max(2, Math.floor(left / 4)));
    timer = setTimeout(renew, Math.max(1, left - early) * 1000);
  }

  function renew() {
    if (!tokens || !tokens.refresh_token) {
      forget();
      tokenListener("");
      return Promise.resolve(false);
    }
    var previous = tokens;
    return tokenRequest({ grant_type: "refresh_token", refresh_token: previous.refresh_token,
                          client_id: config.clientId }).then(function (body) {
      keep(body, previous);
      tokenListener(tokens.access_token);
      return true;
    }, function () {
      forget();
      tokenListener("");
      return false;
    });
  }

  function forget() {
    if (timer) clearTimeout(timer);
    timer = null;
    tokens = null;
    save(TOKENS, null);
  }

  function complete(cb) {
    var pending = load(PENDING);
    save(PENDING, null);  // a code is used once, whatever happens next
    if (!pending || pending.state !== cb.state)
      return Promise.resolve(failure("state_mismatch"));
    if (cb.error) return Promise.resolve(failure(cb.error, cb.description));
    // RFC 9207: a provider that says who answered must be ours (mix-up attacks).
    if (cb.iss && cb.iss !== config.issuer) return Promise.resolve(failure("issuer_mismatch"));
    return tokenRequest({
      grant_type: "authorization_code", code: cb.code, redirect_uri: redirectUri(),
      client_id: config.clientId, code_verifier: pending.verifier
    }).then(function (body) {
      // The ID token came straight from the token endpoint over TLS (OIDC Core §3.1.3.7):
      // its claims must be for this sign-in, this client and this issuer.
      var c = claims(body.id_token);
      var aud = c && (Array.isArray(c.aud) ? c.aud : [c.aud]);
      if (!c || c.nonce !== pending.nonce || c.iss !== config.issuer || aud.indexOf(config.clientId) < 0)
        return failure("nonce_mismatch");
      keep(body, null);
      return { kind: "signedIn" };
    }, function (err) {
      return failure(err.code || "unreachable", err.message);
    });
  }

  window.__roomkeeperOidc = {
    // settings: {issuer, clientId, scopes, name, mfaAcrValues}. Resolves with what this load
    // did: {kind: "none"}, {kind: "signedIn"} or {kind: "failed", error, description}.
    start: function (settings) {
      config = settings;
      if (callback) {
        var cb = callback;
        callback = null;
        return complete(cb);
      }
      if (tokens) {
        if (tokens.expires_at - now() > 5) schedule();
        else return renew().then(function (ok) { return ok ? { kind: "signedIn" } : { kind: "none" }; });
      }
      return Promise.resolve({ kind: "none" });
    },
    accessToken: function () { return tokens ? tokens.access_token : ""; },
    forget: forget,
    onToken: function (listener) { tokenListener = listener; },
    signIn: function (options) {
      var mfa = !!(options && options.mfa);
      var pending = { state: random(16), nonce: random(16), verifier: random(32), hash: location.hash };
      return Promise.all([discover(), s256(pending.verifier)]).then(function (r) {
        save(PENDING, pending);
        var q = new URLSearchParams({
          response_type: "code", client_id: config.clientId, redirect_uri: redirectUri(),
          scope: config.scopes, state: pending.state, nonce: pending.nonce,
          code_challenge: r[1], code_challenge_method: "S256"
        });
        if (mfa) {
          q.set("acr_values", config.mfaAcrValues);
          q.set("prompt", "login");
        }
        var lang = document.documentElement.lang;
        if (lang) q.set("ui_locales", lang);
        location.assign(r[0].authorization_endpoint + "?" + q.toString());
      }, function (err) {
        // The provider cannot be reached: say so on the sign-in card.
        if (window.__roomkeeperShell) window.__roomkeeperShell.providerUnreachable(String(err.message || err));
      });
    },
    signOut: function () {
      var idToken = tokens && tokens.id_token;
      forget();
      return discover().then(function (d) {
        if (!d.end_session_endpoint) return location.reload();
        var q = new URLSearchParams({ post_logout_redirect_uri: redirectUri(), client_id: config.clientId });
        if (idToken) q.set("id_token_hint", idToken);
        location.assign(d.end_session_endpoint + "?" + q.toString());
      }, function () { location.reload(); });
    }
  };
})();
