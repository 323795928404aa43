/** /map: the counterfeit map of China — gangs and factories by province and city (issue 5). */
export const mapEn = {
  title: "Counterfeit map",
  intro:
    "Where the gangs behind counterfeit stores are run from, and where the factories traced from them are: by province, and by city within a province.",
  scopeAll: "All partner agencies",
  scopeAgency: "{{agency}} only",
  asOf: "Figures as of {{time}}",
  asOfHint: "Brought up to date within a minute of each change to a case.",
  layers: {
    label: "Layer",
    gang: "Gang operators",
    factory: "Factories",
  },
  /** Counts in running text, with the number already formatted for the reader. */
  count: {
    gang_zero: "no gangs",
    gang_one: "{{formatted}} gang",
    gang_other: "{{formatted}} gangs",
    factory_zero: "no factories",
    factory_one: "{{formatted}} factory",
    factory_other: "{{formatted}} factories",
  },
  /** The accessible name of a place on the map: "Fujian: 1,234 gangs, 56 factories". */
  placeLabel: "{{name}}: {{gangs}}, {{factories}}",
  placeLabelWithCategories: "{{name}}: {{gangs}}, {{factories}}; mainly {{categories}}",
  openPlace: "{{label}}. Show its cities.",
  numberWords: {
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
  },
  headline: {
    gang_one: "{{share}} of gangs are in one province: {{names}}.",
    gang_other: "{{share}} of gangs are in {{countWord}} provinces: {{names}}.",
    factory_one: "{{share}} of factories are in one province: {{names}}.",
    factory_other: "{{share}} of factories are in {{countWord}} provinces: {{names}}.",
    cityGang: "{{share}} of {{province}}'s gangs are in {{city}}.",
    cityFactory: "{{share}} of {{province}}'s factories are in {{city}}.",
    totals: "In all: {{gangs}} and {{factories}}.",
  },
  breadcrumb: {
    label: "Where you are on the map",
    country: "China",
  },
  backToCountry: "Back to China",
  drillHint: "Choose a province on the map or in the table to see its cities.",
  map: {
    countryLabel: "Map of China: {{layer}} by province",
    provinceLabel: "Map of {{province}}: {{layer}} by city",
    southChinaSea: "South China Sea Islands",
    source: "Boundaries: map data of Apache ECharts 4.9 (Apache License 2.0), simplified. A schematic map for statistics, not a survey map.",
  },
  legend: {
    title: {
      country: {
        gang: "Gangs per province",
        factory: "Factories per province",
      },
      province: {
        gang: "Gangs per city",
        factory: "Factories per city",
      },
    },
    none: "None",
    range: "{{from}}–{{to}}",
    single: "{{from}}",
  },
  table: {
    captionCountry: {
      gang: "Provinces by gang operators",
      factory: "Provinces by factories",
    },
    captionProvince: {
      gang: "Cities of {{province}} by gang operators",
      factory: "Cities of {{province}} by factories",
    },
    rank: "Rank",
    gangs: "Gangs",
    factories: "Factories",
    share: {
      gang: "% of gangs",
      factory: "% of factories",
    },
    provinceAndCategories: "Province · main categories",
    cityAndCategories: "City · main categories",
    categoriesLead: "; main categories: ",
    total: "Total",
    empty: "No gangs or factories match these filters.",
    emptyProvince: "No gangs or factories in {{province}} match these filters.",
    showCities: "Show the cities of {{province}}",
  },
  places: {
    counties: "{{province}} (counties)",
    directlyAdministered: "County-level divisions under {{province}}",
  },
  errors: {
    layer: "There is no map layer “{{value}}”; the map shows gang operators.",
  },
};
