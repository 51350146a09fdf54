import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { z } from "zod";
import { effectiveRules } from "../../src/modules/distribution/contact-rules.ts";
import { decideInvitation } from "../../src/modules/distribution/decide-invitation.ts";
import {
  eventInvitationId,
  newUuid,
  placeholderTokenHash,
} from "../../src/modules/distribution/invitation-ids.ts";

const rules = effectiveRules("Europe/Tallinn", null);
const friday16 = new Date("2026-06-19T13:00:00Z");
const person = { email: "mari@example.test", emailInvalidAt: null, optedOutAt: null, lastSurveyedAt: null };
const decide = (o: Partial<Parameters<typeof decideInvitation>[0]>) =>
  decideInvitation({ contact: person, duplicate: false, occurredAt: friday16, now: friday16, rules, ...o });

describe("decideInvitation", () => {
  it("schedules a reachable person on the next working day's window start", () => {
    assert.deepEqual(decide({}), { state: "scheduled", sendAt: new Date("2026-06-22T06:00:00Z") });
  });

  it("checks in order: no address, invalid address, opt-out, duplicate, then the rules", () => {
    const all = {
      email: "x@example.test",
      emailInvalidAt: friday16,
      optedOutAt: friday16,
      lastSurveyedAt: friday16,
    };
    const reason = (o: Partial<Parameters<typeof decideInvitation>[0]>) => {
      const d = decide(o);
      return d.state === "skipped" ? d.reason : d.state;
    };
    assert.equal(reason({ contact: null }), "no_address");
    assert.equal(reason({ contact: { ...all, email: null }, duplicate: true }), "no_address");
    assert.equal(reason({ contact: all, duplicate: true }), "invalid_address");
    assert.equal(reason({ contact: { ...all, emailInvalidAt: null }, duplicate: true }), "opted_out");
    assert.equal(
      reason({ contact: { ...person, lastSurveyedAt: friday16 }, duplicate: true }),
      "duplicate_event",
    );
    assert.equal(reason({ contact: { ...person, lastSurveyedAt: friday16 } }), "quarantine");
    assert.equal(reason({ occurredAt: new Date("2026-06-01T10:00:00Z") }), "expired");
    const summer = effectiveRules("Europe/Tallinn", {
      blackouts: [{ from: "2026-06-20", to: "2026-08-16" }],
    });
    assert.equal(reason({ rules: summer }), "blackout");
  });
});

describe("invitation ids", () => {
  it("an event's id is a stable RFC 9562 UUID (version 8) of organisation, survey, contact and instant", () => {
    const id = eventInvitationId("org", "survey", "contact", friday16);
    assert.ok(z.uuid().safeParse(id).success, id);
    assert.equal(id[14], "8");
    assert.equal(id, eventInvitationId("org", "survey", "contact", new Date(friday16.getTime())));
    assert.notEqual(id, eventInvitationId("org", "survey", "contact", new Date(friday16.getTime() + 1)));
    assert.notEqual(id, eventInvitationId("org", "other", "contact", friday16));
    assert.notEqual(id, eventInvitationId("org2", "survey", "contact", friday16));
  });

  it("an event's id is the one stored by earlier versions (SHA-256 of the four, version and variant bits set)", () => {
    // Written out here as it was computed before ids were built into one flat string: a repeated event must
    // still find the invitations stored then.
    const h = createHash("sha256").update(`o1\ns1\nc1\n${friday16.toISOString()}`).digest();
    h[6] = (h[6] & 0x0f) | 0x80;
    h[8] = (h[8] & 0x3f) | 0x80;
    const hex = h.subarray(0, 16).toString("hex");
    const old = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    assert.equal(eventInvitationId("o1", "s1", "c1", friday16), old);
  });

  it("new ids are distinct random UUIDs (version 4)", () => {
    const ids = Array.from({ length: 2000 }, newUuid);
    for (const id of ids)
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(new Set(ids).size, ids.length);
  });

  it("placeholder token hashes are unique SHA-256 hex values", () => {
    const a = placeholderTokenHash();
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.notEqual(a, placeholderTokenHash());
  });
});
