// Signing keys as private JWKs, shared by provider.mjs (the test identity provider) and
// mint.mjs (hand-made tokens for negative tests). Only node:crypto: no JOSE library needed.
import { createHash, generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

// What each JWS algorithm needs from a key. RS and PS share RSA keys; each ES size has its curve.
const ALGS = {
  RS256: { kty: "RSA", hash: "sha256" },
  RS384: { kty: "RSA", hash: "sha384" },
  RS512: { kty: "RSA", hash: "sha512" },
  PS256: { kty: "RSA", hash: "sha256", pss: true },
  PS384: { kty: "RSA", hash: "sha384", pss: true },
  PS512: { kty: "RSA", hash: "sha512", pss: true },
  ES256: { kty: "EC", crv: "P-256", hash: "sha256" },
  ES384: { kty: "EC", crv: "P-384", hash: "sha384" },
  ES512: { kty: "EC", crv: "P-521", hash: "sha512" },
};

export function algInfo(alg) {
  return ALGS[alg];
}

export function keyFitsAlg(jwk, alg) {
  const info = ALGS[alg];
  if (!info || jwk.kty !== info.kty) return false;
  if (info.crv && jwk.crv !== info.crv) return false;
  // A key pinned to one algorithm (its "alg") is not used for another.
  if (jwk.alg && jwk.alg !== alg) return false;
  return jwk.use === undefined || jwk.use === "sig";
}

// RFC 7638 thumbprint: SHA-256 over the required public members in lexicographic order.
export function thumbprint(jwk) {
  const members = jwk.kty === "RSA" ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
    : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash("sha256").update(JSON.stringify(members)).digest("base64url");
}

// A fresh private JWK for `alg`; its kid is the thumbprint unless one is given.
export function generateJwk(alg, kid) {
  const info = ALGS[alg];
  if (!info) throw new Error(`unsupported algorithm ${alg} (one of ${Object.keys(ALGS).join(", ")})`);
  const { privateKey } = info.kty === "RSA"
    ? generateKeyPairSync("rsa", { modulusLength: 2048 })
    : generateKeyPairSync("ec", { namedCurve: info.crv });
  const jwk = privateKey.export({ format: "jwk" });
  return { ...jwk, kid: kid ?? thumbprint(jwk), alg, use: "sig" };
}

export function readJwks(file) {
  const jwks = JSON.parse(readFileSync(file, "utf8"));
  if (!Array.isArray(jwks?.keys) || jwks.keys.length === 0) {
    throw new Error(`${file}: not a JWKS (expected {"keys": [...]} with at least one key)`);
  }
  for (const [i, key] of jwks.keys.entries()) {
    if (!["RSA", "EC"].includes(key.kty) || !key.d) {
      throw new Error(`${file}: keys[${i}] is not an RSA or EC private key`);
    }
  }
  return jwks;
}

// Reads the private JWKS in `file`, or creates it (mode 0600: it holds private keys) with one new
// key for `alg`. Without a file the key lives only in memory for this run.
export function loadOrCreateJwks(file, alg) {
  if (!file) return { keys: [generateJwk(alg)], created: false };
  if (existsSync(file)) return { ...readJwks(file), created: false };
  const jwks = { keys: [generateJwk(alg)] };
  writeFileSync(file, `${JSON.stringify(jwks, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  return { ...jwks, created: true };
}

// The public half of a private JWK (what a verifier may see).
export function publicJwk(jwk) {
  const { d, p, q, dp, dq, qi, oth, ...pub } = jwk;
  return pub;
}
