import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import type { TPasswordHasher } from "../../src/auth/auth.ts";

// Tests hash a password for every user they create and check it on every sign-in; production scrypt
// (N=16384) costs tens of milliseconds each. A salted scrypt with N=16 keeps the same code path and format
// checks (a wrong password still fails) at a fraction of the cost. Never used outside the test suite.
const COST = { N: 16, r: 1, p: 1 };

function derive(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, 32, COST, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A cheap salted scrypt for tests only. */
export const fastPasswordHasher: TPasswordHasher = {
  async hash(password) {
    const salt = randomBytes(16).toString("hex");
    return `${salt}:${(await derive(password, salt)).toString("hex")}`;
  },
  async verify({ hash, password }) {
    const [salt, key] = hash.split(":");
    if (!salt || !key) return false;
    const expected = Buffer.from(key, "hex");
    const actual = await derive(password, salt);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  },
};
