// Signs arbitrary JWTs for negative tests of a token verifier: any header and payload, signed
// with the provider's own key (so only the claims are wrong), with a fresh key nobody trusts, or
// not at all. Prints the compact JWS to stdout.
//
//   node tests/e2e/oidc/mint.mjs --keys FILE --header JSON --payload JSON
//   node tests/e2e/oidc/mint.mjs --fresh-key --header JSON --payload JSON
//
// The header's "alg" picks the algorithm: RS256/384/512, PS256/384/512, ES256/384/512 (with a key
// from FILE that fits it; ES signatures in JOSE's raw r||s form), "none" (empty signature), or
// HS256/384/512 keyed with --hmac-secret TEXT or else with the PEM of FILE's public key (the
// classic RS/HS key confusion). "kid" defaults to the key's kid, unless the header sets one;
// "kid": null leaves it out. The header and payload are written exactly as given otherwise.
import { constants, createHmac, createPrivateKey, createPublicKey, sign } from "node:crypto";
import { parseArgs } from "node:util";

import { algInfo, generateJwk, keyFitsAlg, publicJwk, readJwks } from "./keys.mjs";

const USAGE = `usage: node tests/e2e/oidc/mint.mjs (--keys FILE | --fresh-key) --header JSON --payload JSON
  [--hmac-secret TEXT]`;

function die(message, code = 1) {
  console.error(`mint.mjs: ${message}${code === 2 ? `\n${USAGE}` : ""}`);
  process.exit(code);
}

function parseJson(name, text) {
  try {
    return JSON.parse(text);
  } catch (err) {
    return die(`--${name} is not JSON: ${err.message}`, 2);
  }
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      keys: { type: "string" },
      header: { type: "string" },
      payload: { type: "string" },
      "fresh-key": { type: "boolean", default: false },
      "hmac-secret": { type: "string" },
    },
  }));
} catch (err) {
  die(err.message, 2);
}
if (values.header === undefined || values.payload === undefined) die("--header and --payload are required", 2);
const header = parseJson("header", values.header);
const payload = parseJson("payload", values.payload);
if (typeof header !== "object" || header === null || Array.isArray(header)) die("--header must be a JSON object", 2);
const { alg } = header;
if (typeof alg !== "string") die('the header needs an "alg"', 2);

const hmacHash = { HS256: "sha256", HS384: "sha384", HS512: "sha512" }[alg];
const needsKey = alg !== "none" && !(hmacHash && values["hmac-secret"] !== undefined);

// The key: fresh (its kid only from the header), or FILE's first key that fits the algorithm,
// preferring the one the header's kid names.
let jwk;
if (needsKey) {
  const keyAlg = hmacHash ? undefined : alg;
  if (!hmacHash && !algInfo(alg)) die(`unsupported alg ${alg}`);
  if (values["fresh-key"]) {
    if (hmacHash) die("--fresh-key makes no sense for HS*: give --hmac-secret");
    jwk = generateJwk(alg, typeof header.kid === "string" ? header.kid : undefined);
    if (typeof header.kid !== "string") delete jwk.kid;
  } else {
    if (values.keys === undefined) die("give --keys FILE or --fresh-key", 2);
    let keys;
    try {
      ({ keys } = readJwks(values.keys));
    } catch (err) {
      die(err.message);
    }
    // Unlike the provider, ignore a key's own "alg": RS512 with the RS256 key is a fair test.
    const fitting = hmacHash ? keys : keys.filter((k) => keyFitsAlg({ ...k, alg: undefined }, keyAlg));
    jwk = fitting.find((k) => k.kid === header.kid) ?? fitting[0];
    if (!jwk) die(`${values.keys} has no key for ${alg}`);
    if (!("kid" in header) && jwk.kid !== undefined) header.kid = jwk.kid;
  }
}
if (header.kid === null) delete header.kid;

const encode = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
const signingInput = `${encode(header)}.${encode(payload)}`;

let signature;
if (alg === "none") {
  signature = Buffer.alloc(0);
} else if (hmacHash) {
  const secret = values["hmac-secret"]
    ?? createPublicKey({ key: publicJwk(jwk), format: "jwk" }).export({ type: "spki", format: "pem" });
  signature = createHmac(hmacHash, secret).update(signingInput).digest();
} else {
  const info = algInfo(alg);
  const key = createPrivateKey({ key: jwk, format: "jwk" });
  const options = info.kty === "EC" ? { key, dsaEncoding: "ieee-p1363" }
    : info.pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : key;
  signature = sign(info.hash, Buffer.from(signingInput), options);
}

process.stdout.write(`${signingInput}.${signature.toString("base64url")}\n`);
