// A real OpenID Connect provider for the tests: npm oidc-provider (OpenID Certified) on 127.0.0.1,
// with the people of a world file as accounts, plain-HTML sign-in pages of our own (no script
// needed), optional MFA step-up, and JWT access tokens for the trm API.
//
//   node tests/e2e/oidc/provider.mjs --redirect URI [--redirect URI ...] [--post-logout URI ...]
//     [--port N] [--world FILE] [--client-id ID] [--audience AUD] [--access-ttl SECONDS]
//     [--alg RS256|ES256] [--keys FILE] [--password PW] [--mfa-code CODE] [--name NAME]
//
// Prints one line to stdout once it listens, `oidc: http://127.0.0.1:PORT` (the issuer); anything
// else (the library's notices too) goes to stderr. SIGTERM or SIGINT closes it.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { Provider, errors, interactionPolicy } from "oidc-provider";

import { keyFitsAlg, loadOrCreateJwks } from "./keys.mjs";

// oidc-provider prints its NOTICEs with console.info, which is stdout; stdout is reserved for the
// ready line that the tests wait for.
console.info = console.error;
console.log = console.error;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const ACR_PWD = "urn:roomkeeper:pwd";
const ACR_MFA = "urn:roomkeeper:mfa";
const AMR_PWD = ["pwd"];
const AMR_MFA = ["pwd", "otp", "mfa"];
// What the API's tokens may carry. offline_access is listed so a client that asks for it (with
// prompt=consent, the only way the library keeps it) still gets a token.
const API_SCOPES = "openid profile email offline_access";

const USAGE = `usage: node tests/e2e/oidc/provider.mjs --redirect URI [options]
  --port N              port on 127.0.0.1 (0, the default: a free one)
  --world FILE          accounts from FILE's "users" (default assets/demo/world.json)
  --client-id ID        the one public client (default roomkeeper-portal)
  --redirect URI        an exact redirect URI of the client (repeatable, at least one)
  --post-logout URI     an exact post-logout redirect URI (repeatable)
  --audience AUD        "aud" of access tokens (default trm-api)
  --access-ttl SECONDS  access token lifetime (default 300)
  --alg RS256|ES256     signing algorithm of ID and access tokens (default RS256)
  --keys FILE           private JWKS; created with a new key when missing (default: in memory)
  --password PW         the password of every account (default roomkeeper-demo)
  --mfa-code CODE       the authenticator code that passes step-up (default 246810)
  --name NAME           heading and title of the pages (default "Roomkeeper Test ID")`;

function usage(message) {
  console.error(`provider.mjs: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string", default: "0" },
        world: { type: "string", default: path.join(root, "assets/demo/world.json") },
        "client-id": { type: "string", default: "roomkeeper-portal" },
        redirect: { type: "string", multiple: true, default: [] },
        "post-logout": { type: "string", multiple: true, default: [] },
        audience: { type: "string", default: "trm-api" },
        "access-ttl": { type: "string", default: "300" },
        alg: { type: "string", default: "RS256" },
        keys: { type: "string" },
        password: { type: "string", default: "roomkeeper-demo" },
        "mfa-code": { type: "string", default: "246810" },
        name: { type: "string", default: "Roomkeeper Test ID" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (err) {
    usage(err.message);
  }
  if (values.help) {
    console.error(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  const accessTtl = Number(values["access-ttl"]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`bad --port ${values.port}`);
  if (!Number.isInteger(accessTtl) || accessTtl <= 0) usage(`bad --access-ttl ${values["access-ttl"]}`);
  if (!["RS256", "ES256"].includes(values.alg)) usage(`--alg must be RS256 or ES256, not ${values.alg}`);
  if (values.redirect.length === 0) usage("give the client's redirect URI with --redirect");
  for (const uri of [...values.redirect, ...values["post-logout"]]) {
    if (!URL.canParse(uri)) usage(`not an absolute URI: ${uri}`);
  }
  return {
    port,
    accessTtl,
    world: values.world,
    clientId: values["client-id"],
    redirectUris: values.redirect,
    postLogoutUris: values["post-logout"],
    audience: values.audience,
    alg: values.alg,
    keysFile: values.keys,
    password: values.password,
    mfaCode: values["mfa-code"],
    name: values.name,
  };
}

// The world's people: sub is the user id, the UPN (lower case) is what one types as "Account".
function loadAccounts(file) {
  const world = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map();
  const byUpn = new Map();
  for (const user of world.users ?? []) {
    if (typeof user.id !== "string" || typeof user.upn !== "string") continue;
    const account = { id: user.id, upn: user.upn.toLowerCase(), name: user.displayName || user.upn };
    byId.set(account.id, account);
    byUpn.set(account.upn, account);
  }
  if (byId.size === 0) throw new Error(`${file}: no users with "id" and "upn"`);
  return { byId, byUpn };
}

// Compares secrets without leaking through timing how much of a guess was right.
function sameSecret(given, expected) {
  const digest = (s) => createHash("sha256").update(String(s ?? "")).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

// Whether an authorization request (its parameters, as the library keeps them) demands MFA:
// acr_values naming it, or an essential acr claim that only MFA satisfies.
function wantsMfa(params) {
  if (String(params.acr_values ?? "").split(" ").includes(ACR_MFA)) return true;
  if (!params.claims) return false;
  let claims;
  try {
    claims = JSON.parse(params.claims);
  } catch {
    return false;  // the library refuses such a request anyway
  }
  const acr = claims?.id_token?.acr;
  if (!acr?.essential) return false;
  const accepted = typeof acr.value === "string" ? [acr.value] : Array.isArray(acr.values) ? acr.values : [];
  return accepted.includes(ACR_MFA) && !accepted.includes(ACR_PWD);
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f3f4f6; margin: 0; }
  main { max-width: 22rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px;
         box-shadow: 0 1px 3px rgba(0, 0, 0, .15); }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  h2 { font-size: 1rem; font-weight: normal; margin: 0 0 1rem; }
  label { display: block; margin: .8rem 0 .3rem; font-weight: 600; }
  input { box-sizing: border-box; width: 100%; padding: .5rem; font-size: 1rem; }
  .actions { display: flex; gap: .5rem; margin-top: 1.4rem; }
  button { padding: .5rem 1rem; font-size: 1rem; cursor: pointer; }
  .error { color: #a40e26; background: #fde8eb; padding: .5rem; border-radius: 4px; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function sendHtml(res, status, html) {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    // No script at all on our pages. No form-action: the browser would then refuse the
    // redirects that follow a submitted form, out to the client.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  });
  res.end(html);
}

async function readForm(req) {
  req.setEncoding("utf8");
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16384) throw new Error("form too large");
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function main() {
  const opt = parseOptions();
  let accounts;
  let jwks;
  try {
    accounts = loadAccounts(opt.world);
    jwks = loadOrCreateJwks(opt.keysFile, opt.alg);
  } catch (err) {
    console.error(`provider.mjs: ${err.message}`);
    process.exit(2);
  }
  if (!jwks.keys.some((key) => keyFitsAlg(key, opt.alg))) {
    console.error(`provider.mjs: ${opt.keysFile} has no key for ${opt.alg}`);
    process.exit(2);
  }
  if (jwks.created) console.error(`oidc: created ${opt.keysFile} (${opt.alg}, kid ${jwks.keys[0].kid})`);

  // A resource indicator (RFC 8707) must be an absolute URI, and "trm-api" is not one: the API is
  // known by this indicator and its tokens carry the plain audience in "aud".
  const resource = URL.canParse(opt.audience) ? opt.audience : `urn:roomkeeper:resource:${opt.audience}`;
  const corsOrigins = new Set([...opt.redirectUris, ...opt.postLogoutUris].map((uri) => new URL(uri).origin));
  // Who typed a right password on a step-up sign-in and owes the code, by interaction uid.
  const pendingMfa = new Map();
  const interactionTtl = 600;

  function configuration(port) {
    const policy = interactionPolicy.base();
    // acr_values are only voluntary in OIDC Core; for us asking for MFA means a sign-in with MFA.
    policy.get("login").checks.add(new interactionPolicy.Check(
      "mfa_required",
      "multi-factor authentication is required",
      (ctx) => wantsMfa(ctx.oidc.params) && ctx.oidc.session.acr !== ACR_MFA,
    ));

    return {
      clients: [{
        client_id: opt.clientId,
        client_name: "Roomkeeper portal",
        application_type: "web",
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        redirect_uris: opt.redirectUris,
        post_logout_redirect_uris: opt.postLogoutUris,
        id_token_signed_response_alg: opt.alg,
      }],
      clientDefaults: { id_token_signed_response_alg: opt.alg },
      jwks: { keys: jwks.keys },

      async findAccount(ctx, sub) {
        const account = accounts.byId.get(sub);
        if (!account) return undefined;
        return {
          accountId: account.id,
          async claims() {
            return { sub: account.id, name: account.name, preferred_username: account.upn, email: account.upn };
          },
        };
      },
      // Listing acr and amr under openid puts them in every ID token, not only when asked for.
      claims: {
        openid: ["sub", "acr", "amr", "auth_time"],
        profile: ["name", "preferred_username"],
        email: ["email"],
        sid: null,
      },
      acrValues: [ACR_PWD, ACR_MFA],
      // Code flow only: no implicit or hybrid response types in discovery.
      responseTypes: ["code"],
      // Profile claims in the ID token too: the access token is for the API, not for userinfo.
      conformIdTokenClaims: false,

      features: {
        devInteractions: { enabled: false },
        claimsParameter: { enabled: true },
        // Every access token is the API's JWT, which userinfo would not take.
        userinfo: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          async logoutSource(ctx, form) {
            ctx.body = page(opt.name, `<h1>${esc(opt.name)}</h1>
<h2>Sign out of ${esc(opt.name)}?</h2>
${form}
<div class="actions">
  <button id="logout-yes" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
  <button id="logout-no" type="submit" form="op.logoutForm">Stay signed in</button>
</div>`);
          },
          async postLogoutSuccessSource(ctx) {
            ctx.body = page(opt.name, `<h1>${esc(opt.name)}</h1>\n<p id="signed-out">You are signed out.</p>`);
          },
        },
        resourceIndicators: {
          enabled: true,
          // No resource parameter still means the API (at the authorization and token endpoints).
          async defaultResource(ctx, client, oneOf) {
            if (oneOf) return oneOf.includes(resource) ? resource : oneOf;
            return resource;
          },
          async useGrantedResource() {
            return true;
          },
          async getResourceServerInfo(ctx, indicator, client) {
            if (indicator !== resource || client.clientId !== opt.clientId) throw new errors.InvalidTarget();
            return {
              scope: API_SCOPES,
              audience: opt.audience,
              accessTokenTTL: opt.accessTtl,
              accessTokenFormat: "jwt",
              jwt: { sign: { alg: opt.alg } },
            };
          },
        },
      },

      // Claims the API needs beyond RFC 9068's. How the person signed in lives on the code being
      // exchanged, or on the refresh token being used (a rotated one is a copy), never on the
      // access token model itself.
      async extraTokenClaims(ctx, token) {
        const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
        return {
          preferred_username: accounts.byId.get(token.accountId)?.upn,
          amr: source?.amr,
          acr: source?.acr,
          auth_time: source?.authTime,
        };
      },

      // First-party client: consent is implied. Grant what was asked for (OIDC scopes, claims and
      // the API's scopes), so the consent prompt never shows.
      async loadExistingGrant(ctx) {
        const { oidc } = ctx;
        const { accountId } = oidc.account;
        const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
        let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
        if (grant?.accountId !== accountId) {
          grant = new oidc.provider.Grant({ accountId, clientId: oidc.client.clientId });
        }
        grant.addOIDCScope(oidc.requestParamOIDCScopes);
        if (oidc.requestParamClaims.size) grant.addOIDCClaims([...oidc.requestParamClaims]);
        for (const [indicator, server] of Object.entries(oidc.resourceServers)) {
          grant.addResourceScope(indicator, [...oidc.requestParamScopes].filter((s) => server.scopes.has(s)));
        }
        await grant.save();
        return grant;
      },

      // By default the library issues refresh tokens only for offline_access, which it keeps only
      // with prompt=consent; the portal gets one on every code exchange instead.
      async issueRefreshToken(ctx, client) {
        return client.grantTypeAllowed("refresh_token");
      },
      pkce: { required: () => true },

      interactions: {
        policy,
        url: (ctx, interaction) => `/interaction/${interaction.uid}`,
      },

      // Plain http on 127.0.0.1: no Secure flag (the library adds it only on https requests).
      // Cookies are shared by all ports of a host, hence the port in their names: two providers
      // in one browser do not overwrite each other's sessions.
      cookies: {
        keys: [randomBytes(32).toString("base64url")],
        names: {
          session: `_session_${port}`,
          interaction: `_interaction_${port}`,
          resume: `_interaction_resume_${port}`,
        },
        long: { httpOnly: true, sameSite: "lax" },
        short: { httpOnly: true, sameSite: "lax" },
      },

      ttl: {
        AccessToken: opt.accessTtl,
        AuthorizationCode: 60,
        IdToken: 3600,
        Interaction: interactionTtl,
        Session: 8 * 3600,
        Grant: 8 * 3600,
        RefreshToken(ctx, token, client) {
          // As the library's default: a rotated token of a public browser client keeps the end
          // of the first one, so refreshing cannot stretch a sign-in forever.
          if (ctx?.oidc?.entities.RotatedRefreshToken && client.applicationType === "web"
              && client.clientAuthMethod === "none" && !token.isSenderConstrained()) {
            return ctx.oidc.entities.RotatedRefreshToken.remainingTTL;
          }
          return 8 * 3600;
        },
      },

      // The token endpoint answers browser code on the client's own origins only (discovery and
      // jwks answer any origin).
      clientBasedCORS(ctx, origin, client) {
        return client.clientId === opt.clientId && corsOrigins.has(origin);
      },

      async renderError(ctx, out) {
        ctx.type = "html";
        ctx.body = page(opt.name, `<h1>${esc(opt.name)}</h1>
<p id="error" class="error" role="alert">${esc(out.error)}: ${esc(out.error_description ?? "")}</p>`);
      },
    };
  }

  function loginPage(uid, { login = "", error } = {}) {
    return page(opt.name, `<h1>${esc(opt.name)}</h1>
${error ? `<p id="error" class="error" role="alert">${esc(error)}</p>` : ""}
<form id="login-form" method="post" action="/interaction/${esc(uid)}/login">
  <label for="login">Account</label>
  <input id="login" name="login" type="text" autocomplete="username" autocapitalize="none" spellcheck="false"
         required value="${esc(login)}"${login ? "" : " autofocus"}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${login ? " autofocus" : ""}>
  <div class="actions">
    <button id="sign-in" type="submit">Sign in</button>
    <button id="cancel" type="submit" formaction="/interaction/${esc(uid)}/abort" formnovalidate>Cancel</button>
  </div>
</form>`);
  }

  function mfaPage(uid, { error } = {}) {
    return page(opt.name, `<h1>${esc(opt.name)}</h1>
<h2 id="mfa-prompt">Enter the code from your authenticator app</h2>
${error ? `<p id="error" class="error" role="alert">${esc(error)}</p>` : ""}
<form id="mfa-form" method="post" action="/interaction/${esc(uid)}/mfa">
  <label for="code">Code</label>
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required autofocus>
  <div class="actions">
    <button id="verify" type="submit">Verify</button>
    <button id="cancel" type="submit" formaction="/interaction/${esc(uid)}/abort" formnovalidate>Cancel</button>
  </div>
</form>`);
  }

  function signedIn(provider, req, res, accountId, mfa) {
    return provider.interactionFinished(req, res, {
      login: { accountId, amr: mfa ? AMR_MFA : AMR_PWD, acr: mfa ? ACR_MFA : ACR_PWD },
    }, { mergeWithLastSubmission: false });
  }

  // GET /interaction/UID shows the page the sign-in is at; POST .../login, .../mfa and .../abort
  // take the forms. The interaction cookie (path /interaction/UID) ties them to one browser.
  async function interaction(provider, req, res, uid, action) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new errors.SessionNotFound("interaction cookie and address differ");
    const { prompt, params } = details;

    if (prompt.name === "consent") {
      // Not reached while loadExistingGrant grants everything; kept so a consent prompt can never
      // strand a test on a page that does not exist.
      const grant = details.grantId ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
      if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
      if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
        grant.addResourceScope(indicator, scopes.join(" "));
      }
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } },
                                         { mergeWithLastSubmission: true });
      return;
    }
    if (prompt.name !== "login") throw new Error(`unexpected prompt ${prompt.name}`);

    for (const [key, pending] of pendingMfa) {
      if (Date.now() - pending.at > interactionTtl * 1000) pendingMfa.delete(key);
    }

    if (req.method === "GET" && !action) {
      const html = pendingMfa.has(uid) ? mfaPage(uid) : loginPage(uid, { login: params.login_hint ?? "" });
      sendHtml(res, 200, html);
      return;
    }
    if (req.method !== "POST" || !action) {
      res.writeHead(405, { Allow: action ? "POST" : "GET" }).end();
      return;
    }
    const form = await readForm(req);

    if (action === "abort") {
      pendingMfa.delete(uid);
      await provider.interactionFinished(req, res, {
        error: "access_denied",
        error_description: "The person cancelled the sign-in",
      }, { mergeWithLastSubmission: false });
      return;
    }

    if (action === "login") {
      const login = String(form.login ?? "").trim().toLowerCase();
      const account = accounts.byUpn.get(login);
      if (!sameSecret(form.password, opt.password) || !account) {
        console.error(`oidc: sign-in refused for "${login}"`);
        sendHtml(res, 200, loginPage(uid, { login: form.login ?? "", error: "Unknown account or wrong password" }));
        return;
      }
      if (wantsMfa(params)) {
        pendingMfa.set(uid, { accountId: account.id, at: Date.now() });
        // Post/redirect/get: reloading the code page does not send the password again.
        res.writeHead(303, { Location: `/interaction/${uid}`, "Cache-Control": "no-store" }).end();
        return;
      }
      await signedIn(provider, req, res, account.id, false);
      return;
    }

    // action === "mfa"
    const pending = pendingMfa.get(uid);
    if (!pending) {
      res.writeHead(303, { Location: `/interaction/${uid}`, "Cache-Control": "no-store" }).end();
      return;
    }
    if (!sameSecret(String(form.code ?? "").replace(/\s+/g, ""), opt.mfaCode)) {
      console.error("oidc: wrong authenticator code");
      sendHtml(res, 200, mfaPage(uid, { error: "Wrong code. Try again." }));
      return;
    }
    pendingMfa.delete(uid);
    await signedIn(provider, req, res, pending.accountId, true);
  }

  function interactionFailed(res, err) {
    if (res.headersSent) {
      res.destroy();
    } else if (err instanceof errors.SessionNotFound) {
      console.error(`oidc: interaction: ${err.error_description ?? err.message}`);
      sendHtml(res, 400, page(opt.name, `<h1>${esc(opt.name)}</h1>
<p id="error" class="error" role="alert">This sign-in has expired or is already finished. Go back to the application and sign in again.</p>`));
    } else {
      console.error("oidc: interaction failed:", err);
      sendHtml(res, 500, page(opt.name, `<h1>${esc(opt.name)}</h1>
<p id="error" class="error" role="alert">Something went wrong.</p>`));
    }
  }

  let provider;
  let callback;
  const server = http.createServer((req, res) => {
    if (!callback) {
      res.writeHead(503, { "Retry-After": "1" }).end();
      return;
    }
    const { pathname } = new URL(req.url, provider.issuer);
    if (pathname === "/favicon.ico") {
      // Browsers ask on every page; a 404 would show up among a test's console errors.
      res.writeHead(204).end();
      return;
    }
    const match = pathname.match(/^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|mfa|abort))?$/);
    if (match) {
      interaction(provider, req, res, match[1], match[2]).catch((err) => interactionFailed(res, err));
    } else {
      callback(req, res);
    }
  });

  server.on("error", (err) => {
    console.error(`provider.mjs: ${err.message}`);
    process.exit(1);
  });

  // The issuer names the port, so the provider is made once the port is known.
  server.listen(opt.port, "127.0.0.1", async () => {
    const issuer = `http://127.0.0.1:${server.address().port}`;
    try {
      provider = new Provider(issuer, configuration(server.address().port));
      // Static clients are checked when first looked up: do it now, so bad metadata (say a
      // redirect URI the library refuses) stops the start instead of the first sign-in.
      await provider.Client.find(opt.clientId);
    } catch (err) {
      console.error(`provider.mjs: ${err.message}${err.error_description ? `: ${err.error_description}` : ""}`);
      process.exit(2);
    }
    const problem = (event) => (ctx, err) => {
      const detail = err.error_detail ? ` (${err.error_detail})` : "";
      console.error(`oidc: ${event}: ${err.error ?? err.message}: ${err.error_description ?? ""}${detail}`);
    };
    for (const event of ["authorization.error", "grant.error", "end_session.error",
                         "end_session_confirm.error", "jwks.error", "discovery.error"]) {
      provider.on(event, problem(event));
    }
    provider.on("server_error", (ctx, err) => console.error("oidc: server error:", err));
    callback = provider.callback();
    process.stdout.write(`oidc: ${issuer}\n`);
  });

  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main();
