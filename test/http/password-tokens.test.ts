import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { verification } from "../../src/db/schema.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { sendPasswordResets } from "../../src/modules/accounts/send-password-resets.ts";
import {
  addMember,
  createTestOrg,
  lastMail,
  linkIn,
  randomIp,
  resetPassword,
  startTestApp,
  type TestContext,
  tokenOf,
  unique,
} from "../helpers/app.ts";

describe("password links are stored hashed", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await startTestApp();
  });
  after(() => ctx.close());

  /** What someone who reads the verification table learns about a user's open links. */
  async function storedIdentifiers(userId: string) {
    const rows = await ctx.deps.db
      .select({ identifier: verification.identifier })
      .from(verification)
      .where(eq(verification.value, userId));
    return rows.map((r) => r.identifier);
  }

  /** Every way a stored identifier could be replayed as a link token. */
  const replays = (identifier: string) => [identifier, identifier.replace(/^reset-password:/, "")];

  async function assertHashedAndUnusable(userId: string, token: string) {
    const stored = await storedIdentifiers(userId);
    assert.ok(stored.length > 0, "the link has a verification row");
    for (const identifier of stored) {
      assert.ok(!identifier.includes(token), "the token itself is not in the database");
      for (const replay of replays(identifier)) {
        const res = await resetPassword(ctx.app, replay, "a stolen-row passphrase");
        assert.equal(res.statusCode, 400, `a stored identifier does not work as a token: ${res.body}`);
      }
    }
  }

  it("keeps only a hash of a set-password link's token, and the link still works", async () => {
    const email = `owner-${unique()}@example.test`;
    const { owner, signInLink } = await createOrganization(ctx.deps, {
      name: "Hashed links",
      slug: `hashed-${unique()}`,
      ownerEmail: email,
    });
    const token = tokenOf(signInLink);
    await assertHashedAndUnusable(owner.id, token);
    const set = await resetPassword(ctx.app, token, "the owner's own passphrase");
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(await storedIdentifiers(owner.id), [], "a used link is gone");
  });

  it("keeps only a hash of an e-mailed password-reset token, and the e-mailed link still works", async () => {
    const org = await createTestOrg(ctx);
    const email = `reset-${unique()}@example.test`;
    const u = await addMember(ctx, org.orgId, email, "analyst");
    const asked = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/request-password-reset",
      remoteAddress: randomIp(),
      payload: { email, redirectTo: "http://localhost:3000/app/reset-password" },
    });
    assert.equal(asked.statusCode, 200, asked.body);
    await sendPasswordResets(ctx.deps);
    const mail = await lastMail(ctx.deps, email, "password_reset");
    const link = new URL(linkIn(mail.text, /\/api\/auth\/reset-password\//));
    const token = decodeURIComponent(link.pathname.split("/").at(-1) ?? "");
    assert.ok(token.length >= 24);
    await assertHashedAndUnusable(u.id, token);
    const opened = await ctx.app.inject({ url: link.pathname + link.search });
    assert.equal(new URL(String(opened.headers.location)).searchParams.get("token"), token);
    const reset = await resetPassword(ctx.app, token, "a brand new passphrase 42");
    assert.equal(reset.statusCode, 200, reset.body);
  });
});
