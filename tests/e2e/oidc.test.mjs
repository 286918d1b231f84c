// Issue #13 end to end: the portal as a static site (a plain file server, with config.json), the
// service on another origin (--allow-origin, --oidc-*), and a real OpenID provider (npm
// oidc-provider, tests/e2e/oidc/provider.mjs) where a person types account and password.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { clickItem, item, launchBrowser, root, screenshot, settle } from "./harness.mjs";

const PASSWORD = "roomkeeper-demo";
const MFA_CODE = "246810";
const world = JSON.parse(readFileSync(path.join(root, "assets/demo/world.json"), "utf8"));
const CONTOSO = world.tenants.find((t) => t.name === "Contoso").id;
const ACCESS_TTL = 10; // seconds: short, so the test sees a renewal

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// Starts a child and resolves with the first match of `ready` in its output.
function start(cmd, args, ready, options = {}) {
  const proc = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], ...options });
  let output = "";
  const found = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start:\n${output}`)), 30000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(ready);
      if (m) { clearTimeout(timer); resolve(m); }
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", onData);
    proc.on("exit", (code) => { clearTimeout(timer); reject(new Error(`${cmd} exited ${code}:\n${output}`)); });
  });
  return { proc, found, log: () => output };
}

const env = {};
before(async () => {
  env.scratch = mkdtempSync(path.join(tmpdir(), "rk-oidc-"));
  const sitePort = await freePort();
  env.site = `http://127.0.0.1:${sitePort}/`;
  const idp = start("node", ["tests/e2e/oidc/provider.mjs", "--port", "0", "--redirect", env.site,
                             "--post-logout", env.site, "--access-ttl", String(ACCESS_TTL),
                             "--name", "Roomkeeper Test ID"], /oidc: (http:\/\/127\.0\.0\.1:\d+)/);
  env.idp = idp;
  env.issuer = (await idp.found)[1];
  const trm = start(path.join(root, "build/native/src/server/trm-server"),
                    ["--listen", "127.0.0.1:0", "--db", path.join(env.scratch, "trm.sqlite"),
                     "--seed", path.join(root, "assets/demo/world.json"),
                     "--oidc-issuer", env.issuer, "--oidc-audience", "trm-api",
                     "--allow-origin", env.site.replace(/\/$/, "")], /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  env.trm = trm;
  env.api = (await trm.found)[1];
  // The site exactly as built, plus its deployment's config.json, on a plain file server.
  env.siteDir = path.join(env.scratch, "site");
  cpSync(path.join(root, "build/web/portal"), env.siteDir, { recursive: true });
  writeFileSync(path.join(env.siteDir, "config.json"), JSON.stringify({
    service: `${env.api}/api/v1`,
    oidc: { issuer: env.issuer, clientId: "roomkeeper-portal", scopes: "openid profile email offline_access",
            name: "Roomkeeper Test ID", mfaAcrValues: "urn:roomkeeper:mfa" },
  }));
  env.files = start("python3", ["-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", env.siteDir,
                                String(sitePort)], /Serving HTTP/);
  await env.files.found;
  env.chrome = await launchBrowser();
});

after(async () => {
  await env.chrome?.close();
  for (const p of [env.files, env.trm, env.idp]) if (p && p.proc.exitCode === null) p.proc.kill("SIGTERM");
  rmSync(env.scratch, { recursive: true, force: true });
});

async function newPage() {
  const context = await env.chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  return { context, page, errors };
}

const ready = (page) => page.waitForFunction(() => window.__roomkeeper && window.__roomkeeper.ready === true,
                                             null, { timeout: 30000 });
const signedIn = (page) => page.waitForFunction(() => /^Signed in as /.test(window.__roomkeeper.status), null,
                                                { timeout: 20000 });
// Live data: the rooms list shows at least one room.
const anyRoom = (page) => page.waitForFunction(
  () => Object.keys(window.__roomkeeper.items || {}).some((l) => l.startsWith("Room:")), null, { timeout: 15000 });
// Clicks a control that leaves the page (to the provider): no waiting for the app to settle.
async function clickAway(page, label) {
  const it = await item(page, label);
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
}
const token = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem("roomkeeper.oidc") || "null"));

// At the provider's page: account and password, as a person types them.
async function providerLogin(page, upn) {
  await page.waitForURL((u) => u.href.startsWith(env.issuer), { timeout: 15000 });
  await page.fill("#login", upn);
  await page.fill("#password", PASSWORD);
  await page.click("#sign-in");
}

async function signInThroughProvider(page, url, upn) {
  await page.goto(url);
  await ready(page);
  await page.waitForSelector("#signin-provider:not([hidden])");
  await page.click("#signin-provider");
  await providerLogin(page, upn);
  await page.waitForURL((u) => u.href.startsWith(env.site), { timeout: 15000 });
  await ready(page);
  await signedIn(page);
  await settle(page);
}

test("a partner signs in at the provider, keeps the deep link, reloads, is renewed, signs out", async () => {
  const { context, page, errors } = await newPage();
  const deepLink = `${env.site}#/tenants/${CONTOSO}/rooms`;
  await page.goto(deepLink);
  await ready(page);
  // The card offers the provider, and no typed dev sign-in: this service has none.
  await page.waitForSelector("#signin-provider:not([hidden])");
  assert.equal(await page.textContent("#signin-provider"), "Sign in with Roomkeeper Test ID");
  assert.equal(await page.isVisible("#signin-upn"), false);
  await page.waitForTimeout(300);
  await screenshot(page, "oidc-1-sign-in-card.png");

  const authorizeRequest = page.waitForRequest((r) => r.url().startsWith(env.issuer) && r.url().includes("code_challenge="));
  await page.click("#signin-provider");
  const authorize = new URL((await authorizeRequest).url());
  await page.waitForURL((u) => u.href.startsWith(env.issuer));
  // The request the page made: PKCE S256, state and nonce, the page itself as redirect URI.
  assert.equal(authorize.searchParams.get("code_challenge_method"), "S256");
  assert.ok(authorize.searchParams.get("state") && authorize.searchParams.get("nonce"));
  assert.equal(authorize.searchParams.get("redirect_uri"), env.site);
  await screenshot(page, "oidc-2-provider-login.png");
  await providerLogin(page, "nia@northwind.example");
  await page.waitForURL((u) => u.href.startsWith(env.site));
  await ready(page);
  await signedIn(page);
  await settle(page);
  // Back on the deep link, code and state gone from the address bar, with live data.
  assert.equal(page.url(), deepLink);
  await anyRoom(page);
  await screenshot(page, "oidc-3-signed-in.png");
  const first = await token(page);
  assert.ok(first.access_token && first.refresh_token);

  // A reload keeps the session: no provider page, straight back in.
  await page.reload();
  await ready(page);
  await signedIn(page);
  assert.equal(page.url(), deepLink);
  await anyRoom(page);

  // The access token expires after ACCESS_TTL s; the page renews it before, unnoticed.
  await page.waitForFunction((old) => {
    const t = JSON.parse(sessionStorage.getItem("roomkeeper.oidc") || "null");
    return t && t.access_token !== old;
  }, first.access_token, { timeout: (ACCESS_TTL + 10) * 1000 });
  await page.waitForTimeout(Math.max(0, first.expires_at * 1000 - Date.now()) + 2000); // the old one is gone
  await clickItem(page, "Tab:Incidents");
  await clickItem(page, "Tab:Rooms");
  await anyRoom(page);
  assert.equal(await page.isVisible("#signin"), false);

  // Sign out: through the provider's end-session page, back to the card.
  await clickItem(page, "User menu");
  await clickAway(page, "Sign out");
  await page.waitForURL((u) => u.href.startsWith(env.issuer));
  await page.click("#logout-yes");
  await page.waitForURL((u) => u.href.startsWith(env.site));
  await ready(page);
  await page.waitForSelector("#signin-provider:not([hidden])");
  assert.equal(await token(page), null);
  // The provider session is over too: signing in asks for the password again.
  await page.click("#signin-provider");
  await page.waitForURL((u) => u.href.startsWith(env.issuer));
  assert.ok(await page.isVisible("#password"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a cancelled sign-in and an unknown account are explained, in both languages", async () => {
  const { context, page } = await newPage();
  await page.goto(env.site);
  await ready(page);
  await page.click("#signin-provider");
  await page.waitForURL((u) => u.href.startsWith(env.issuer));
  // The provider refuses a wrong password on its own page.
  await page.fill("#login", "nia@northwind.example");
  await page.fill("#password", "not-the-password");
  await page.click("#sign-in");
  assert.match(await page.textContent("#error"), /Unknown account or wrong password/);
  await page.click("#cancel");
  await page.waitForURL((u) => u.href.startsWith(env.site));
  await ready(page);
  await page.waitForSelector("#signin-provider-error:not([hidden])");
  assert.match(await page.textContent("#signin-provider-error"), /cancelled or refused/);
  await screenshot(page, "oidc-4-cancelled.png");

  // In Italian.
  await page.selectOption("#signin-language", "it");
  await page.click("#signin-provider");
  await page.waitForURL((u) => u.href.startsWith(env.issuer));
  await page.click("#cancel");
  await page.waitForURL((u) => u.href.startsWith(env.site));
  await ready(page);
  await page.waitForSelector("#signin-provider-error:not([hidden])");
  assert.equal(await page.textContent("#signin-provider"), "Accedi con Roomkeeper Test ID");
  assert.match(await page.textContent("#signin-provider-error"), /annullato o rifiutato/);
  await page.evaluate(() => localStorage.clear());
  await context.close();
});

test("a customer requires MFA: the partner sees why, steps up at the provider, and works", async () => {
  // Contoso's MMR Admin turns the condition on (through the API, with the provider's token).
  const { context: adminContext, page: admin } = await newPage();
  await signInThroughProvider(admin, env.site, "admin@contoso.example");
  const set = await admin.evaluate(async ([api, tenant]) => {
    const t = JSON.parse(sessionStorage.getItem("roomkeeper.oidc")).access_token;
    const r = await fetch(`${api}/api/v1/tenants/${tenant}/settings`, {
      method: "PATCH", headers: { Authorization: `Bearer ${t}`, "Content-Type": "application/json" },
      body: JSON.stringify({ requirePartnerMfa: true }) });
    return r.status;
  }, [env.api, CONTOSO]);
  assert.equal(set, 200);
  await adminContext.close();

  const { context, page, errors } = await newPage();
  await signInThroughProvider(page, `${env.site}#/tenants/${CONTOSO}/rooms`, "nia@northwind.example");
  const why = await item(page, "Sign in again with MFA");
  assert.ok(why.enabled);
  await clickItem(page, "Tenant switcher");
  await screenshot(page, "oidc-5-mfa-required.png");
  await page.keyboard.press("Escape");
  await settle(page);
  await clickAway(page, "Sign in again with MFA");
  // prompt=login: the password again, then the authenticator code.
  await providerLogin(page, "nia@northwind.example");
  await page.waitForSelector("#code");
  await screenshot(page, "oidc-6-provider-mfa.png");
  await page.fill("#code", MFA_CODE);
  await page.click("#verify");
  await page.waitForURL((u) => u.href.startsWith(env.site));
  await ready(page);
  await signedIn(page);
  await anyRoom(page);
  assert.equal(page.url(), `${env.site}#/tenants/${CONTOSO}/rooms`);
  assert.deepEqual(errors, []);
  await context.close();
});
