import type { Messages } from "./en";

/** /map: the counterfeit map of China — gangs and factories by province and city (issue 5). */
export const mapZh: Messages["map"] = {
  title: "售假地图",
  intro: "售假店铺背后的团伙在哪里经营、溯源到的生产窝点在哪里：按省份统计，并可下钻到省内各地市。",
  scopeAll: "全部合作警务机构",
  scopeAgency: "仅{{agency}}",
  asOf: "数据截至 {{time}}",
  asOfHint: "案件每次变更后一分钟内更新。",
  layers: {
    label: "图层",
    gang: "售假团伙",
    factory: "生产窝点",
  },
  count: {
    gang_zero: "无团伙",
    gang_one: "团伙 {{formatted}} 个",
    gang_other: "团伙 {{formatted}} 个",
    factory_zero: "无窝点",
    factory_one: "窝点 {{formatted}} 个",
    factory_other: "窝点 {{formatted}} 个",
  },
  placeLabel: "{{name}}：{{gangs}}，{{factories}}",
  placeLabelWithCategories: "{{name}}：{{gangs}}，{{factories}}；主要品类：{{categories}}",
  openPlace: "{{label}}。查看其地市。",
  numberWords: {
    "1": "一",
    "2": "两",
    "3": "三",
    "4": "四",
    "5": "五",
  },
  headline: {
    gang_one: "{{share}}的售假团伙集中在一个省份：{{names}}。",
    gang_other: "{{share}}的售假团伙集中在{{countWord}}个省份：{{names}}。",
    factory_one: "{{share}}的生产窝点集中在一个省份：{{names}}。",
    factory_other: "{{share}}的生产窝点集中在{{countWord}}个省份：{{names}}。",
    cityGang: "{{province}}{{share}}的售假团伙在{{city}}。",
    cityFactory: "{{province}}{{share}}的生产窝点在{{city}}。",
    totals: "合计：{{gangs}}，{{factories}}。",
  },
  breadcrumb: {
    label: "当前地图位置",
    country: "全国",
  },
  backToCountry: "返回全国",
  drillHint: "点击地图或表格中的省份，查看其各地市。",
  map: {
    countryLabel: "全国地图：各省{{layer}}分布",
    provinceLabel: "{{province}}地图：各地市{{layer}}分布",
    southChinaSea: "南海诸岛",
    source: "边界数据：Apache ECharts 4.9 地图数据（Apache 许可证 2.0），经简化。统计示意图，非测绘地图。",
  },
  legend: {
    title: {
      country: {
        gang: "团伙数（按省份）",
        factory: "窝点数（按省份）",
      },
      province: {
        gang: "团伙数（按地市）",
        factory: "窝点数（按地市）",
      },
    },
    none: "无",
    range: "{{from}}–{{to}}",
    single: "{{from}}",
  },
  table: {
    captionCountry: {
      gang: "各省售假团伙排名",
      factory: "各省生产窝点排名",
    },
    captionProvince: {
      gang: "{{province}}各地市售假团伙排名",
      factory: "{{province}}各地市生产窝点排名",
    },
    rank: "排名",
    gangs: "团伙",
    factories: "窝点",
    share: {
      gang: "团伙占比",
      factory: "窝点占比",
    },
    provinceAndCategories: "省份 · 主要品类",
    cityAndCategories: "地市 · 主要品类",
    categoriesLead: "；主要品类：",
    total: "合计",
    empty: "没有符合筛选条件的团伙或窝点。",
    emptyProvince: "{{province}}没有符合筛选条件的团伙或窝点。",
    showCities: "查看{{province}}各地市",
  },
  places: {
    counties: "{{province}}（县）",
    directlyAdministered: "{{province}}直辖县级行政区",
  },
  errors: {
    layer: "没有名为“{{value}}”的图层，地图显示售假团伙。",
  },
};
