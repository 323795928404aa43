/**
 * The leads AC-2026-000007 … -000014 of the demo world (issue 4): more of the Putian footwear story, written as
 * the platform's investigators write leads, for the police side to have worked them — raided, prosecuted,
 * judged, declined, returned with questions, accepted, under investigation (db/seed-police.ts). The leads for
 * the inbox and the e2e specs, -000015 … -000020, are in db/seed-police-inbox-leads.ts.
 *
 * All names, numbers, stores and addresses are invented. No identifier is shared with AC-2026-000001 …
 * -000006 (their cross-case links are part of the earlier story); -000014 shares a phone with -000007.
 */
import {
  ADIDAS,
  CONVERSE,
  H1,
  H2,
  H3,
  JORDAN,
  NEW_BALANCE,
  NIKE,
  PUMA,
  at,
  buy,
  firm,
  ship,
  site,
  store,
  suspect,
  type PoliceDemoLead,
} from "./seed-lead-builders";

/** The Xitianwei factory boss's brother: his phone ties the Dongqiao lead (-000014) to the raided factory (-000007). */
const ZHENG_WENTAO_PHONE = "13906015238";

export const POLICE_DEMO_LEADS_WORKED: PoliceDemoLead[] = [
  {
    reference: "AC-2026-000007",
    at: "2026-09-28T02:40:00Z",
    operation: "spring-shoes-2026",
    lead: {
      title: "荔城区西天尾镇假冒耐克运动鞋加工厂",
      category: "footwear_apparel",
      priority: "urgent",
      suspectedCharges: ["art213", "art214"],
      summary: [
        "2026年9月，平台监测发现三家淘宝店铺和一家1688批发店销售的耐克 Air Max、Air Force 1 系列运动鞋，均由荔城区西天尾镇溪白村同一快递网点揽收，日均发货约520单。",
        "四家店铺绑定的收款账户归属同一人郑文彬，淘宝店与1688店使用同一台设备登录。试购的耐克 Air Max 90 跑鞋经权利人鉴定为假冒注册商标的商品。",
        "经平台人员现场核查，溪白村工业路66号四层厂房为成鞋加工厂，后黄村另有一处成品仓库。估算已销售金额约15.2万元，厂内及仓库未售成品货值约24.8万元，合计约40万元。加工厂老板郑文彬，其弟郑文涛负责生产，许美玲负责发货、收款。",
      ].join("\n"),
      brands: [NIKE],
      sites: [
        site("factory", "350304", "福建省莆田市荔城区西天尾镇溪白村工业路66号（四层厂房）", {
          ...at(25.461273, 118.997415, 20),
          notes: "一至三层为针车、成型车间，四层堆放鞋盒、鞋标；夜间有厢式货车进出。",
        }),
        site("warehouse", "350304", "福建省莆田市荔城区西天尾镇后黄村后黄路9号仓库", {
          ...at(25.452806, 119.006331, 50, "waybill_ship_from"),
        }),
      ],
      accounts: [
        store("taobao", "58820341", "xitianwei_shoes", "溪白运动鞋工厂店", ["682000", 1843, ...H1], [["shared_payment_account", 95], ["shared_device", 90]]),
        store("taobao", "59913026", "airmax_outlet", "气垫跑鞋折扣仓", ["391500", 1120, ...H1], [["shared_payment_account", 95], ["shared_waybill_sender", 88]]),
        store("taobao", "61047758", "ptxb_sport", "潮牌运动鞋特卖", ["236800", 702, "2026-05-01", "2026-08-31"], [["shared_waybill_sender", 85]], "frozen"),
        store("alibaba_1688", "b2b-2209317760425", "lcxtw_xieye", "荔城西天尾鞋业批发", ["940000", 128, ...H1], [["shared_device", 90], ["shared_payment_account", 92]]),
      ],
      enterprises: [firm("莆田市荔城区文彬鞋业有限公司", "91350304MA31PK7R2", "manufacturer", "福建省莆田市荔城区西天尾镇溪白村工业路66号")],
      persons: [
        suspect("controller", "郑文彬", "35030419790315215", "13860912457", "加工厂实际经营者，四家店铺的收款账户均为其本人所有。"),
        suspect("accomplice", "郑文涛", "35030419830722033", ZHENG_WENTAO_PHONE, "郑文彬之弟，负责车间生产。"),
        suspect("accomplice", "许美玲", "35030219910408146", "15880461173", "负责打包发货和店铺收款。"),
      ],
      salesAmount: "152000",
      unsoldGoodsValue: "248000",
      illegalBusinessVolume: "400000",
      illegalGains: "46000",
      logistics: [
        ship("中通快递", "73105528190347", "350304", "福建省莆田市荔城区西天尾镇溪白村", 360, "寄件人“郑先生”，寄件手机号尾号2457。"),
        ship("极兔速递", "JT3005861294471", "350304", "福建省莆田市荔城区西天尾镇", 160),
      ],
      testPurchases: [
        buy("3306625108841932", "58820341", "359.00", "2026-09-16", "NIKE Air Max 90 跑鞋 1 双（41 码，白灰配色）",
          "平台证据室 B-08 柜，封存袋编号 PT-2026-0916-03",
          "2026年9月24日，耐克公司出具鉴定意见：鞋舌标、内标及鞋盒标签均与正品不符，系假冒注册商标的商品。",
          "73105528190347"),
      ],
    },
  },
  {
    reference: "AC-2026-000008",
    at: "2026-10-12T06:15:00Z",
    operation: "spring-shoes-2026",
    lead: {
      title: "涵江区梧塘镇假冒 Air Jordan 篮球鞋中转仓库",
      category: "footwear_apparel",
      priority: "urgent",
      suspectedCharges: ["art214"],
      summary:
        "2026年8月起，五家淘宝店铺销售的 Air Jordan 1、Air Jordan 4 篮球鞋由涵江区梧塘镇一处仓库整箱发出，单日最高发货逾600单。仓库以“鞋材贸易”名义租用，租用人蔡某的手机号即五家店铺的退货联系电话。试购样品经耐克公司鉴定为假冒。估算已销售金额约9.8万元，仓内存货约300余箱，货值约50万元，超过销售假冒注册商标的商品罪立案追诉标准。",
      brands: [JORDAN, NIKE],
      sites: [
        site("warehouse", "350303", "福建省莆田市涵江区梧塘镇沁后村物流仓储园 D 栋 2 号库", {
          ...at(25.501844, 119.090263, 15),
          notes: "2026年10月9日平台人员现场核查：卷帘门仓库，门口堆放印有“AJ”字样的纸箱。",
        }),
      ],
      accounts: [
        store("taobao", "63702218", "aj_zhuanmai", "AJ篮球鞋专卖", ["486000", 1352, ...H3], [["shared_return_address", 92], ["shared_phone", 90]]),
        store("taobao", "63958104", "qiaodan_youpin", "乔丹潮鞋优品", ["271300", 804, ...H3], [["shared_return_address", 92]]),
        store("taobao", "64110367", "lanqiu_xiecheng", "篮球鞋城", ["158900", 455, ...H3], [["shared_phone", 90], ["shared_ip", 70]]),
      ],
      persons: [suspect("controller", "蔡志勇", "35032219860211397", "13959418806", "仓库租用人，租赁合同登记手机号与店铺退货电话一致。")],
      salesAmount: "98000",
      unsoldGoodsValue: "500000",
      logistics: [ship("韵达快递", "4315560178924", "350303", "福建省莆田市涵江区梧塘镇", 420, "整箱揽收后在网点拆包分发。")],
      testPurchases: [
        buy("3321047759382016", "63702218", "429.00", "2026-09-25", "Air Jordan 4 篮球鞋 1 双（43 码，白蓝配色）",
          "平台证据室 B-09 柜，封存袋编号 PT-2026-0925-01",
          "2026年10月2日，耐克公司出具鉴定意见：Jumpman 标识、鞋盒标签与正品不符，系假冒注册商标的商品。",
          "4315560178924"),
      ],
    },
  },
  {
    reference: "AC-2026-000009",
    at: "2026-08-20T03:30:00Z",
    operation: "spring-shoes-2026",
    lead: {
      title: "荔城区新度镇假冒阿迪达斯运动鞋生产窝点",
      category: "footwear_apparel",
      priority: "high",
      suspectedCharges: ["art213", "art214"],
      summary:
        "一家1688批发店和两家淘宝店销售阿迪达斯 Superstar、Samba 系列运动鞋，批发价仅为正品的两成。三家店铺的发货面单寄件地址均为新度镇下郑村一处厂房，登录IP与厂房宽带一致。试购样品经权利人鉴定为假冒。估算已销售金额约23万元，厂内成品及半成品货值约18万元。厂房负责人林海滨，另有一名车间主管。",
      brands: [ADIDAS],
      sites: [
        site("factory", "350304", "福建省莆田市荔城区新度镇下郑村东埔路128号厂房", {
          ...at(25.468905, 119.040572, 30, "waybill_ship_from"),
        }),
      ],
      accounts: [
        store("alibaba_1688", "b2b-2207748813064", "xindu_xieye", "新度鞋业源头工厂", ["1160000", 214, "2026-02-01", "2026-07-31"], [["shared_ip", 85], ["shared_waybill_sender", 90]]),
        store("taobao", "60588471", "sanye_jingxuan", "三叶草经典鞋精选", ["168000", 560, "2026-02-01", "2026-07-31"], [["shared_waybill_sender", 90]]),
        store("taobao", "61730954", "samba_house", "桑巴德训鞋馆", ["97500", 318, "2026-04-01", "2026-07-31"], [["shared_ip", 85]]),
      ],
      enterprises: [firm("莆田市荔城区海滨鞋服贸易有限公司", "91350304MA2YQ0D81", "manufacturer", "福建省莆田市荔城区新度镇下郑村")],
      persons: [
        suspect("controller", "林海滨", "35030419810926153", "13599057314", "厂房承租人，1688店铺实名认证人。"),
        suspect("employee", "陈丽芳", "35030419880303262", "15059472840", "车间主管。"),
      ],
      salesAmount: "230000",
      unsoldGoodsValue: "180000",
      illegalBusinessVolume: "410000",
      logistics: [ship("中通快递", "73098812406655", "350304", "福建省莆田市荔城区新度镇下郑村", 260)],
      testPurchases: [
        buy("2019847701265538", "b2b-2207748813064", "1200.00", "2026-08-05", "adidas Samba 德训鞋 10 双（批发起订量，混码）",
          "平台证据室 B-10 柜",
          "2026年8月14日，阿迪达斯公司出具鉴定意见：系假冒注册商标的商品。"),
      ],
    },
  },
  {
    reference: "AC-2026-000010",
    at: "2026-05-11T02:00:00Z",
    operation: "spring-shoes-2026",
    lead: {
      title: "秀屿区月塘镇假冒耐克、匡威帆布鞋作坊",
      category: "footwear_apparel",
      priority: "high",
      suspectedCharges: ["art213", "art214"],
      summary:
        "两家淘宝店铺和一家天猫代购店销售“匡威1970s”“耐克开拓者”帆布鞋，发货地为秀屿区月塘镇东沁村一处家庭作坊。店铺注册手机号、收款账户分别归属方建国、方志鹏父子，快递揽收记录显示其雇员李春燕每日送件。试购样品经权利人鉴定为假冒。估算已销售金额约31.5万元，作坊内库存货值约12万元。",
      brands: [CONVERSE, NIKE],
      sites: [
        site("factory", "350305", "福建省莆田市秀屿区月塘镇东沁村东沁路33号（自建房一至二层）", {
          ...at(25.357712, 119.048836, 25),
        }),
      ],
      accounts: [
        store("taobao", "55104826", "fang_canvas", "帆布鞋工厂店", ["205000", 1690, "2025-11-01", "2026-04-30"], [["shared_phone", 95], ["shared_payment_account", 95]]),
        store("taobao", "56231740", "chuck70_shop", "经典高帮帆布鞋铺", ["84600", 702, "2025-11-01", "2026-04-30"], [["shared_payment_account", 95]]),
        store("tmall", "600118835", "pioneer_daigou", "开拓者运动代购店", ["25400", 96, "2026-01-01", "2026-04-30"], [["shared_device", 80]]),
      ],
      enterprises: [firm("莆田市秀屿区月塘建国鞋服商行", "92350305MA2WRM4K0", "manufacturer", "福建省莆田市秀屿区月塘镇东沁村")],
      persons: [
        suspect("controller", "方建国", "35032119680504301", "13805948120", "作坊经营者。"),
        suspect("accomplice", "方志鹏", "35030519930817251", "18950217463", "方建国之子，负责网店运营。"),
        suspect("employee", "李春燕", "35030519870129164", "15160527719", "负责打包发货。"),
      ],
      salesAmount: "315000",
      unsoldGoodsValue: "120000",
      illegalGains: "86000",
      logistics: [ship("申通快递", "773012846650", "350305", "福建省莆田市秀屿区月塘镇东沁村", 190)],
      testPurchases: [
        buy("3180552013874426", "55104826", "168.00", "2026-04-18", "CONVERSE 1970s 高帮帆布鞋 1 双（39 码，黑色）",
          "平台证据室 A-12 柜",
          "2026年4月28日，匡威公司出具鉴定意见：系假冒注册商标的商品。"),
      ],
    },
  },
  {
    reference: "AC-2026-000011",
    at: "2026-10-20T07:45:00Z",
    operation: "spring-shoes-2026",
    lead: {
      title: "莆田籍团伙广州白云区仓储销售假冒耐克运动鞋",
      category: "footwear_apparel",
      priority: "normal",
      suspectedCharges: ["art214"],
      summary:
        "三家淘宝店铺的实际控制人为莆田籍人员，店铺注册地址、退货地址位于城厢区龙桥街道，但近三个月的发货面单显示商品由广州市白云区石井街道一处仓库发出。试购样品经权利人鉴定为假冒。已销售金额约12.4万元，白云区仓库存货货值约16万元。",
      brands: [NIKE],
      sites: [
        site("sales_point", "350302", "福建省莆田市城厢区龙桥街道延寿南街55号二楼", { locationSource: "registered_address", notes: "店铺注册及退货地址，现场仅为办公室，无存货。" }),
        site("warehouse", "440111", "广东省广州市白云区石井街道庆丰村工业区 6 号仓", {
          ...at(23.206345, 113.229718, 60, "waybill_ship_from"),
        }),
      ],
      accounts: [
        store("taobao", "62901145", "longqiao_sport", "龙桥运动鞋馆", ["258000", 806, ...H2], [["shared_return_address", 90]]),
        store("taobao", "63015592", "af1_baisehui", "空军一号白色汇", ["143200", 517, ...H2], [["shared_return_address", 90], ["shared_device", 75]]),
        store("taobao", "63220870", "dunk_station", "Dunk板鞋站", ["66900", 231, ...H2], [["shared_waybill_sender", 85]]),
      ],
      persons: [suspect("controller", "黄德明", "35030219840618271", "13860908852", "店铺实际控制人，常住广州。")],
      salesAmount: "124000",
      unsoldGoodsValue: "160000",
      logistics: [ship("圆通速递", "YT7581230964471", "440111", "广东省广州市白云区石井街道", 300)],
      testPurchases: [
        buy("3319920065417783", "62901145", "299.00", "2026-10-08", "NIKE Dunk Low 板鞋 1 双（42 码）",
          "平台证据室 B-11 柜",
          "2026年10月15日，耐克公司出具鉴定意见：系假冒注册商标的商品。",
          "YT7581230964471"),
      ],
    },
  },
  {
    reference: "AC-2026-000012",
    at: "2026-11-02T02:25:00Z",
    lead: {
      title: "仙游县郊尾镇假冒彪马运动鞋网店",
      category: "footwear_apparel",
      priority: "normal",
      suspectedCharges: ["art214"],
      summary:
        "两家淘宝店铺销售彪马 Suede、RS-X 系列运动鞋，发货地为仙游县郊尾镇。店铺登录设备相同，收款账户为同一人。试购一双，经权利人初步鉴定为假冒。已销售金额约6.9万元，库存情况待核实。",
      brands: [PUMA],
      sites: [site("warehouse", "350322", "福建省莆田市仙游县郊尾镇沙溪村46号", { notes: "仅有面单发货地址，尚未现场核查。" })],
      accounts: [
        store("taobao", "64417752", "puma_suede_cang", "复古板鞋仓", ["52300", 311, ...H3], [["shared_device", 85], ["shared_payment_account", 90]]),
        store("taobao", "64506819", "rsx_chaoxie", "老爹鞋潮流店", ["16800", 97, ...H3], [["shared_device", 85]]),
      ],
      persons: [suspect("store_operator", "郭晓峰", "35032219920704113", "18759420361")],
      salesAmount: "69000",
      logistics: [ship("中通快递", "73117406528813", "350322", "福建省莆田市仙游县郊尾镇", 45)],
      testPurchases: [
        buy("3338104452960175", "64417752", "239.00", "2026-10-22", "PUMA Suede Classic 板鞋 1 双（40 码）",
          "平台证据室 B-12 柜",
          "2026年10月30日，彪马公司出具初步鉴定意见：系假冒注册商标的商品（正式报告待出具）。"),
      ],
    },
  },
  {
    reference: "AC-2026-000013",
    at: "2026-11-04T01:50:00Z",
    operation: "spring-shoes-2026",
    lead: {
      title: "城厢区华亭镇假冒新百伦运动鞋作坊",
      category: "footwear_apparel",
      priority: "high",
      suspectedCharges: ["art213", "art214"],
      summary:
        "四家淘宝店铺销售新百伦 574、990 系列运动鞋，发货地集中于城厢区华亭镇园头村。四店共用两部手机号和同一退货地址，寄件人均为“余某”。试购样品经权利人鉴定为假冒。估算已销售金额约17.6万元，作坊存货货值约9万元。",
      brands: [NEW_BALANCE],
      sites: [site("factory", "350302", "福建省莆田市城厢区华亭镇园头村园下路21号", { ...at(25.408217, 118.935604, 40, "waybill_ship_from") })],
      accounts: [
        store("taobao", "64630271", "nb574_gongchang", "574复古跑鞋工厂", ["98000", 402, ...H3], [["shared_phone", 92], ["shared_return_address", 90]]),
        store("taobao", "64702596", "laoyeye_xie", "老爹跑鞋铺", ["46200", 190, ...H3], [["shared_phone", 92]]),
        store("taobao", "64851037", "huating_sport", "华亭运动城", ["21500", 88, ...H3], [["shared_return_address", 90]]),
        store("taobao", "64913380", "nb990_outlet", "990美产折扣店", ["10300", 29, ...H3], [["shared_waybill_sender", 80]]),
      ],
      persons: [suspect("controller", "余国庆", "35030219771001293", "13705940815", "作坊负责人，面单寄件人。")],
      salesAmount: "176000",
      unsoldGoodsValue: "90000",
      logistics: [ship("韵达快递", "4316092257318", "350302", "福建省莆田市城厢区华亭镇园头村", 140)],
      testPurchases: [
        buy("3340617729150046", "64630271", "279.00", "2026-10-25", "New Balance 574 跑鞋 1 双（42 码，灰色）",
          "平台证据室 B-13 柜",
          "2026年11月1日，新平衡公司出具鉴定意见：系假冒注册商标的商品。"),
      ],
    },
  },
  {
    reference: "AC-2026-000014",
    at: "2026-10-30T08:05:00Z",
    operation: "spring-shoes-2026",
    lead: {
      title: "秀屿区东峤镇假冒耐克 Dunk 板鞋加工点",
      category: "footwear_apparel",
      priority: "high",
      suspectedCharges: ["art213", "art214"],
      summary:
        "西天尾镇加工厂（AC-2026-000007）被查后，其原有客户的货源改由秀屿区东峤镇一处加工点供应。该加工点老板郑伟系郑文涛的堂弟，通过两家淘宝店和一家1688店销售耐克 Dunk 系列板鞋；1688店铺绑定的联系手机号此前为郑文涛使用。试购样品经权利人鉴定为假冒。估算已销售金额约8.3万元，加工点存货货值约14万元。",
      brands: [NIKE],
      sites: [
        site("factory", "350305", "福建省莆田市秀屿区东峤镇汀港村汀港路77号", { ...at(25.263718, 119.124305, 30, "waybill_ship_from") }),
      ],
      accounts: [
        store("taobao", "65002814", "dunk_gongchang", "Dunk板鞋源头厂", ["61000", 220, "2026-08-01", "2026-10-25"], [["shared_phone", 90]]),
        store("taobao", "65039927", "dongqiao_xie", "东峤鞋仓", ["22000", 85, "2026-08-01", "2026-10-25"], [["shared_device", 80]]),
        store("alibaba_1688", "b2b-2213385620197", "dq_banxie", "东峤板鞋批发", ["190000", 31, "2026-08-01", "2026-10-25"], [["shared_phone", 90], ["shared_payment_account", 85]]),
      ],
      persons: [
        suspect("controller", "郑伟", "35030519880214195", "13859031642", "加工点老板，郑文涛的堂弟。"),
        suspect("other", "郑文涛", "35030419830722033", ZHENG_WENTAO_PHONE, "与 AC-2026-000007 中的帮手为同一人，已于西天尾镇加工厂被查时刑事拘留；其手机号仍绑定本案1688店铺。"),
      ],
      salesAmount: "83000",
      unsoldGoodsValue: "140000",
      logistics: [ship("极兔速递", "JT3011402875163", "350305", "福建省莆田市秀屿区东峤镇", 110)],
      testPurchases: [
        buy("3335502819476620", "65002814", "319.00", "2026-10-19", "NIKE Dunk Low 熊猫配色板鞋 1 双（40 码）",
          "平台证据室 B-14 柜",
          "2026年10月27日，耐克公司出具鉴定意见：系假冒注册商标的商品。",
          "JT3011402875163"),
      ],
    },
  },
];
