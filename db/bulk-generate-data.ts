/**
 * The shape of the generated history (db/bulk-generate.ts): where counterfeit gangs sit, what each province
 * makes, which brands and goods, and the synthetic police agencies of a scale run. Figures follow
 * DOMAIN.md: 63% of the gangs in five coastal provinces (Guangdong, Zhejiang, Fujian, Jiangsu, Shandong),
 * each with its speciality (Guangdong 3C digital accessories, Zhejiang and Jiangsu women's wear, Fujian
 * footwear, Shandong luggage and leather goods). Weights are relative; the generator normalises them.
 */
import type { GoodsCategory } from "./schema";

/** The five coastal provinces that carry most of the gangs. */
export const COASTAL_PROVINCES = ["440000", "330000", "350000", "320000", "370000"] as const;

/** Share of gangs per province (GB/T 2260 province code → weight). The coastal five sum to 63 of ~100. */
export const PROVINCE_WEIGHTS: Record<string, number> = {
  "440000": 19, // 广东
  "330000": 15, // 浙江
  "350000": 13, // 福建
  "320000": 8.5, // 江苏
  "370000": 7.5, // 山东
  "130000": 3.5, // 河北 (白沟箱包)
  "410000": 3.5, // 河南
  "310000": 3, // 上海
  "340000": 3, // 安徽
  "420000": 2.5, // 湖北
  "430000": 2.5, // 湖南
  "510000": 2.5, // 四川
  "360000": 2.5, // 江西
  "450000": 2, // 广西
  "110000": 1.5, // 北京
  "500000": 1.5, // 重庆
  "210000": 1.5, // 辽宁
  "120000": 1, // 天津
  "610000": 1, // 陕西
  "530000": 1, // 云南
  "230000": 0.5, // 黑龙江
  "220000": 0.5, // 吉林
  "140000": 0.5, // 山西
  "520000": 0.5, // 贵州
  "460000": 0.5, // 海南
  "150000": 0.3, // 内蒙古
  "620000": 0.3, // 甘肃
  "650000": 0.2, // 新疆
  "640000": 0.1, // 宁夏
  "630000": 0.1, // 青海
  "540000": 0.05, // 西藏
};

/**
 * Where within a province the gangs sit (city code → weight). Provinces not listed here spread over their
 * first two cities in GB/T 2260 order (the capital first), 70 : 30.
 */
export const CITY_WEIGHTS: Record<string, Record<string, number>> = {
  "440000": {
    "440100": 26, // 广州
    "440300": 22, // 深圳
    "441900": 14, // 东莞
    "440600": 10, // 佛山
    "440500": 9, // 汕头
    "445200": 5, // 揭阳
    "441300": 4, // 惠州
    "442000": 4, // 中山
    "440700": 2, // 江门
    "445100": 2, // 潮州
    "440400": 1, // 珠海
    "440800": 1, // 湛江
  },
  "330000": { "330700": 30, "330100": 20, "330300": 16, "330200": 9, "331000": 8, "330500": 6, "330400": 6, "330600": 5 },
  "350000": { "350300": 34, "350500": 30, "350100": 12, "350200": 12, "350600": 8, "350900": 2, "350800": 2 },
  "320000": { "320500": 30, "320600": 15, "320200": 14, "320100": 14, "320400": 10, "320300": 9, "321000": 8 },
  "370000": { "371300": 26, "370200": 20, "370100": 15, "370700": 12, "370300": 10, "371700": 10, "370600": 7 },
  "130000": { "130600": 45, "130100": 35, "130200": 20 },
  "410000": { "410100": 60, "410300": 20, "410700": 20 },
  "340000": { "340100": 60, "340200": 20, "341200": 20 },
};

type CategoryWeights = Record<GoodsCategory, number>;

const GENERAL_MIX: CategoryWeights = {
  footwear_apparel: 22,
  digital_accessories: 15,
  cosmetics: 12,
  household_appliances: 12,
  food_drugs: 12,
  mother_baby: 8,
  auto_parts: 8,
  luggage_leather: 6,
  other: 5,
};

/** What the gangs of each province make: the coastal provinces' specialities, elsewhere a general mix. */
export const CATEGORY_WEIGHTS: Record<string, CategoryWeights> = {
  "440000": {
    digital_accessories: 45,
    cosmetics: 15,
    footwear_apparel: 10,
    household_appliances: 10,
    luggage_leather: 5,
    mother_baby: 5,
    auto_parts: 5,
    food_drugs: 3,
    other: 2,
  },
  "330000": {
    footwear_apparel: 42,
    household_appliances: 14,
    luggage_leather: 10,
    digital_accessories: 10,
    cosmetics: 8,
    mother_baby: 6,
    auto_parts: 5,
    food_drugs: 3,
    other: 2,
  },
  "320000": {
    footwear_apparel: 40,
    household_appliances: 15,
    digital_accessories: 10,
    cosmetics: 10,
    mother_baby: 8,
    auto_parts: 7,
    luggage_leather: 5,
    food_drugs: 3,
    other: 2,
  },
  "350000": {
    footwear_apparel: 56,
    luggage_leather: 8,
    digital_accessories: 7,
    household_appliances: 8,
    food_drugs: 6,
    mother_baby: 5,
    auto_parts: 5,
    cosmetics: 3,
    other: 2,
  },
  "370000": {
    luggage_leather: 40,
    footwear_apparel: 15,
    household_appliances: 10,
    auto_parts: 10,
    food_drugs: 8,
    digital_accessories: 7,
    mother_baby: 5,
    cosmetics: 3,
    other: 2,
  },
  "130000": {
    luggage_leather: 35,
    footwear_apparel: 15,
    auto_parts: 12,
    household_appliances: 10,
    food_drugs: 10,
    digital_accessories: 8,
    cosmetics: 5,
    mother_baby: 3,
    other: 2,
  },
};

export function categoryWeightsFor(provinceCode: string): CategoryWeights {
  return CATEGORY_WEIGHTS[provinceCode] ?? GENERAL_MIX;
}

export interface BrandRow {
  brand: string;
  rightsHolder: string;
}

/** Brands counterfeited per category, with their rights holders (the first ones most often). */
export const BRANDS: Record<GoodsCategory, BrandRow[]> = {
  footwear_apparel: [
    { brand: "NIKE", rightsHolder: "耐克创新有限合伙公司" },
    { brand: "adidas", rightsHolder: "阿迪达斯有限公司" },
    { brand: "AIR JORDAN", rightsHolder: "耐克创新有限合伙公司" },
    { brand: "CONVERSE", rightsHolder: "匡威公司" },
    { brand: "PUMA", rightsHolder: "彪马欧洲公司" },
    { brand: "New Balance", rightsHolder: "新平衡体育用品公司" },
    { brand: "THE NORTH FACE", rightsHolder: "北面服饰公司" },
    { brand: "lululemon", rightsHolder: "露露乐蒙运动用品公司" },
  ],
  digital_accessories: [
    { brand: "Apple", rightsHolder: "苹果公司" },
    { brand: "HUAWEI", rightsHolder: "华为技术有限公司" },
    { brand: "Xiaomi", rightsHolder: "小米科技有限责任公司" },
    { brand: "SAMSUNG", rightsHolder: "三星电子株式会社" },
    { brand: "Anker", rightsHolder: "安克创新科技股份有限公司" },
    { brand: "Beats", rightsHolder: "Beats 电子有限责任公司" },
    { brand: "SONY", rightsHolder: "索尼集团公司" },
  ],
  luggage_leather: [
    { brand: "LOUIS VUITTON", rightsHolder: "路易威登马利蒂公司" },
    { brand: "GUCCI", rightsHolder: "古乔古希股份公司" },
    { brand: "COACH", rightsHolder: "蔻驰知识产权有限公司" },
    { brand: "MICHAEL KORS", rightsHolder: "迈克高仕（瑞士）国际有限公司" },
    { brand: "Samsonite", rightsHolder: "新秀丽 IP 控股有限公司" },
    { brand: "PRADA", rightsHolder: "普拉达有限公司" },
    { brand: "RIMOWA", rightsHolder: "日默瓦有限公司" },
  ],
  cosmetics: [
    { brand: "ESTÉE LAUDER", rightsHolder: "雅诗兰黛公司" },
    { brand: "LANCÔME", rightsHolder: "兰蔻巴黎公司" },
    { brand: "SK-II", rightsHolder: "宝洁公司" },
    { brand: "SHISEIDO", rightsHolder: "株式会社资生堂" },
    { brand: "M·A·C", rightsHolder: "化妆艺术化妆品公司" },
    { brand: "L'ORÉAL", rightsHolder: "欧莱雅公司" },
  ],
  household_appliances: [
    { brand: "dyson", rightsHolder: "戴森技术有限公司" },
    { brand: "Midea", rightsHolder: "美的集团股份有限公司" },
    { brand: "PHILIPS", rightsHolder: "皇家飞利浦有限公司" },
    { brand: "SUPOR", rightsHolder: "浙江苏泊尔股份有限公司" },
    { brand: "Joyoung", rightsHolder: "九阳股份有限公司" },
    { brand: "GREE", rightsHolder: "珠海格力电器股份有限公司" },
  ],
  food_drugs: [
    { brand: "茅台", rightsHolder: "中国贵州茅台酒厂（集团）有限责任公司" },
    { brand: "五粮液", rightsHolder: "宜宾五粮液股份有限公司" },
    { brand: "汤臣倍健", rightsHolder: "汤臣倍健股份有限公司" },
    { brand: "云南白药", rightsHolder: "云南白药集团股份有限公司" },
    { brand: "东阿阿胶", rightsHolder: "东阿阿胶股份有限公司" },
  ],
  mother_baby: [
    { brand: "飞鹤", rightsHolder: "黑龙江飞鹤乳业有限公司" },
    { brand: "Aptamil", rightsHolder: "纽迪希亚公司" },
    { brand: "Pampers", rightsHolder: "宝洁公司" },
    { brand: "Merries", rightsHolder: "花王株式会社" },
    { brand: "a2", rightsHolder: "a2 牛奶公司" },
  ],
  auto_parts: [
    { brand: "BOSCH", rightsHolder: "罗伯特·博世有限公司" },
    { brand: "MICHELIN", rightsHolder: "米其林集团总公司" },
    { brand: "Shell", rightsHolder: "壳牌品牌国际股份公司" },
    { brand: "Mobil", rightsHolder: "埃克森美孚公司" },
    { brand: "NGK", rightsHolder: "日本特殊陶业株式会社" },
  ],
  other: [
    { brand: "Zippo", rightsHolder: "之宝制造公司" },
    { brand: "SWAROVSKI", rightsHolder: "施华洛世奇股份公司" },
    { brand: "LEGO", rightsHolder: "乐高公司" },
    { brand: "Disney", rightsHolder: "迪士尼企业公司" },
  ],
};

export interface ProductRow {
  product: string;
  /** The seizure unit (seizure_unit enum) and a typical counterfeit's price per unit, in yuan. */
  unit: "pairs" | "boxes" | "pieces" | "sets" | "cartons" | "kilograms" | "rolls" | "other";
  unitPrice: number;
  /** What a typical seizure counts, low and high. */
  quantity: [number, number];
}

export const PRODUCTS: Record<GoodsCategory, ProductRow[]> = {
  footwear_apparel: [
    { product: "运动鞋", unit: "pairs", unitPrice: 110, quantity: [300, 6000] },
    { product: "篮球鞋", unit: "pairs", unitPrice: 130, quantity: [200, 4000] },
    { product: "女装连衣裙", unit: "pieces", unitPrice: 85, quantity: [500, 12000] },
    { product: "羽绒服", unit: "pieces", unitPrice: 260, quantity: [200, 3000] },
    { product: "卫衣", unit: "pieces", unitPrice: 70, quantity: [500, 10000] },
  ],
  digital_accessories: [
    { product: "无线蓝牙耳机", unit: "pieces", unitPrice: 95, quantity: [500, 20000] },
    { product: "快充充电器", unit: "pieces", unitPrice: 28, quantity: [2000, 50000] },
    { product: "数据线", unit: "pieces", unitPrice: 12, quantity: [5000, 80000] },
    { product: "手机保护壳", unit: "pieces", unitPrice: 15, quantity: [3000, 60000] },
    { product: "移动电源", unit: "pieces", unitPrice: 55, quantity: [1000, 15000] },
  ],
  luggage_leather: [
    { product: "女士手提包", unit: "pieces", unitPrice: 280, quantity: [100, 3000] },
    { product: "拉杆箱", unit: "pieces", unitPrice: 220, quantity: [100, 2000] },
    { product: "皮带", unit: "pieces", unitPrice: 60, quantity: [500, 8000] },
    { product: "钱包", unit: "pieces", unitPrice: 75, quantity: [500, 10000] },
  ],
  cosmetics: [
    { product: "精华液", unit: "pieces", unitPrice: 120, quantity: [500, 12000] },
    { product: "口红", unit: "pieces", unitPrice: 45, quantity: [1000, 30000] },
    { product: "面霜", unit: "pieces", unitPrice: 90, quantity: [500, 15000] },
  ],
  household_appliances: [
    { product: "吹风机", unit: "pieces", unitPrice: 230, quantity: [100, 3000] },
    { product: "电饭煲", unit: "pieces", unitPrice: 150, quantity: [100, 2500] },
    { product: "破壁机", unit: "pieces", unitPrice: 180, quantity: [100, 2000] },
  ],
  food_drugs: [
    { product: "白酒", unit: "boxes", unitPrice: 480, quantity: [50, 1500] },
    { product: "保健食品", unit: "boxes", unitPrice: 95, quantity: [200, 8000] },
    { product: "阿胶", unit: "boxes", unitPrice: 160, quantity: [100, 3000] },
  ],
  mother_baby: [
    { product: "婴幼儿配方奶粉", unit: "cartons", unitPrice: 190, quantity: [50, 2000] },
    { product: "纸尿裤", unit: "cartons", unitPrice: 85, quantity: [100, 4000] },
  ],
  auto_parts: [
    { product: "火花塞", unit: "boxes", unitPrice: 40, quantity: [500, 10000] },
    { product: "机油", unit: "cartons", unitPrice: 160, quantity: [100, 3000] },
    { product: "刹车片", unit: "sets", unitPrice: 75, quantity: [200, 5000] },
  ],
  other: [
    { product: "打火机", unit: "pieces", unitPrice: 35, quantity: [1000, 20000] },
    { product: "水晶饰品", unit: "pieces", unitPrice: 60, quantity: [500, 10000] },
    { product: "拼装积木", unit: "boxes", unitPrice: 90, quantity: [200, 5000] },
  ],
};

/** Parts of made-up enterprise and store names (no real firm is meant). */
export const NAME_WORDS = [
  "鑫源",
  "恒达",
  "华盛",
  "宏发",
  "永利",
  "金丰",
  "联创",
  "汇通",
  "众诚",
  "瑞祥",
  "佳美",
  "星辰",
  "博远",
  "盛世",
  "泰和",
  "东升",
  "锦程",
  "凯达",
  "新锐",
  "天成",
  "广顺",
  "隆鑫",
  "亿家",
  "优品",
];
export const ENTERPRISE_TRADES: Record<GoodsCategory, string> = {
  footwear_apparel: "鞋服",
  digital_accessories: "电子科技",
  luggage_leather: "皮具",
  cosmetics: "化妆品",
  household_appliances: "电器",
  food_drugs: "商贸",
  mother_baby: "母婴用品",
  auto_parts: "汽车配件",
  other: "工艺品",
};
export const STORE_SUFFIXES = ["工厂店", "专营店", "批发", "优选", "旗舰店", "直销店", "精品店", "货源"];
export const STREETS = ["兴业路", "创业路", "工业大道", "人民路", "建设路", "解放路", "中山路", "新华路", "环城路", "滨江路", "文化路", "长安路"];
export const SURNAMES = ["林", "陈", "黄", "郑", "王", "李", "张", "刘", "吴", "周", "许", "方", "蔡", "杨", "何", "徐"];
export const GIVEN_NAMES = [
  "志强",
  "建华",
  "海滨",
  "丽芳",
  "国栋",
  "秀英",
  "文彬",
  "春燕",
  "伟",
  "敏",
  "俊杰",
  "雪梅",
  "明辉",
  "晓东",
  "玉兰",
  "少华",
];

/** The decline reasons police give (decline_reason enum), how often, and the reason text beside each. */
export const DECLINE_REASONS: { reason: string; weight: number; note: string }[] = [
  {
    reason: "insufficient_evidence",
    weight: 30,
    note: "现有证据不足以证明存在生产、销售假冒注册商标商品的行为，请补充权利人鉴定报告及试购证据后再行移送。",
  },
  { reason: "below_threshold", weight: 25, note: "经初步核算，涉案金额未达刑事立案追诉标准，建议移交属地市场监管部门依法处理。" },
  { reason: "outside_jurisdiction", weight: 20, note: "经核查，涉案生产、仓储地不在我局辖区，建议移送犯罪地公安机关。" },
  { reason: "already_under_investigation", weight: 10, note: "该团伙已由我局另案侦查，线索并入原案一并处理。" },
  { reason: "duplicate", weight: 7, note: "与此前已移送并受理的线索重复。" },
  { reason: "outside_mou_scope", weight: 3, note: "该线索所涉商品品类不在合作备忘录约定范围内。" },
  { reason: "other", weight: 5, note: "因近期警力集中用于专项行动，暂无法接收，请转其他合作单位。" },
];
export const RETURN_NOTES = [
  "请补充：1. 权利人出具的正式鉴定报告；2. 涉案店铺近六个月的销售明细及收款账户信息。",
  "请补充发货地址的现场核查情况及照片，并说明与涉案店铺的关联依据。",
  "请补充试购订单的物流信息及样品保存情况。",
];
export const ACCEPT_NOTES = ["线索清楚，同意接收。", "同意接收，交经侦支队办理。", "同意接收，指定专人办理。", ""];

export interface ScaleAgency {
  /** organisations.code of the synthetic agency. */
  code: string;
  /** The city the agency's MOU covers (its territory), or a district for a county-level city (义乌). */
  territory: string;
  nameEn: string;
}

/**
 * Synthetic city public security bureaus for scale runs (`npm run db:seed -- --scale N`), weighted to the coast
 * like the gangs: 39 in the five coastal provinces, 21 elsewhere. Putian and Guangzhou come from the demo world.
 */
export const SCALE_AGENCIES: ScaleAgency[] = [
  // 广东
  { code: "scale-shenzhen-psb", territory: "440300", nameEn: "Shenzhen" },
  { code: "scale-dongguan-psb", territory: "441900", nameEn: "Dongguan" },
  { code: "scale-foshan-psb", territory: "440600", nameEn: "Foshan" },
  { code: "scale-shantou-psb", territory: "440500", nameEn: "Shantou" },
  { code: "scale-jieyang-psb", territory: "445200", nameEn: "Jieyang" },
  { code: "scale-huizhou-psb", territory: "441300", nameEn: "Huizhou" },
  { code: "scale-zhongshan-psb", territory: "442000", nameEn: "Zhongshan" },
  { code: "scale-jiangmen-psb", territory: "440700", nameEn: "Jiangmen" },
  { code: "scale-chaozhou-psb", territory: "445100", nameEn: "Chaozhou" },
  { code: "scale-zhuhai-psb", territory: "440400", nameEn: "Zhuhai" },
  { code: "scale-zhanjiang-psb", territory: "440800", nameEn: "Zhanjiang" },
  // 浙江
  { code: "scale-yiwu-psb", territory: "330782", nameEn: "Yiwu" },
  { code: "scale-hangzhou-psb", territory: "330100", nameEn: "Hangzhou" },
  { code: "scale-wenzhou-psb", territory: "330300", nameEn: "Wenzhou" },
  { code: "scale-ningbo-psb", territory: "330200", nameEn: "Ningbo" },
  { code: "scale-taizhou-zj-psb", territory: "331000", nameEn: "Taizhou (Zhejiang)" },
  { code: "scale-huzhou-psb", territory: "330500", nameEn: "Huzhou" },
  { code: "scale-jiaxing-psb", territory: "330400", nameEn: "Jiaxing" },
  { code: "scale-shaoxing-psb", territory: "330600", nameEn: "Shaoxing" },
  // 福建
  { code: "scale-quanzhou-psb", territory: "350500", nameEn: "Quanzhou" },
  { code: "scale-fuzhou-psb", territory: "350100", nameEn: "Fuzhou" },
  { code: "scale-xiamen-psb", territory: "350200", nameEn: "Xiamen" },
  { code: "scale-zhangzhou-psb", territory: "350600", nameEn: "Zhangzhou" },
  { code: "scale-ningde-psb", territory: "350900", nameEn: "Ningde" },
  { code: "scale-longyan-psb", territory: "350800", nameEn: "Longyan" },
  // 江苏
  { code: "scale-suzhou-psb", territory: "320500", nameEn: "Suzhou" },
  { code: "scale-nantong-psb", territory: "320600", nameEn: "Nantong" },
  { code: "scale-wuxi-psb", territory: "320200", nameEn: "Wuxi" },
  { code: "scale-nanjing-psb", territory: "320100", nameEn: "Nanjing" },
  { code: "scale-changzhou-psb", territory: "320400", nameEn: "Changzhou" },
  { code: "scale-xuzhou-psb", territory: "320300", nameEn: "Xuzhou" },
  { code: "scale-yangzhou-psb", territory: "321000", nameEn: "Yangzhou" },
  // 山东
  { code: "scale-linyi-psb", territory: "371300", nameEn: "Linyi" },
  { code: "scale-qingdao-psb", territory: "370200", nameEn: "Qingdao" },
  { code: "scale-jinan-psb", territory: "370100", nameEn: "Jinan" },
  { code: "scale-weifang-psb", territory: "370700", nameEn: "Weifang" },
  { code: "scale-zibo-psb", territory: "370300", nameEn: "Zibo" },
  { code: "scale-heze-psb", territory: "371700", nameEn: "Heze" },
  { code: "scale-yantai-psb", territory: "370600", nameEn: "Yantai" },
  // 其他
  { code: "scale-shanghai-psb", territory: "310000", nameEn: "Shanghai" },
  { code: "scale-beijing-psb", territory: "110000", nameEn: "Beijing" },
  { code: "scale-tianjin-psb", territory: "120000", nameEn: "Tianjin" },
  { code: "scale-chongqing-psb", territory: "500000", nameEn: "Chongqing" },
  { code: "scale-baoding-psb", territory: "130600", nameEn: "Baoding" },
  { code: "scale-shijiazhuang-psb", territory: "130100", nameEn: "Shijiazhuang" },
  { code: "scale-zhengzhou-psb", territory: "410100", nameEn: "Zhengzhou" },
  { code: "scale-hefei-psb", territory: "340100", nameEn: "Hefei" },
  { code: "scale-wuhan-psb", territory: "420100", nameEn: "Wuhan" },
  { code: "scale-changsha-psb", territory: "430100", nameEn: "Changsha" },
  { code: "scale-chengdu-psb", territory: "510100", nameEn: "Chengdu" },
  { code: "scale-nanchang-psb", territory: "360100", nameEn: "Nanchang" },
  { code: "scale-nanning-psb", territory: "450100", nameEn: "Nanning" },
  { code: "scale-xian-psb", territory: "610100", nameEn: "Xi'an" },
  { code: "scale-shenyang-psb", territory: "210100", nameEn: "Shenyang" },
  { code: "scale-kunming-psb", territory: "530100", nameEn: "Kunming" },
  { code: "scale-harbin-psb", territory: "230100", nameEn: "Harbin" },
  { code: "scale-changchun-psb", territory: "220100", nameEn: "Changchun" },
  { code: "scale-taiyuan-psb", territory: "140100", nameEn: "Taiyuan" },
  { code: "scale-guiyang-psb", territory: "520100", nameEn: "Guiyang" },
  { code: "scale-haikou-psb", territory: "460100", nameEn: "Haikou" },
];

/** Named campaigns a scale run adds (besides the demo world's), so the dashboard's operation filter has spread. */
export const SCALE_OPERATIONS = [
  { code: "scale-kunlun-2025", nameZh: "“昆仑-2025”专项行动", nameEn: "Kunlun 2025", startsOn: "2025-03-01", endsOn: "2025-11-30" },
  { code: "scale-cloud-sword-2025", nameZh: "“云剑-2025”专项行动", nameEn: "Cloud Sword 2025", startsOn: "2025-05-01", endsOn: "2025-12-31" },
  {
    code: "scale-coastal-shoes-2025",
    nameZh: "东南沿海制售假鞋服集中整治",
    nameEn: "South-east coast footwear and apparel campaign",
    startsOn: "2025-01-01",
    endsOn: "2025-06-30",
  },
  {
    code: "scale-digital-3c-2026",
    nameZh: "珠三角假冒数码配件专项打击",
    nameEn: "Pearl River Delta counterfeit 3C accessories operation",
    startsOn: "2026-01-01",
    endsOn: null,
  },
];
