import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  addDays,
  isMonthAligned,
  isoWeekLabel,
  monthStart,
  nextMonth,
  previousRange,
  splitByMonths,
} from "../../src/modules/insights/periods.ts";
import { chooseSource } from "../../src/modules/insights/source-plan.ts";
import { isCalendarDate as isCivilDate } from "../../src/http/strict-input.ts";

describe("civil dates", () => {
  it("accepts only real dates written YYYY-MM-DD", () => {
    assert.equal(isCivilDate("2026-02-28"), true);
    assert.equal(isCivilDate("2024-02-29"), true);
    assert.equal(isCivilDate("2026-02-29"), false);
    assert.equal(isCivilDate("2026-13-01"), false);
    assert.equal(isCivilDate("2026-1-01"), false);
    assert.equal(isCivilDate("yesterday"), false);
  });

  it("steps months and days across year ends", () => {
    assert.equal(monthStart("2026-03-17"), "2026-03-01");
    assert.equal(nextMonth("2026-12-31"), "2027-01-01");
    assert.equal(nextMonth("2026-01-31"), "2026-02-01");
    assert.equal(addDays("2026-12-31", 1), "2027-01-01");
    assert.equal(addDays("2026-03-01", -1), "2026-02-28");
  });

  it("labels ISO weeks (Monday start; week 1 holds the first Thursday)", () => {
    assert.equal(isoWeekLabel("2026-01-01"), "2026-W01"); // a Thursday
    assert.equal(isoWeekLabel("2027-01-01"), "2026-W53"); // a Friday in the last week of 2026
    assert.equal(isoWeekLabel("2025-12-29"), "2026-W01"); // Monday of 2026's first week
    assert.equal(isoWeekLabel("2026-03-09"), "2026-W11");
  });
});

describe("splitByMonths", () => {
  it("keeps aligned and open ranges whole", () => {
    assert.deepEqual(splitByMonths({ from: "2026-01-01", to: "2026-04-01" }), {
      months: { from: "2026-01-01", to: "2026-04-01" },
      partial: [],
    });
    assert.deepEqual(splitByMonths({ from: null, to: null }), {
      months: { from: null, to: null },
      partial: [],
    });
    assert.equal(isMonthAligned({ from: "2026-01-01", to: null }), true);
    assert.equal(isMonthAligned({ from: "2026-01-02", to: null }), false);
  });

  it("cuts partial months off both ends", () => {
    assert.deepEqual(splitByMonths({ from: "2026-01-15", to: "2026-04-10" }), {
      months: { from: "2026-02-01", to: "2026-04-01" },
      partial: [
        { from: "2026-01-15", to: "2026-02-01" },
        { from: "2026-04-01", to: "2026-04-10" },
      ],
    });
    assert.deepEqual(splitByMonths({ from: null, to: "2026-04-10" }), {
      months: { from: null, to: "2026-04-01" },
      partial: [{ from: "2026-04-01", to: "2026-04-10" }],
    });
  });

  it("has no whole month inside a short range", () => {
    assert.deepEqual(splitByMonths({ from: "2026-01-15", to: "2026-02-10" }), {
      months: null,
      partial: [{ from: "2026-01-15", to: "2026-02-10" }],
    });
    assert.deepEqual(splitByMonths({ from: "2026-01-15", to: "2026-01-20" }), {
      months: null,
      partial: [{ from: "2026-01-15", to: "2026-01-20" }],
    });
  });
});

describe("chooseSource", () => {
  const org = { kind: "organisation" } as const;
  it("reads service, service type and audience reports from the month × service rollup, partial months by day", () => {
    assert.equal(chooseSource({ groupBy: ["month", "service"] }, org), "rollup_month_service");
    assert.equal(
      chooseSource({ groupBy: ["month"], from: "2026-01-10" }, org),
      "rollup_month_service+rollup_day",
    );
    assert.equal(
      chooseSource({ groupBy: ["serviceType"], audience: "external", from: "2026-01-01" }, org),
      "rollup_month_service",
    );
    assert.equal(
      chooseSource({ groupBy: ["month"], from: "2026-01-10", to: "2026-01-31" }, org),
      "rollup_day",
    );
  });

  it("reads other coarse reports from the coarse monthly rollup, with days for partial months, weeks and days", () => {
    assert.equal(chooseSource({ groupBy: ["month", "channel"] }, org), "rollup_month_coarse");
    assert.equal(
      chooseSource({ groupBy: ["month"], surveyId: "s", from: "2026-01-10" }, org),
      "rollup_month_coarse+rollup_day",
    );
    assert.equal(chooseSource({ groupBy: ["week", "channel"] }, org), "rollup_day");
  });

  it("reads department and employee reports from the department × employee rollups", () => {
    assert.equal(chooseSource({ groupBy: ["employee"] }, org), "rollup_month_employee");
    assert.equal(
      chooseSource({ groupBy: ["department"], from: "2026-01-10", to: "2026-03-20" }, org),
      "rollup_month_employee+rollup_day_employee",
    );
    assert.equal(
      chooseSource({ groupBy: ["department"], from: "2026-01-10", to: "2026-01-20" }, org),
      "rollup_day_employee",
    );
    assert.equal(chooseSource({ groupBy: ["day"], employeeId: "e" }, org), "rollup_day_employee");
  });

  it("reads other fine dimensions from the month rollup, adding raw answers only where it cannot be exact", () => {
    assert.equal(chooseSource({ language: "ru", from: "2026-01-01", to: "2026-03-01" }, org), "rollup_month");
    assert.equal(
      chooseSource({ groupBy: ["department"], serviceId: "s", from: "2026-01-10", to: "2026-03-20" }, org),
      "rollup_month+answers",
    );
    assert.equal(
      chooseSource({ groupBy: ["employee"], channelId: "c", from: "2026-01-10", to: "2026-01-20" }, org),
      "answers",
    );
    assert.equal(chooseSource({ groupBy: ["day", "service"], employeeId: "e" }, org), "answers");
  });

  it("reads managers' and agents' scopes from the employee rollups, or the fine ones with other tags", () => {
    assert.equal(
      chooseSource({ groupBy: ["month"] }, { kind: "employees", employeeIds: ["e"] }),
      "rollup_month_employee",
    );
    assert.equal(
      chooseSource({ groupBy: ["week"] }, { kind: "departments", departmentIds: ["d"] }),
      "rollup_day_employee",
    );
    assert.equal(
      chooseSource({ groupBy: ["month", "service"] }, { kind: "departments", departmentIds: ["d"] }),
      "rollup_month",
    );
    assert.equal(
      chooseSource({ groupBy: ["week", "channel"] }, { kind: "departments", departmentIds: ["d"] }),
      "answers",
    );
  });
});

describe("previousRange", () => {
  it("goes back the same number of months for month-aligned ranges, else the same number of days", () => {
    assert.deepEqual(previousRange("2026-03-01", "2026-06-01"), { from: "2025-12-01", to: "2026-03-01" });
    assert.deepEqual(previousRange("2026-03-01", "2026-04-01"), { from: "2026-02-01", to: "2026-03-01" });
    assert.deepEqual(previousRange("2026-03-10", "2026-03-24"), { from: "2026-02-24", to: "2026-03-10" });
    assert.deepEqual(previousRange("2026-01-01", "2027-01-01"), { from: "2025-01-01", to: "2026-01-01" });
  });
});
