import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  classColour,
  classIsDark,
  colourClass,
  colourClassRanges,
  colourScale,
  isMapLayer,
  LAYER_PALETTES,
  floorTwoDigits,
  niceFloor,
  NO_FIGURES_COLOUR,
} from "./china-map";

describe("the choropleth's colour scale", () => {
  it("rounds thresholds down to 1, 2 or 5 × 10ⁿ", () => {
    expect([1, 3, 7, 19, 20, 49, 51, 999, 1000].map(niceFloor)).toEqual([1, 2, 5, 10, 20, 20, 50, 500, 1000]);
    expect([1, 7, 99, 318, 1234].map(floorTwoDigits)).toEqual([1, 7, 99, 310, 1200]);
  });

  it("gives zero a class of its own and splits the positive values at nice quantiles", () => {
    // Provinces as the seeds describe them: a few coastal ones carry most, many have a handful or none.
    const values = [0, 0, 0, 1, 2, 3, 4, 6, 9, 12, 25, 40, 80, 150, 420, 1200];
    const scale = colourScale(values);
    expect(scale.thresholds).toEqual([1, 2, 5, 20, 100]);
    expect(scale.max).toBe(1200);
    expect(colourClass(scale, 0)).toBe(0);
    expect(colourClass(scale, 1)).toBe(1);
    expect(colourClass(scale, 4)).toBe(2);
    expect(colourClass(scale, 5)).toBe(3);
    expect(colourClass(scale, 19)).toBe(3);
    expect(colourClass(scale, 20)).toBe(4);
    expect(colourClass(scale, 1200)).toBe(5);
    expect(colourClassRanges(scale)).toEqual([
      { from: 1, to: 1 },
      { from: 2, to: 4 },
      { from: 5, to: 19 },
      { from: 20, to: 99 },
      { from: 100, to: 1200 },
    ]);
  });

  it("has fewer classes when the values are few or alike", () => {
    expect(colourScale([]).thresholds).toEqual([]);
    expect(colourScale([0, 0]).thresholds).toEqual([]);
    const alike = colourScale([7, 7, 7, 0]);
    expect(alike.thresholds).toEqual([7]);
    expect(colourClassRanges(alike)).toEqual([{ from: 7, to: 7 }]);
    expect(colourClass(alike, 7)).toBe(1);
    // Three provinces with factories: a class each, as they are.
    const few = colourScale([0, 0, 218, 280, 318]);
    expect(few.thresholds).toEqual([218, 280, 318]);
    expect([218, 280, 318].map((value) => colourClass(few, value))).toEqual([1, 2, 3]);
  });

  it("keeps many values of one order of magnitude apart, to two significant digits", () => {
    // 1-2-5 rounding would put them all in one class (200–318).
    const scale = colourScale([0, 205, 218, 230, 260, 280, 300, 318]);
    expect(scale.thresholds).toEqual([200, 210, 230, 280, 300]);
    expect(colourClassRanges(scale)).toEqual([
      { from: 200, to: 209 },
      { from: 210, to: 229 },
      { from: 230, to: 279 },
      { from: 280, to: 299 },
      { from: 300, to: 318 },
    ]);
  });

  it("puts every value in exactly one class whose range holds it, ranges touching and rising", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 100_000 }), { minLength: 1, maxLength: 40 }), (values) => {
        const scale = colourScale(values);
        const ranges = colourClassRanges(scale);
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.from).toBe(ranges[i - 1]!.to + 1);
        for (const value of values) {
          const index = colourClass(scale, value);
          if (value === 0) expect(index).toBe(0);
          else {
            const range = ranges[index - 1]!;
            expect(value).toBeGreaterThanOrEqual(range.from);
            expect(value).toBeLessThanOrEqual(range.to);
          }
        }
      }),
    );
  });

  it("spreads the classes over the layer's palette, darkest for the largest, grey for none", () => {
    const scale = colourScale([1, 5, 20, 100, 600]);
    expect(scale.thresholds.length).toBe(5);
    expect([1, 2, 3, 4, 5].map((index) => classColour("gang", scale, index))).toEqual(LAYER_PALETTES.gang);
    expect(classColour("factory", scale, 5)).toBe(LAYER_PALETTES.factory[4]);
    expect(classColour("gang", scale, 0)).toBe(NO_FIGURES_COLOUR);
    const two = colourScale([1, 9]);
    expect(two.thresholds).toEqual([1, 9]);
    expect([classColour("gang", two, 1), classColour("gang", two, 2)]).toEqual([LAYER_PALETTES.gang[0], LAYER_PALETTES.gang[4]]);
    expect(classIsDark(scale, 5)).toBe(true);
    expect(classIsDark(scale, 1)).toBe(false);
  });

  it("knows the two layers", () => {
    expect(isMapLayer("gang")).toBe(true);
    expect(isMapLayer("factory")).toBe(true);
    expect(isMapLayer("store")).toBe(false);
  });
});
