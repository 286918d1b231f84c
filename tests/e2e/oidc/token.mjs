// Signs in at an OpenID Connect provider without a browser, for API tests: the authorization code
// flow with PKCE (S256), state and nonce, driven with fetch and a small cookie jar through the
// sign-in pages of provider.mjs. Prints the token endpoint's JSON response to stdout.
//
//   node tests/e2e/oidc/token.mjs --issuer URL --client-id ID --redirect URI --user UPN --password PW
//     [--mfa-code CODE] [--acr-values urn:roomkeeper:mfa] [--claims JSON] [--scope SCOPES] [--prompt login]
//
// Exits 1 with the reason on stderr when the sign-in or the exchange fails (say a wrong password).
import { createHash, createPublicKey, randomBytes, verify, constants } from "node:crypto";
import { parseArgs } from "node:util";

import { algInfo } from "./keys.mjs";

const USAGE = `usage: node tests/e2e/oidc/token.mjs --issuer URL --client-id ID --redirect URI --user UPN --password PW
  [--mfa-code CODE] [--acr-values VALUES] [--claims JSON] [--scope SCOPES] [--prompt PROMPT]`;

class Failure extends Error {}
const fail = (message) => { throw new Failure(message); };

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        issuer: { type: "string" },
        "client-id": { type: "string" },
        redirect: { type: "string" },
        user: { type: "string" },
        password: { type: "string" },
        "mfa-code": { type: "string" },
        "acr-values": { type: "string" },
        claims: { type: "string" },
        scope: { type: "string", default: "openid profile email offline_access" },
        prompt: { type: "string" },
      },
    }));
  } catch (err) {
    console.error(`token.mjs: ${err.message}\n${USAGE}`);
    process.exit(2);
  }
  for (const name of ["issuer", "client-id", "redirect", "user", "password"]) {
    if (values[name] === undefined) {
      console.error(`token.mjs: --${name} is required\n${USAGE}`);
      process.exit(2);
    }
  }
  return { ...values, issuer: values.issuer.replace(/\/+$/, "") };
}

// Enough of a cookie jar for one host: name, value and path; a cookie set empty or already
// expired is removed (that is how the provider clears its interaction cookies).
class CookieJar {
  #cookies = new Map();

  store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let cookiePath = "/";
      let expired = value === "";
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.split("=");
        const val = rest.join("=").trim();
        switch (key.trim().toLowerCase()) {
          case "path": cookiePath = val || "/"; break;
          case "max-age": if (Number(val) <= 0) expired = true; break;
          case "expires": if (Date.parse(val) <= Date.now()) expired = true; break;
        }
      }
      const key = `${name}\n${cookiePath}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path: cookiePath });
    }
  }

  header(url) {
    const { pathname } = new URL(url);
    const matches = (p) => pathname === p || pathname.startsWith(p.endsWith("/") ? p : `${p}/`);
    return [...this.#cookies.values()].filter((c) => matches(c.path)).map((c) => `${c.name}=${c.value}`).join("; ");
  }
}

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const decodePart = (part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
const unescapeHtml = (s) => s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&amp;/g, "&");

// The action of the form with this id on one of provider.mjs's pages.
function formAction(html, id) {
  const tag = html.match(new RegExp(`<form\\b[^>]*\\bid="${id}"[^>]*>`))?.[0];
  const action = tag?.match(/\baction="([^"]*)"/)?.[1];
  return action === undefined ? undefined : unescapeHtml(action);
}

function pageError(html) {
  const text = html.match(/<p\b[^>]*\bid="error"[^>]*>([\s\S]*?)<\/p>/)?.[1];
  return text && unescapeHtml(text.replace(/<[^>]+>/g, "")).trim();
}

// Checks a JWS from the provider against its published keys (node:crypto, RS*/PS*/ES*).
function verifyJws(jws, jwks) {
  const [h, p, s] = jws.split(".");
  const header = decodePart(h);
  const info = algInfo(header.alg) ?? fail(`ID token signed with unexpected alg ${header.alg}`);
  const jwk = jwks.keys.find((k) => k.kid === header.kid) ?? fail(`no key ${header.kid} in the provider's jwks`);
  const key = createPublicKey({ key: jwk, format: "jwk" });
  const options = info.kty === "EC" ? { key, dsaEncoding: "ieee-p1363" }
    : info.pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : key;
  if (!verify(info.hash, Buffer.from(`${h}.${p}`), options, Buffer.from(s, "base64url"))) {
    fail("ID token signature does not verify");
  }
  return decodePart(p);
}

async function signIn(opt) {
  const jar = new CookieJar();
  const request = async (url, init = {}) => {
    const headers = { ...init.headers };
    const cookie = jar.header(url);
    if (cookie) headers.Cookie = cookie;
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    jar.store(response);
    return response;
  };
  const getJson = async (url) => {
    const response = await fetch(url);
    if (!response.ok) fail(`${url}: HTTP ${response.status}`);
    return response.json();
  };
  const postForm = (url, fields) => request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });

  const discovery = await getJson(`${opt.issuer}/.well-known/openid-configuration`);
  if (discovery.issuer !== opt.issuer) fail(`discovery names issuer ${discovery.issuer}, not ${opt.issuer}`);

  const verifier = b64url(randomBytes(32));
  const state = b64url(randomBytes(16));
  const nonce = b64url(randomBytes(16));
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: opt["client-id"],
    redirect_uri: opt.redirect,
    response_type: "code",
    scope: opt.scope,
    state,
    nonce,
    code_challenge: b64url(createHash("sha256").update(verifier).digest()),
    code_challenge_method: "S256",
    login_hint: opt.user,
    ...(opt["acr-values"] ? { acr_values: opt["acr-values"] } : {}),
    ...(opt.claims ? { claims: opt.claims } : {}),
    ...(opt.prompt ? { prompt: opt.prompt } : {}),
  }).toString();

  // Follow redirects and fill in the pages until the provider sends us to the redirect URI.
  const redirect = new URL(opt.redirect);
  const atRedirect = (url) => url.origin === redirect.origin && url.pathname === redirect.pathname;
  let response = await request(authorize.href);
  let url = authorize;
  let callback;
  for (let step = 0; step < 20 && !callback; step++) {
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get("location") ?? fail(`${url}: redirect without Location`), url);
      if (atRedirect(next)) {
        callback = next;
        break;
      }
      url = next;
      response = await request(url.href);
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) fail(`${url.pathname}: HTTP ${response.status}: ${pageError(html) ?? html.slice(0, 200)}`);
    let action = formAction(html, "login-form");
    if (action !== undefined) {
      if (url.pathname.endsWith("/login")) fail(pageError(html) ?? "the sign-in page came back");
      url = new URL(action, url);
      response = await postForm(url.href, { login: opt.user, password: opt.password });
      continue;
    }
    action = formAction(html, "mfa-form");
    if (action !== undefined) {
      if (url.pathname.endsWith("/mfa")) fail(pageError(html) ?? "the code page came back");
      if (opt["mfa-code"] === undefined) fail("the provider asks for an authenticator code: give --mfa-code");
      url = new URL(action, url);
      response = await postForm(url.href, { code: opt["mfa-code"] });
      continue;
    }
    fail(`${url.pathname}: unexpected page: ${pageError(html) ?? html.slice(0, 200)}`);
  }
  if (!callback) fail("the sign-in did not come back to the redirect URI");

  const result = callback.searchParams;
  if (result.get("state") !== state) fail("state in the redirect does not match the request");
  // RFC 9207: the response names its issuer (a mix-up defence).
  if (result.has("iss") && result.get("iss") !== opt.issuer) fail(`redirect from issuer ${result.get("iss")}`);
  if (result.has("error")) fail(`${result.get("error")}: ${result.get("error_description") ?? ""}`);
  const code = result.get("code") ?? fail("no code in the redirect");

  const tokenResponse = await fetch(discovery.token_endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: opt.redirect,
      client_id: opt["client-id"],
      code_verifier: verifier,
    }).toString(),
  });
  const tokens = await tokenResponse.json().catch(() => fail(`token endpoint: HTTP ${tokenResponse.status}, not JSON`));
  if (!tokenResponse.ok) fail(`token endpoint: ${tokens.error}: ${tokens.error_description ?? ""}`);

  if (tokens.id_token) {
    const claims = verifyJws(tokens.id_token, await getJson(discovery.jwks_uri));
    if (claims.nonce !== nonce) fail("nonce in the ID token does not match the request");
    if (claims.iss !== opt.issuer) fail(`ID token from issuer ${claims.iss}`);
    if (![claims.aud].flat().includes(opt["client-id"])) fail(`ID token for audience ${claims.aud}`);
  }
  return tokens;
}

const opt = parseOptions();
try {
  process.stdout.write(`${JSON.stringify(await signIn(opt))}\n`);
} catch (err) {
  console.error(`token.mjs: ${err instanceof Failure ? err.message : err.stack ?? err}`);
  process.exit(1);
}
