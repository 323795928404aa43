/**
 * The choices of the statistics filter form for a viewer: the agency choice only for the platform's viewers
 * (an agency's management sees its own agency and nothing to choose), provinces named in both languages.
 */
import type { Viewer } from "~/domain/policy";
import type { StatisticsFilterOptions } from "~/domain/statistics.server";
import type { StatisticsFilterFormOptions } from "./filter-form";
import { provinceNames } from "./provinces.server";

export function statisticsFilterFormOptions(options: StatisticsFilterOptions, viewer: Pick<Viewer, "organisationKind">): StatisticsFilterFormOptions {
  return {
    agencies: viewer.organisationKind === "platform" ? options.agencies : [],
    jointOperations: options.jointOperations.map(({ id, code, nameZh, nameEn, startsOn, endsOn }) => ({ id, code, nameZh, nameEn, startsOn, endsOn })),
    provinces: provinceNames(options.provinceCodes),
    categories: options.categories,
  };
}
