import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { ZEmail } from "../../src/http/strict-input.ts";
import { bulkRowToItem, parseOccurredAt } from "../../src/modules/distribution/bulk-row.ts";
import {
  contactLocale,
  contactPhone,
  parseEmail,
  ZContactLocale,
  ZPhone,
} from "../../src/modules/distribution/contact-input.ts";
import { copyLine, copyText } from "../../src/modules/distribution/copy-rows.ts";
import {
  DELIVERY_NAMES,
  deliveryLine,
  INVITATION_NAMES,
  invitationLine,
  type TInvitationRow,
} from "../../src/modules/distribution/invitation-rows.ts";
import { csvRows, xlsxRows } from "../../src/modules/distribution/read-bulk-file.ts";

const TZ = "Europe/Tallinn";
const now = new Date("2026-06-19T13:00:00Z");
const item = (values: Record<string, string>) => bulkRowToItem({ line: 2, values }, { now, timeZone: TZ });

describe("bulk rows", () => {
  it("reads contact times in the organisation's time zone unless they carry an offset", () => {
    const iso = (v: string) => parseOccurredAt(v, TZ)?.toISOString();
    assert.equal(iso("2026-06-19"), "2026-06-18T21:00:00.000Z", "midnight EEST");
    assert.equal(iso("2026-06-19 16:00"), "2026-06-19T13:00:00.000Z");
    assert.equal(iso("2026-01-19T16:00:30"), "2026-01-19T14:00:30.000Z", "EET in winter");
    assert.equal(iso("19.06.2026 9:05"), "2026-06-19T06:05:00.000Z");
    assert.equal(iso("19.6.2026"), "2026-06-18T21:00:00.000Z");
    assert.equal(iso("2026-06-19T16:00:00Z"), "2026-06-19T16:00:00.000Z");
    assert.equal(iso("2026-06-19T16:00:00+02:00"), "2026-06-19T14:00:00.000Z");
    for (const bad of ["eile", "2026-02-30", "31.02.2026", "2026-06-19T25:00", "1718805600"]) {
      assert.equal(parseOccurredAt(bad, TZ), null, bad);
    }
  });

  it("a row's contact time is parseOccurredAt's, each time it comes and in each time zone", () => {
    const texts = ["2026-06-18 16:00", "18.06.2026 9:05", "2026-06-18T16:00:00Z", "eile", "2026-02-30"];
    for (const timeZone of [TZ, "America/New_York", TZ]) {
      for (const text of [...texts, ...texts]) {
        const row = bulkRowToItem(
          { line: 2, values: { email: "a@example.test", occurred_at: text } },
          { now, timeZone },
        );
        assert.equal(
          row.occurredAt?.getTime() ?? null,
          parseOccurredAt(text, timeZone)?.getTime() ?? null,
          text,
        );
      }
    }
    const first = item({ email: "a@example.test", occurred_at: "2026-06-18 16:00" }).occurredAt;
    const again = item({ email: "a@example.test", occurred_at: "2026-06-18 16:00" }).occurredAt;
    assert.notEqual(first, again, "each row its own instant");
  });

  it("normalises the contact and marks rows that cannot be scheduled, with the column", () => {
    const ok = item({ email: " Mari@Example.TEST ", locale: "ru-RU", name: "Mari", phone: "5555 1234" });
    assert.equal(ok.invalid, undefined);
    assert.deepEqual(ok.contact, {
      email: "mari@example.test",
      externalId: null,
      name: "Mari",
      locale: "ru",
      phone: "5555 1234",
    });
    assert.equal(ok.occurredAt?.getTime(), now.getTime(), "no occurred_at: now");
    assert.equal(item({ email: "mari@", name: "x" }).invalid?.reason, "invalid_address");
    const xx = item({ email: "a@example.test", locale: "xx" }).invalid;
    assert.equal(xx?.reason, "invalid_row", "an unknown language code is a row error");
    assert.match(xx?.detail ?? "", /^locale: "xx"/);
    assert.equal(item({ email: "a@example.test", locale: "fi" }).invalid, undefined);
    assert.equal(item({ email: "a@example.test", occurred_at: "eile" }).invalid?.reason, "invalid_row");
    assert.equal(item({ email: "a@example.test", occurred_at: "2026-06-21" }).invalid?.reason, "invalid_row");
    assert.equal(
      item({ email: "a@example.test", occurred_at: "2026-06-20 12:00" }).invalid,
      undefined,
      "within a day",
    );
    const tag = item({ email: "a@example.test", service_id: "pension", audience: "aliens" }).invalid;
    assert.equal(tag?.reason, "invalid_tag");
    assert.match(tag?.detail ?? "", /service_id/);
    assert.match(tag?.detail ?? "", /audience/);
    assert.equal(item({ email: "a@example.test", service_id: randomUUID() }).tags.serviceId?.length, 36);
    assert.equal(
      item({ email: "a@example.test", phone: "call me" }).contact?.phone,
      null,
      "a bad phone is left out",
    );
  });

  it("reads CSV line numbers, quoted newlines and a BOM", async () => {
    const csv = '\uFEFFemail,name\r\na@example.test,"Mari\nMaasikas"\r\n\r\nb@example.test,Jüri\r\n';
    const rows = [];
    for await (const r of csvRows(csv)) rows.push(r);
    assert.deepEqual(
      rows.map((r) => [r.line, r.values.email, r.values.name]),
      [
        [3, "a@example.test", "Mari\nMaasikas"],
        [5, "b@example.test", "Jüri"],
      ],
    );
  });

  it("rejects an XLSX file that is not one", async () => {
    await assert.rejects(async () => {
      for await (const _ of xlsxRows(Buffer.from("PK not really"))) void _;
    }, /not a readable XLSX/);
  });

  it("reads a cell's address, language and telephone number as their schemas do", () => {
    const same = (fn: (v: string) => string | null, schema: typeof ZEmail, values: string[]) => {
      for (const v of values) {
        const parsed = schema.safeParse(v);
        assert.equal(fn(v), parsed.success ? parsed.data : null, JSON.stringify(v));
        // A second call (the language is remembered) gives the same.
        assert.equal(fn(v), parsed.success ? parsed.data : null, JSON.stringify(v));
      }
    };
    same(parseEmail, ZEmail, [
      "mari@example.test",
      " Mari@Example.TEST ",
      "mari@",
      "@example.test",
      "mari@example",
      "ma ri@example.test",
      "mari.@example.test",
      "o'brien+x@sub.example.ee",
      `${"a".repeat(245)}@example.ee`,
      `${"a".repeat(246)}@example.ee`,
      "",
      "õie@example.ee",
    ]);
    same(contactLocale, ZContactLocale as unknown as typeof ZEmail, [
      "et",
      " ru-RU ",
      "EN_gb",
      "xx",
      "e",
      "estonian",
      "et-",
      "fin",
      "",
      "et-EE-x-private1",
    ]);
    same(contactPhone, ZPhone as unknown as typeof ZEmail, [
      "5555 1234",
      " +372 5555 1234 ",
      "(0)12-34",
      "12",
      "+",
      "5555a",
      "1".repeat(40),
      ` ${"1".repeat(40)} `,
      "1".repeat(41),
      `+${"1".repeat(40)}`,
      "",
    ]);
  });

  it("writes COPY text in UTF-8 across buffers, with escapes and \\N", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      a: i % 2 ? `õ\t${i}\\x\n` : null,
      b: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      c: "x".repeat(40),
    }));
    const chunks = copyText(["a", "b", "c"] as const, rows);
    assert.ok(chunks.length > 1, "more than one buffer");
    const text = Buffer.concat(chunks).toString("utf8");
    const lines = text.split("\n");
    assert.equal(lines.pop(), "");
    assert.equal(lines.length, 10_000);
    assert.equal(lines[0], `\\N\t2026-01-01T00:00:00.000Z\t${"x".repeat(40)}`);
    assert.equal(lines[1], `õ\\t1\\\\x\\n\t2026-01-01T00:00:01.000Z\t${"x".repeat(40)}`);
  });

  it("an invitation's COPY lines are those of its columns, free text escaped", () => {
    const id = (n: number) => `0000000${n}-0000-4000-8000-000000000000`;
    const row: TInvitationRow = {
      org_id: id(1),
      id: id(2),
      survey_id: id(3),
      token_hash: "ab".repeat(32),
      locale: "et",
      service_id: id(4),
      department_id: null,
      employee_id: "a\\b",
      channel_id: "c\td",
      audience: "e\nf\rg",
      contact_id: id(5),
      state: "skipped",
      reason: "invalid_address",
      occurred_at: new Date("2026-06-19T13:00:00Z"),
      scheduled_at: null,
      source: "bulk",
      idempotency_key: "k\t1",
      bulk_id: id(6),
      last_error: "an address\nwith \\ a break",
    };
    assert.equal(invitationLine(row), copyLine(INVITATION_NAMES, row));
    assert.equal(deliveryLine(row), copyLine(DELIVERY_NAMES, row));
    const plain = {
      ...row,
      department_id: id(7),
      scheduled_at: new Date("2026-06-22T06:00:00Z"),
      bulk_id: null,
    };
    assert.equal(invitationLine(plain), copyLine(INVITATION_NAMES, plain));
    assert.equal(deliveryLine(plain), copyLine(DELIVERY_NAMES, plain));
  });
});
