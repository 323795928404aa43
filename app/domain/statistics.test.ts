import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  histogramPercentile,
  monthsOfRange,
  NO_FILTERS,
  parseStatisticsFilters,
  splitDateRange,
  statisticsFiltersToSearchParams,
  type StatisticsFilters,
} from "./statistics";

const AGENCY = "14205196-1817-405a-a732-69a0b183f3f7";
const OPERATION = "8dd2b275-84df-4525-a265-31d2ad6492ef";

describe("parseStatisticsFilters", () => {
  it("reads every filter from its query parameter", () => {
    const { filters, errors } = parseStatisticsFilters(
      new URLSearchParams({ from: "2026-01-01", to: "2026-03-31", agency: AGENCY, category: "footwear_apparel", province: "350000", operation: OPERATION }),
    );
    expect(errors).toEqual({});
    expect(filters).toEqual({
      from: "2026-01-01",
      to: "2026-03-31",
      agencyId: AGENCY,
      category: "footwear_apparel",
      provinceCode: "350000",
      jointOperationId: OPERATION,
    });
  });

  it("treats missing and empty parameters as no filter", () => {
    expect(parseStatisticsFilters(new URLSearchParams())).toEqual({ filters: NO_FILTERS, errors: {} });
    expect(parseStatisticsFilters(new URLSearchParams("from=&to=&agency=&category=&province=&operation="))).toEqual({ filters: NO_FILTERS, errors: {} });
  });

  it("drops each invalid value and names its error as an i18n key", () => {
    const { filters, errors } = parseStatisticsFilters(
      new URLSearchParams({ from: "2026-02-30", to: "yesterday", agency: "putian", category: "weapons", province: "350300", operation: "1" }),
    );
    expect(filters).toEqual(NO_FILTERS);
    expect(errors).toEqual({
      from: "statistics.filters.errors.invalidDate",
      to: "statistics.filters.errors.invalidDate",
      agencyId: "statistics.filters.errors.invalidAgency",
      category: "statistics.filters.errors.invalidCategory",
      provinceCode: "statistics.filters.errors.invalidProvince",
      jointOperationId: "statistics.filters.errors.invalidOperation",
    });
  });

  it("refuses a last day before the first, keeping the first", () => {
    const { filters, errors } = parseStatisticsFilters(new URLSearchParams({ from: "2026-05-01", to: "2026-04-30" }));
    expect(filters.from).toBe("2026-05-01");
    expect(filters.to).toBeNull();
    expect(errors).toEqual({ to: "statistics.filters.errors.rangeReversed" });
  });

  it("accepts a one-day range, leap days and trims spaces", () => {
    expect(parseStatisticsFilters(new URLSearchParams({ from: " 2028-02-29 ", to: "2028-02-29" })).filters).toMatchObject({ from: "2028-02-29", to: "2028-02-29" });
    expect(parseStatisticsFilters(new URLSearchParams({ from: "2027-02-29" })).errors).toEqual({ from: "statistics.filters.errors.invalidDate" });
  });

  it("round-trips through statisticsFiltersToSearchParams", () => {
    const day = fc
      .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
    const filtersArbitrary: fc.Arbitrary<StatisticsFilters> = fc
      .record({
        from: fc.option(day, { nil: null }),
        to: fc.option(day, { nil: null }),
        agencyId: fc.option(fc.uuid().map((id) => id.toLowerCase()), { nil: null }),
        category: fc.option(fc.constantFrom("food_drugs" as const, "cosmetics" as const, "other" as const), { nil: null }),
        provinceCode: fc.option(fc.integer({ min: 11, max: 82 }).map((n) => `${n}0000`), { nil: null }),
        jointOperationId: fc.option(fc.uuid().map((id) => id.toLowerCase()), { nil: null }),
      })
      .filter((filters) => !(filters.from && filters.to && filters.from > filters.to));
    fc.assert(
      fc.property(filtersArbitrary, (filters) => {
        const parsed = parseStatisticsFilters(statisticsFiltersToSearchParams(filters));
        expect(parsed.errors).toEqual({});
        expect(parsed.filters).toEqual(filters);
      }),
    );
  });

  it("writes only the filters that are set, under their short names", () => {
    expect(statisticsFiltersToSearchParams({ ...NO_FILTERS, category: "cosmetics", provinceCode: "440000" }).toString()).toBe("category=cosmetics&province=440000");
    expect(statisticsFiltersToSearchParams(NO_FILTERS).toString()).toBe("");
  });
});

/** Every day of [from, to], by walking one day at a time. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let date = new Date(`${from}T00:00:00Z`); date.toISOString().slice(0, 10) <= to; date.setUTCDate(date.getUTCDate() + 1)) {
    days.push(date.toISOString().slice(0, 10));
  }
  return days;
}

describe("splitDateRange", () => {
  it("answers whole months from month rows and the ends from day rows", () => {
    expect(splitDateRange("2026-01-15", "2026-04-10")).toEqual({
      months: { from: "2026-02-01", to: "2026-04-01" },
      days: [
        { from: "2026-01-15", to: "2026-01-31" },
        { from: "2026-04-01", to: "2026-04-10" },
      ],
    });
    expect(splitDateRange("2026-01-01", "2026-03-31")).toEqual({ months: { from: "2026-01-01", to: "2026-04-01" }, days: [] });
    expect(splitDateRange("2026-01-05", "2026-01-20")).toEqual({ months: null, days: [{ from: "2026-01-05", to: "2026-01-20" }] });
    expect(splitDateRange(null, null)).toEqual({ months: { from: null, to: null }, days: [] });
    expect(splitDateRange("2026-02-10", null)).toEqual({ months: { from: "2026-03-01", to: null }, days: [{ from: "2026-02-10", to: "2026-02-28" }] });
    expect(splitDateRange(null, "2028-02-28")).toEqual({ months: { from: null, to: "2028-02-01" }, days: [{ from: "2028-02-01", to: "2028-02-28" }] });
  });

  it("covers every day of any range exactly once (property)", () => {
    const day = fc
      .integer({ min: 0, max: 3 * 366 })
      .map((offset) => new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const parts = splitDateRange(from, to);
        const covered: string[] = [];
        for (const range of parts.days) covered.push(...daysBetween(range.from!, range.to!));
        if (parts.months) {
          // Month rows: every month starting in [months.from, months.to) stands for all its days.
          expect(parts.months.from!.endsWith("-01") && parts.months.to!.endsWith("-01")).toBe(true);
          covered.push(...daysBetween(parts.months.from!, new Date(Date.parse(`${parts.months.to!}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)));
        }
        expect(covered.sort()).toEqual(daysBetween(from, to));
      }),
      { numRuns: 500 },
    );
  });
});

describe("histogramPercentile", () => {
  it("takes the nearest rank from the cumulative counts", () => {
    const values = [1, 2, 2, 5, 30, 70, 71, 100];
    const histogram = [...new Set(values)].map((hours) => ({ hours, count: values.filter((value) => value === hours).length }));
    expect(histogramPercentile(histogram, 0.5)).toBe(5); // rank 4 of 8
    expect(histogramPercentile(histogram, 0.9)).toBe(100); // rank ⌈7.2⌉ = 8
    expect(histogramPercentile([], 0.5)).toBeNull();
    expect(histogramPercentile([{ hours: 7, count: 1 }], 0.9)).toBe(7);
  });

  it("equals sorting every value (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 200 }), fc.constantFrom(0.5, 0.9, 0.1, 1), (values, p) => {
        const sorted = [...values].sort((a, b) => a - b);
        const counts = new Map<number, number>();
        for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
        const histogram = [...counts.entries()].map(([hours, count]) => ({ hours, count }));
        expect(histogramPercentile(histogram, p)).toBe(sorted[Math.max(1, Math.ceil(p * values.length)) - 1]);
      }),
    );
  });
});

describe("monthsOfRange", () => {
  it("lists every month of the range, the data's range when open", () => {
    expect(monthsOfRange({ from: "2025-11-20", to: "2026-02-03" }, [])).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsOfRange({ from: null, to: null }, ["2026-03", "2026-01"])).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(monthsOfRange({ from: "2026-02-01", to: null }, ["2026-01", "2026-04"])).toEqual(["2026-02", "2026-03", "2026-04"]);
    expect(monthsOfRange({ from: null, to: null }, [])).toEqual([]);
    expect(monthsOfRange({ from: "2026-06-01", to: null }, ["2026-01"])).toEqual(["2026-06"]);
  });
});
