/**
 * The leads AC-2026-000015 … -000020 of the demo world (issue 4): referrals in Putian's inbox (fresh clocks for
 * the e2e specs of accepting, declining and returning; one overdue) and two accepted cases the specs of raids
 * and webhooks work on. All names, numbers, stores and addresses are invented.
 */
import {
  ADIDAS,
  H3,
  NIKE,
  SKECHERS,
  UNDER_ARMOUR,
  at,
  buy,
  firm,
  ship,
  site,
  store,
  suspect,
  type PoliceDemoLead,
} from "./seed-lead-builders";

export const POLICE_DEMO_LEADS_INBOX: PoliceDemoLead[] = [
  {
    reference: "AC-2026-000015",
    at: "2026-11-12T03:10:00Z",
    operation: "spring-shoes-2026",
    lead: {
      title: "荔城区黄石镇假冒斯凯奇健步鞋仓库",
      category: "footwear_apparel",
      priority: "normal",
      suspectedCharges: ["art214"],
      summary:
        "三家淘宝店铺面向中老年人销售“斯凯奇”健步鞋，发货地为荔城区黄石镇横塘村一处仓库，三店收款账户一致。试购样品经权利人鉴定为假冒。已销售金额约7.4万元，仓库存货货值约16.5万元。",
      brands: [SKECHERS],
      sites: [site("warehouse", "350304", "福建省莆田市荔城区黄石镇横塘村横塘路18号仓库", { ...at(25.395612, 119.075148, 50, "waybill_ship_from") })],
      accounts: [
        store("taobao", "65210384", "jianbu_xiecheng", "健步鞋城", ["51800", 388, ...H3], [["shared_payment_account", 93]]),
        store("taobao", "65288105", "laoren_xie", "爸妈舒适鞋", ["17200", 129, ...H3], [["shared_payment_account", 93]]),
        store("taobao", "65301972", "qingbian_walk", "轻便健走鞋", ["5000", 41, ...H3], [["shared_payment_account", 93], ["shared_ip", 70]]),
      ],
      persons: [suspect("controller", "朱伟", "35030419900519173", "15905948812")],
      salesAmount: "74000",
      unsoldGoodsValue: "165000",
      logistics: [ship("中通快递", "73121950463318", "350304", "福建省莆田市荔城区黄石镇横塘村", 90)],
      testPurchases: [
        buy("3342076615893201", "65210384", "159.00", "2026-11-02", "SKECHERS 健步鞋 1 双（38 码）",
          "平台证据室 B-15 柜",
          "2026年11月9日，斯凯奇公司出具鉴定意见：系假冒注册商标的商品。"),
      ],
    },
  },
  {
    reference: "AC-2026-000016",
    at: "2026-11-13T06:30:00Z",
    operation: "spring-shoes-2026",
    lead: {
      title: "莆田—义乌—广州跨区域假冒阿迪达斯运动鞋销售网络",
      category: "footwear_apparel",
      priority: "high",
      suspectedCharges: ["art213", "art214"],
      summary: [
        "涵江区三江口镇一处加工厂生产假冒阿迪达斯运动鞋，成品分两路：一路发往义乌市后宅街道的仓库，由义乌的网店团伙通过淘宝、1688销售；一路批发给广州市越秀区站西路鞋城的档口。",
        "莆田加工厂规模较小，主要货值和销售集中在义乌仓库（估算存货货值约26万元）和广州档口（估算已销售约15万元）。试购样品经权利人鉴定为假冒。",
      ].join("\n"),
      brands: [ADIDAS],
      sites: [
        site("factory", "350303", "福建省莆田市涵江区三江口镇东甲村工业区 3 号", { notes: "加工厂，约十名工人。" }),
        site("warehouse", "330782", "浙江省金华市义乌市后宅街道遗安村物流园 B 区 17 号", {
          ...at(29.347216, 120.094507, 40, "waybill_ship_from"),
        }),
        site("sales_point", "440104", "广东省广州市越秀区站西路鞋城三楼 3108 档", { locationSource: "test_purchase", notes: "档口现场试购，开具收据。" }),
      ],
      accounts: [
        store("taobao", "65420638", "yiwu_sanye", "义乌三叶运动仓", ["118000", 460, ...H3], [["shared_waybill_sender", 88]]),
        store("alibaba_1688", "b2b-2214062937781", "yw_ydxie", "义乌运动鞋一件代发", ["236000", 57, ...H3], [["shared_waybill_sender", 88], ["shared_payment_account", 80]]),
      ],
      persons: [
        suspect("controller", "吴志坚", "35030319850923117", "13696906624", "三江口加工厂负责人。"),
        suspect("store_operator", "楼佳琪", "33078219940211082", "15857916035", "义乌仓库及网店经营者。"),
      ],
      salesAmount: "150000",
      unsoldGoodsValue: "260000",
      logistics: [
        ship("德邦快递", "DPK202611080551", "350303", "福建省莆田市涵江区三江口镇", 8, "整车大件发往义乌，每周两至三次。"),
        ship("中通快递", "73125508461907", "330782", "浙江省金华市义乌市后宅街道", 210),
      ],
      testPurchases: [
        buy("3343318802766154", "65420638", "268.00", "2026-11-03", "adidas Forum Low 板鞋 1 双（41 码）",
          "平台证据室 B-16 柜",
          "2026年11月10日，阿迪达斯公司出具鉴定意见：系假冒注册商标的商品。",
          "73125508461907"),
      ],
    },
  },
  {
    reference: "AC-2026-000017",
    at: "2026-11-14T02:55:00Z",
    lead: {
      title: "城厢区凤凰山街道假冒安德玛运动服饰网店",
      category: "footwear_apparel",
      priority: "normal",
      suspectedCharges: ["art214"],
      summary:
        "两家淘宝店铺销售安德玛运动T恤、紧身衣和训练鞋，发货地为城厢区凤凰山街道一处出租屋，两店实名认证人为夫妻。试购样品经权利人鉴定为假冒。已销售金额约5.6万元，出租屋内存货情况待现场核实。",
      brands: [UNDER_ARMOUR],
      sites: [site("sales_point", "350302", "福建省莆田市城厢区凤凰山街道东圳路106号出租屋")],
      accounts: [
        store("taobao", "65517206", "ua_xunlian", "UA训练装备店", ["38900", 512, ...H3], [["shared_ip", 80], ["shared_return_address", 88]]),
        store("taobao", "65560431", "jianshen_fushi", "健身运动服饰馆", ["17100", 230, ...H3], [["shared_return_address", 88]]),
      ],
      persons: [
        suspect("store_operator", "刘俊杰", "35030219890314155", "18850251907"),
        suspect("store_operator", "陈雅婷", "35030219910826302", "18850251916"),
      ],
      salesAmount: "56000",
      logistics: [ship("圆通速递", "YT7602215839064", "350302", "福建省莆田市城厢区凤凰山街道", 35)],
      testPurchases: [
        buy("3343871104528836", "65517206", "129.00", "2026-11-04", "UNDER ARMOUR 运动紧身衣 1 件（L 码）",
          "平台证据室 B-17 柜",
          "2026年11月11日，安德玛公司出具鉴定意见：系假冒注册商标的商品。"),
      ],
    },
  },
  {
    reference: "AC-2026-000018",
    at: "2026-10-26T05:20:00Z",
    operation: "spring-shoes-2026",
    lead: {
      title: "涵江区江口镇假冒阿迪达斯椰子鞋生产厂",
      category: "footwear_apparel",
      priority: "urgent",
      suspectedCharges: ["art213", "art214"],
      summary:
        "三家淘宝店铺和一家1688店铺销售阿迪达斯 Yeezy 350 系列运动鞋，发货地为涵江区江口镇新前村一处厂房，另在同镇租有一处成品仓库。四店收款账户归属同一企业，试购样品经权利人鉴定为假冒。估算已销售金额约21万元，厂内及仓库存货货值约35万元。",
      brands: [ADIDAS],
      sites: [
        site("factory", "350303", "福建省莆田市涵江区江口镇新前村新前路52号厂房", { ...at(25.482036, 119.198517, 20) }),
        site("warehouse", "350303", "福建省莆田市涵江区江口镇刘庄村刘庄路8号仓库", { ...at(25.476602, 119.205843, 60, "waybill_ship_from") }),
      ],
      accounts: [
        store("taobao", "64027713", "yeezy_gongchang", "椰子鞋源头工厂", ["142000", 410, ...H3], [["shared_payment_account", 95]]),
        store("taobao", "64169258", "350_boost", "爆米花跑鞋馆", ["52500", 168, ...H3], [["shared_payment_account", 95], ["shared_device", 85]]),
        store("taobao", "64283390", "jiangkou_chaoxie", "江口潮鞋", ["15500", 49, ...H3], [["shared_device", 85]]),
        store("alibaba_1688", "b2b-2211690458326", "jk_yzx", "江口椰子鞋批发", ["620000", 77, ...H3], [["shared_payment_account", 95]]),
      ],
      enterprises: [firm("莆田市涵江区新前鞋业有限公司", "91350303MA32TB8N4", "manufacturer", "福建省莆田市涵江区江口镇新前村")],
      persons: [
        suspect("controller", "吴建新", "35030319800412113", "13860983027", "厂房实际经营者。"),
        suspect("accomplice", "吴丽萍", "35030319850306164", "13860983158", "负责采购鞋底、鞋面等材料。"),
      ],
      salesAmount: "210000",
      unsoldGoodsValue: "350000",
      illegalBusinessVolume: "560000",
      logistics: [ship("中通快递", "73113874205561", "350303", "福建省莆田市涵江区江口镇刘庄村", 280)],
      testPurchases: [
        buy("3332817740591628", "64027713", "399.00", "2026-10-14", "adidas Yeezy Boost 350 V2 1 双（42 码）",
          "平台证据室 B-18 柜",
          "2026年10月21日，阿迪达斯公司出具鉴定意见：系假冒注册商标的商品。"),
      ],
    },
  },
  {
    reference: "AC-2026-000019",
    at: "2026-11-05T04:40:00Z",
    operation: "spring-shoes-2026",
    lead: {
      title: "秀屿区东庄镇假冒耐克拖鞋及凉鞋作坊",
      category: "footwear_apparel",
      priority: "normal",
      suspectedCharges: ["art214"],
      summary:
        "两家淘宝店铺夏季以来大量销售耐克 Benassi 拖鞋、Sunray 凉鞋，发货地为秀屿区东庄镇前云村一处作坊，两店共用同一发货手机号。试购样品经权利人鉴定为假冒。已销售金额约9.2万元，作坊存货货值约7万元。",
      brands: [NIKE],
      sites: [site("factory", "350305", "福建省莆田市秀屿区东庄镇前云村前云路15号", { ...at(25.296408, 119.153067, 50, "waybill_ship_from") })],
      accounts: [
        store("taobao", "63845102", "tuoxie_gongchang", "运动拖鞋工厂店", ["67400", 1160, "2026-05-01", "2026-10-31"], [["shared_waybill_sender", 90]]),
        store("taobao", "63901376", "xiaji_liangxie", "夏季凉拖专卖", ["24600", 402, "2026-05-01", "2026-10-31"], [["shared_waybill_sender", 90], ["shared_phone", 85]]),
      ],
      persons: [suspect("controller", "何美华", "35030519820618226", "15980362471", "作坊负责人，发货手机号实名登记人。")],
      salesAmount: "92000",
      unsoldGoodsValue: "70000",
      logistics: [ship("中通快递", "73119035562804", "350305", "福建省莆田市秀屿区东庄镇前云村", 150)],
      testPurchases: [
        buy("3337450913388021", "63845102", "89.00", "2026-10-24", "NIKE Benassi 运动拖鞋 1 双（42 码）",
          "平台证据室 B-19 柜",
          "2026年11月2日，耐克公司出具鉴定意见：系假冒注册商标的商品。",
          "73119035562804"),
      ],
    },
  },
  {
    reference: "AC-2026-000020",
    at: "2026-11-10T01:35:00Z",
    operation: "spring-shoes-2026",
    lead: {
      title: "涵江区白塘镇假冒耐克 Air Force 1 直播带货团伙",
      category: "footwear_apparel",
      priority: "high",
      suspectedCharges: ["art214"],
      summary:
        "一家淘宝店铺通过直播以“工厂尾单”名义销售耐克 Air Force 1 板鞋，单场直播成交逾300单。发货地为涵江区白塘镇一处仓库，退货地址与主播登记地址一致。试购样品经权利人鉴定为假冒。已销售金额约13.8万元，仓库存货货值约11万元。",
      brands: [NIKE],
      sites: [site("warehouse", "350303", "福建省莆田市涵江区白塘镇洋尾村洋尾路60号", { ...at(25.437905, 119.108274, 50, "waybill_ship_from") })],
      accounts: [
        store("taobao", "65633084", "af1_zhibo", "空军一号尾单直播间", ["138000", 512, "2026-08-01", "2026-10-31"], [["shared_return_address", 92], ["shared_phone", 90]]),
      ],
      persons: [suspect("store_operator", "林佳慧", "35030319970925264", "17359428851", "店铺主播及实名认证人。")],
      salesAmount: "138000",
      unsoldGoodsValue: "110000",
      logistics: [ship("极兔速递", "JT3018826410937", "350303", "福建省莆田市涵江区白塘镇", 240)],
      testPurchases: [
        buy("3341962087531149", "65633084", "219.00", "2026-10-30", "NIKE Air Force 1 '07 板鞋 1 双（39 码，全白）",
          "平台证据室 B-20 柜",
          "2026年11月6日，耐克公司出具鉴定意见：系假冒注册商标的商品。",
          "JT3018826410937"),
      ],
    },
  },
];
