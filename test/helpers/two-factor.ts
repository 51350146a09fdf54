import assert from "node:assert/strict";
import { base32Decode, totpCode, totpStep } from "../../src/auth/totp.ts";
import type { KajaApp } from "../../src/app.ts";
import { cookiesFrom, randomIp, type Session, TEST_PASSWORD } from "./app.ts";

export const ORIGIN = "http://localhost:3000";

/** The session with the cookies of a response replacing those of the same name. */
export function withCookies(s: Session, setCookie: string | string[] | undefined): Session {
  const fresh = cookiesFrom(setCookie);
  const names = new Set(fresh.map((c) => c.split("=")[0]));
  const kept = s.cookie.split("; ").filter((c) => !names.has(c.split("=")[0]));
  return { ...s, cookie: [...kept, ...fresh.filter((c) => !/=$/.test(c))].join("; ") };
}

/** A POST to better-auth as the browser sends it (same origin, a client address of its own). */
export function authPost(app: KajaApp, url: string, payload: object, cookie?: string) {
  return app.inject({
    method: "POST",
    url: `/api/auth${url}`,
    remoteAddress: randomIp(),
    headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}) },
    payload,
  });
}

export interface Enrolment {
  /** The secret as an authenticator app reads it from the QR code. */
  secret: Buffer;
  backupCodes: string[];
  /** The session after enrolment (better-auth replaces it when 2FA is switched on). */
  session: Session;
  /** The time step of the code that confirmed enrolment. */
  usedStep: number;
}

/** The code an authenticator app shows for `secret` at `step` (default: now). */
export const codeFor = (secret: Buffer, step = totpStep()) => totpCode(secret, step);

/** Enrols the signed-in user in two-factor sign-in and confirms it with a code computed from the secret. */
export async function enrolTwoFactor(app: KajaApp, s: Session, password = TEST_PASSWORD): Promise<Enrolment> {
  const enabled = await authPost(app, "/two-factor/enable", { password }, s.cookie);
  assert.equal(enabled.statusCode, 200, enabled.body);
  const { totpURI, backupCodes } = enabled.json() as { totpURI: string; backupCodes: string[] };
  const uri = new URL(totpURI);
  assert.equal(uri.protocol, "otpauth:");
  const secret = base32Decode(uri.searchParams.get("secret") ?? "");
  const usedStep = totpStep();
  const confirmed = await authPost(
    app,
    "/two-factor/verify-totp",
    { code: codeFor(secret, usedStep) },
    s.cookie,
  );
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  return { secret, backupCodes, session: withCookies(s, confirmed.headers["set-cookie"]), usedStep };
}
