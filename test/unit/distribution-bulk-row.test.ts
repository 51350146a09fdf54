import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { bulkRowToItem, parseOccurredAt } from "../../src/modules/distribution/bulk-row.ts";
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
});
