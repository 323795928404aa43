/**
 * The Putian story's leads (DOMAIN.md), as drafts by the platform investigator, created through the lead
 * domain (app/domain/cases.server.ts) so each has its audit record like any other lead. The workflow seed
 * advances some of them and the evidence seed attaches files, both by reference: the references below are
 * fixed, which holds because these are the first leads of an empty database.
 *
 * Everything here is invented for the demonstration (names, identity numbers, phones, store ids, credit
 * codes), but shaped like the real thing: the codes carry valid check characters, the places are real
 * divisions, and the amounts put each lead where the story needs it against the prosecution thresholds.
 */
import { createLead } from "../app/domain/cases.server";
import { LeadFormSchema } from "../app/domain/cases.schema";
import type { Viewer } from "../app/domain/policy";
import { loadViewer } from "../app/domain/viewers.server";
import type { Transaction } from "./client";
import { jointOperations } from "./schema";
import type { DemoWorldContext } from "./seed";

function viewerOf(tx: Transaction, userId: string): Promise<Viewer> {
  return loadViewer(tx, { userId });
}

const NIKE = { brand: "NIKE", rightsHolder: "耐克创新有限合伙公司（Nike Innovate C.V.）", trademarkRegistrationNo: "146658" };
const JORDAN = { brand: "AIR JORDAN / Jumpman", rightsHolder: "耐克创新有限合伙公司（Nike Innovate C.V.）", trademarkRegistrationNo: "G1256782" };
const ADIDAS = { brand: "adidas", rightsHolder: "阿迪达斯有限公司（adidas AG）", trademarkRegistrationNo: "G730835" };

/** The boss of the Xiuyu factory and his two accomplices: their phones tie the later leads to this one. */
const CHEN_PHONE = "13805941268";
const LIN_PHONE = "13906021357";
const HUANG_PHONE = "15959427730";

function demoLeads(operation: { shoes?: string; cloudSword?: string }) {
  return [
    {
      reference: "AC-2026-000001",
      at: "2026-09-24T02:15:00Z",
      lead: {
        title: "莆田秀屿区假冒耐克运动鞋生产窝点",
        category: "footwear_apparel",
        priority: "urgent",
        jointOperationId: operation.shoes,
        suspectedCharges: ["art213", "art214"],
        summary: [
          "2026年9月，平台物流数据监测发现三家淘宝店铺的发货地集中于莆田市秀屿区笏石镇下屿村一处三层民房，日均发货量约470单。",
          "三家店铺登记同一联系手机号、使用同一台设备登录，快递面单寄件人均为“陈某”，退货地址相同。平台试购的耐克 Air Jordan 1 运动鞋经权利人鉴定为假冒注册商标的商品。",
          "经现场核查，该民房一至三层为制鞋作坊，另在东庄镇租有成品仓库。初步估算已销售金额约12.6万元，仓库内未售成品约2800双，货值约27.4万元，合计约40万元，超过销售假冒注册商标的商品罪立案追诉标准。作坊负责人陈建华，另有林志强、黄秀英两名帮手负责发货和收款。",
        ].join("\n"),
        brands: [NIKE, JORDAN],
        sites: [
          {
            type: "factory",
            address: "福建省莆田市秀屿区笏石镇下屿村工业路18号（民房一至三层）",
            provinceCode: "350000",
            cityCode: "350300",
            districtCode: "350305",
            latitude: 25.321486,
            longitude: 119.092107,
            coordinateSystem: "gcj02",
            precisionMeters: 30,
            locationSource: "waybill_ship_from",
            notes: "面单发货地址与三家店铺退货地址一致；夜间有货车装卸。",
          },
          {
            type: "warehouse",
            address: "福建省莆田市秀屿区东庄镇东庄村六组2号仓库",
            provinceCode: "350000",
            cityCode: "350300",
            districtCode: "350305",
            latitude: 25.289731,
            longitude: 119.141652,
            coordinateSystem: "gcj02",
            precisionMeters: 10,
            locationSource: "field_check",
            notes: "2026年10月8日平台人员现场核查，卷帘门仓库，内有成箱鞋盒。",
          },
        ],
        accounts: [
          {
            marketplace: "taobao",
            storeId: "57301846",
            sellerId: "tb_chen2016",
            storeName: "潮流运动鞋工厂直销店",
            status: "active",
            gmv: "1286400",
            orders: 3308,
            periodFrom: "2026-03-01",
            periodTo: "2026-08-31",
            linkReasons: [
              { reason: "shared_phone", confidence: 95 },
              { reason: "shared_device", confidence: 88 },
              { reason: "shared_waybill_sender", confidence: 92 },
            ],
          },
          {
            marketplace: "taobao",
            storeId: "60129377",
            sellerId: "xiuyu_shoes88",
            storeName: "秀屿正品鞋城",
            status: "active",
            gmv: "835200",
            orders: 2176,
            periodFrom: "2026-03-01",
            periodTo: "2026-08-31",
            linkReasons: [
              { reason: "shared_phone", confidence: 95 },
              { reason: "shared_return_address", confidence: 90 },
            ],
          },
          {
            marketplace: "taobao",
            storeId: "62258810",
            sellerId: "runfast_outlet",
            storeName: "疾跑体育折扣店",
            status: "frozen",
            gmv: "412600",
            orders: 1093,
            periodFrom: "2026-05-01",
            periodTo: "2026-08-31",
            linkReasons: [
              { reason: "shared_device", confidence: 85 },
              { reason: "shared_waybill_sender", confidence: 80 },
            ],
          },
        ],
        enterprises: [
          { name: "莆田市秀屿区鸿运鞋业有限公司", creditCode: "91350305MA33R2KX5T", role: "manufacturer", address: "福建省莆田市秀屿区笏石镇下屿村工业路18号" },
        ],
        persons: [
          { role: "controller", name: "陈建华", idNumber: "350321197806142519", phone: CHEN_PHONE, notes: "作坊实际负责人，三家店铺的注册手机号均为其本人使用。" },
          { role: "accomplice", name: "林志强", idNumber: "350305198509231835", phone: LIN_PHONE, notes: "负责打包发货，快递揽收记录显示其每日送件。" },
          { role: "accomplice", name: "黄秀英", idNumber: "35030419900217362X", phone: HUANG_PHONE, notes: "负责店铺客服与收款，支付账户与店铺绑定。" },
        ],
        salesAmount: "126000",
        unsoldGoodsValue: "274000",
        illegalBusinessVolume: "400000",
        illegalGains: "38000",
        logistics: [
          {
            courier: "中通快递",
            waybillNo: "73102844671528",
            shipFromAddress: "福建省莆田市秀屿区笏石镇下屿村",
            shipFromProvinceCode: "350000",
            shipFromCityCode: "350300",
            shipFromDistrictCode: "350305",
            dailyVolume: 320,
            notes: "寄件人“陈某”，寄件手机号尾号1268。",
          },
          {
            courier: "韵达快递",
            waybillNo: "4312987750231",
            shipFromAddress: "福建省莆田市秀屿区笏石镇",
            shipFromProvinceCode: "350000",
            shipFromCityCode: "350300",
            shipFromDistrictCode: "350305",
            dailyVolume: 150,
          },
        ],
        testPurchases: [
          {
            orderNo: "3298471165203846",
            storeId: "57301846",
            amount: "389.00",
            waybillNo: "73102844671528",
            purchasedOn: "2026-09-12",
            sampleDescription: "NIKE Air Jordan 1 高帮篮球鞋 1 双（42 码，黑红配色）",
            sampleLocation: "平台证据室 B-03 柜，封存袋编号 PT-2026-0912-01",
            authenticationReport: "2026年9月20日，耐克公司出具鉴定意见：样品鞋标、鞋盒、做工与正品不符，系假冒注册商标的商品。",
          },
          {
            orderNo: "3301958820417763",
            storeId: "60129377",
            amount: "269.00",
            waybillNo: "4312987750231",
            purchasedOn: "2026-09-15",
            sampleDescription: "NIKE Air Force 1 低帮板鞋 1 双（40 码，白色）",
            sampleLocation: "平台证据室 B-03 柜，封存袋编号 PT-2026-0915-02",
            authenticationReport: "2026年9月20日，耐克公司出具鉴定意见：系假冒注册商标的商品。",
          },
        ],
      },
    },
    {
      reference: "AC-2026-000002",
      at: "2026-10-09T06:40:00Z",
      lead: {
        title: "莆田荔城区假冒阿迪达斯运动鞋仓储点",
        category: "footwear_apparel",
        priority: "high",
        jointOperationId: operation.shoes,
        suspectedCharges: ["art214"],
        summary:
          "两家淘宝店铺及一家1688店铺的发货地指向荔城区黄石镇一处仓储点，发货人手机号与秀屿区制鞋窝点（AC-2026-000001）的帮手林志强一致。试购的阿迪达斯运动鞋经权利人鉴定为假冒。已销售金额约8.6万元，仓内未售成品货值约21万元。",
        brands: [ADIDAS],
        sites: [
          {
            type: "warehouse",
            address: "福建省莆田市荔城区黄石镇沙坂村物流园C区12号",
            provinceCode: "350000",
            cityCode: "350300",
            districtCode: "350304",
            latitude: 25.402318,
            longitude: 119.081544,
            coordinateSystem: "gcj02",
            precisionMeters: 50,
            locationSource: "waybill_ship_from",
          },
        ],
        accounts: [
          {
            marketplace: "taobao",
            storeId: "63390215",
            sellerId: "huangshi_sport",
            storeName: "黄石运动鞋仓",
            status: "active",
            gmv: "356800",
            orders: 1204,
            periodFrom: "2026-04-01",
            periodTo: "2026-09-30",
            linkReasons: [{ reason: "shared_phone", confidence: 90 }],
          },
          {
            marketplace: "taobao",
            storeId: "63518842",
            sellerId: "sanye_outlet",
            storeName: "三叶运动特卖",
            status: "active",
            gmv: "198300",
            orders: 702,
            periodFrom: "2026-04-01",
            periodTo: "2026-09-30",
            linkReasons: [
              { reason: "shared_ip", confidence: 75 },
              { reason: "shared_return_address", confidence: 85 },
            ],
          },
          {
            marketplace: "alibaba_1688",
            storeId: "b2b-2208815530917",
            sellerId: "ptlc_xieye",
            storeName: "莆田荔城鞋业批发",
            status: "active",
            gmv: "512000",
            orders: 96,
            periodFrom: "2026-04-01",
            periodTo: "2026-09-30",
            linkReasons: [{ reason: "shared_payment_account", confidence: 80 }],
          },
        ],
        enterprises: [
          { name: "莆田市荔城区顺达鞋业贸易有限公司", creditCode: "91350304MA8U7TQ41H", role: "seller", address: "福建省莆田市荔城区黄石镇沙坂村" },
        ],
        persons: [
          { role: "store_operator", name: "林志强", idNumber: "350305198509231835", phone: LIN_PHONE, notes: "与 AC-2026-000001 中的帮手为同一人。" },
          { role: "employee", name: "郑丽娟", idNumber: "350302199505061221", phone: "13850217746" },
        ],
        salesAmount: "86000",
        unsoldGoodsValue: "210000",
        logistics: [
          {
            courier: "圆通速递",
            waybillNo: "YT7526190384417",
            shipFromAddress: "福建省莆田市荔城区黄石镇沙坂村物流园",
            shipFromProvinceCode: "350000",
            shipFromCityCode: "350300",
            shipFromDistrictCode: "350304",
            dailyVolume: 210,
          },
        ],
        testPurchases: [
          {
            orderNo: "3312074416698214",
            storeId: "63390215",
            amount: "299.00",
            waybillNo: "YT7526190384417",
            purchasedOn: "2026-09-28",
            sampleDescription: "adidas Ultraboost 跑鞋 1 双（43 码）",
            sampleLocation: "平台证据室 B-04 柜",
            authenticationReport: "2026年10月5日，阿迪达斯公司出具鉴定意见：系假冒注册商标的商品。",
          },
        ],
      },
    },
    {
      reference: "AC-2026-000003",
      at: "2026-10-16T03:05:00Z",
      lead: {
        title: "涵江区假冒耐克 Jordan 鞋标印制点",
        category: "footwear_apparel",
        priority: "high",
        jointOperationId: operation.shoes,
        suspectedCharges: ["art215"],
        summary:
          "秀屿区制鞋窝点（AC-2026-000001）所用的 Jumpman 鞋标、吊牌经物流回溯来自涵江区江口镇一家印务作坊。该作坊通过1688店铺对外销售“运动鞋辅料”，联系人手机号与黄秀英一致。估计已印制、销售鞋标约2.6万件。",
        brands: [JORDAN, NIKE],
        sites: [
          {
            type: "label_printer",
            address: "福建省莆田市涵江区江口镇石庭村印刷小区7号",
            provinceCode: "350000",
            cityCode: "350300",
            districtCode: "350303",
            latitude: 25.488713,
            longitude: 119.187402,
            coordinateSystem: "gcj02",
            precisionMeters: 80,
            locationSource: "registered_address",
          },
        ],
        accounts: [
          {
            marketplace: "alibaba_1688",
            storeId: "b2b-1986630421558",
            sellerId: "jiangkou_yinwu",
            storeName: "江口鞋材辅料印务",
            status: "active",
            gmv: "62000",
            orders: 41,
            periodFrom: "2026-01-01",
            periodTo: "2026-09-30",
            linkReasons: [{ reason: "shared_phone", confidence: 85 }],
          },
        ],
        enterprises: [{ name: "莆田市涵江区江口恒印印务部", creditCode: "92350303MA2YJ5N868", role: "label_printer", address: "福建省莆田市涵江区江口镇石庭村" }],
        persons: [
          { role: "controller", name: "吴国平", idNumber: "350303198204051419", phone: "13705947702" },
          { role: "other", name: "黄秀英", idNumber: "35030419900217362X", phone: HUANG_PHONE, notes: "订货联系人，与 AC-2026-000001 中的帮手为同一人。" },
        ],
        illegalBusinessVolume: "62000",
        illegalGains: "21000",
        logistics: [{ courier: "申通快递", waybillNo: "773009215874", shipFromAddress: "福建省莆田市涵江区江口镇", dailyVolume: 12 }],
        testPurchases: [
          {
            orderNo: "2044815569023117",
            storeId: "b2b-1986630421558",
            amount: "180.00",
            purchasedOn: "2026-10-10",
            sampleDescription: "Jumpman 鞋舌标 500 枚、吊牌 200 张",
            sampleLocation: "平台证据室 B-05 柜",
            authenticationReport: "2026年10月14日，耐克公司出具鉴定意见：系伪造的注册商标标识。",
          },
        ],
      },
    },
    {
      reference: "AC-2026-000004",
      at: "2026-10-28T08:20:00Z",
      lead: {
        title: "广州白云区假冒手机配件加工厂",
        category: "digital_accessories",
        priority: "normal",
        jointOperationId: operation.cloudSword,
        suspectedCharges: ["art213", "art214"],
        summary:
          "速卖通与1688上多家店铺销售“原装”苹果充电器和数据线，发货地集中于广州市白云区太和镇一处厂房。试购样品经鉴定为假冒，且存在安全隐患。已销售金额约53万元，厂内半成品和成品货值约18万元。",
        brands: [{ brand: "Apple", rightsHolder: "苹果公司（Apple Inc.）", trademarkRegistrationNo: "G1105126" }],
        sites: [
          {
            type: "factory",
            address: "广东省广州市白云区太和镇大源村工业区 B 栋 3 楼",
            provinceCode: "440000",
            cityCode: "440100",
            districtCode: "440111",
            latitude: 23.279115,
            longitude: 113.351427,
            coordinateSystem: "gcj02",
            precisionMeters: 40,
            locationSource: "waybill_ship_from",
          },
        ],
        accounts: [
          {
            marketplace: "aliexpress",
            storeId: "1102736544",
            sellerId: "gz_power_acc",
            storeName: "Original Power Accessories Store",
            status: "active",
            gmv: "380000",
            orders: 9120,
            periodFrom: "2026-02-01",
            periodTo: "2026-09-30",
            linkReasons: [{ reason: "shared_waybill_sender", confidence: 90 }],
          },
          {
            marketplace: "alibaba_1688",
            storeId: "b2b-2210475533196",
            sellerId: "baiyun_dianzi",
            storeName: "白云数码配件厂",
            status: "active",
            gmv: "150000",
            orders: 230,
            periodFrom: "2026-02-01",
            periodTo: "2026-09-30",
            linkReasons: [{ reason: "shared_payment_account", confidence: 85 }],
          },
        ],
        enterprises: [{ name: "广州市白云区迅充电子科技有限公司", creditCode: "91440111MA9W3HF274", role: "manufacturer", address: "广东省广州市白云区太和镇大源村" }],
        persons: [{ role: "controller", name: "何永明", idNumber: "440111198709302210", phone: "13926085514" }],
        salesAmount: "530000",
        unsoldGoodsValue: "180000",
        logistics: [
          {
            courier: "顺丰速运",
            waybillNo: "SF1388204576321",
            shipFromAddress: "广东省广州市白云区太和镇",
            shipFromProvinceCode: "440000",
            shipFromCityCode: "440100",
            shipFromDistrictCode: "440111",
            dailyVolume: 600,
          },
        ],
        testPurchases: [
          {
            orderNo: "8160552290417735",
            storeId: "1102736544",
            amount: "59.90",
            waybillNo: "SF1388204576321",
            purchasedOn: "2026-10-15",
            sampleDescription: "20W USB-C 电源适配器 2 个、USB-C 转 Lightning 数据线 2 条",
            sampleLocation: "平台证据室 C-01 柜",
            authenticationReport: "2026年10月22日，苹果公司授权机构出具鉴定意见：系假冒注册商标的商品；电气安全不符合国家标准。",
          },
        ],
      },
    },
    {
      reference: "AC-2026-000005",
      at: "2026-11-06T01:30:00Z",
      lead: {
        title: "仙游县假冒品牌童鞋作坊",
        category: "mother_baby",
        priority: "normal",
        suspectedCharges: ["art214", "art140"],
        summary:
          "淘宝两家童鞋店铺销售假冒“巴拉巴拉”品牌童鞋，发货地为仙游县榜头镇一处家庭作坊。试购样品经鉴定为假冒，鞋底材料不符合童鞋安全标准。已销售金额约6.8万元。",
        brands: [{ brand: "巴拉巴拉 Balabala", rightsHolder: "浙江森马服饰股份有限公司", trademarkRegistrationNo: "3297744" }],
        sites: [
          {
            type: "factory",
            address: "福建省莆田市仙游县榜头镇坝下村32号",
            provinceCode: "350000",
            cityCode: "350300",
            districtCode: "350322",
            locationSource: "waybill_ship_from",
            notes: "仅有面单发货地，尚待现场核查。",
          },
        ],
        accounts: [
          {
            marketplace: "taobao",
            storeId: "64021739",
            sellerId: "xianyou_baby",
            storeName: "仙游宝贝童鞋坊",
            status: "active",
            gmv: "68000",
            orders: 1130,
            periodFrom: "2026-05-01",
            periodTo: "2026-10-31",
            linkReasons: [{ reason: "shared_waybill_sender", confidence: 85 }],
          },
          {
            marketplace: "taobao",
            storeId: "64022815",
            sellerId: "mengbao_xie",
            storeName: "萌宝学步鞋",
            status: "active",
            linkReasons: [{ reason: "shared_device", confidence: 70 }],
          },
        ],
        enterprises: [{ name: "仙游县榜头镇巧足鞋业加工部", creditCode: "92350322MA34LKQ08R", role: "manufacturer" }],
        persons: [{ role: "controller", name: "蔡明辉", idNumber: "350322197908120413", phone: "13559421086" }],
        salesAmount: "68000",
        logistics: [{ courier: "中通快递", waybillNo: "73109920315566", shipFromAddress: "福建省莆田市仙游县榜头镇", dailyVolume: 60 }],
        testPurchases: [
          {
            orderNo: "3330157748201593",
            storeId: "64021739",
            amount: "89.00",
            purchasedOn: "2026-10-29",
            sampleDescription: "巴拉巴拉儿童运动鞋 1 双（28 码）",
            sampleLocation: "平台证据室 B-06 柜",
            authenticationReport: "2026年11月3日，浙江森马服饰股份有限公司出具鉴定意见：系假冒注册商标的商品。",
          },
        ],
      },
    },
    {
      reference: "AC-2026-000006",
      at: "2026-11-18T07:10:00Z",
      lead: {
        title: "莆田城厢区假冒运动服饰网店",
        category: "footwear_apparel",
        priority: "low",
        suspectedCharges: ["art214"],
        summary:
          "一家新开淘宝店铺销售假冒耐克、阿迪达斯运动服饰，发货地为城厢区霞林街道一处出租屋。已销售金额约1.86万元，库存货值约2.3万元，均低于立案追诉标准，拟移交市场监督管理部门处理。",
        brands: [NIKE, ADIDAS],
        sites: [
          {
            type: "sales_point",
            address: "福建省莆田市城厢区霞林街道荔华东大道218号出租屋",
            provinceCode: "350000",
            cityCode: "350300",
            districtCode: "350302",
            locationSource: "waybill_ship_from",
          },
        ],
        accounts: [
          {
            marketplace: "taobao",
            storeId: "65117203",
            sellerId: "xialin_sport",
            storeName: "霞林运动潮服",
            status: "active",
            gmv: "18600",
            orders: 212,
            periodFrom: "2026-08-01",
            periodTo: "2026-10-31",
            linkReasons: [{ reason: "shared_return_address", confidence: 60 }],
          },
        ],
        persons: [{ role: "store_operator", name: "王晓东", idNumber: "350305198803122015", phone: "18259413307" }],
        salesAmount: "18600",
        unsoldGoodsValue: "23000",
        illegalGains: "6200",
        testPurchases: [
          {
            orderNo: "3341180025597021",
            storeId: "65117203",
            amount: "129.00",
            purchasedOn: "2026-11-10",
            sampleDescription: "耐克运动卫衣 1 件（L 码）",
            sampleLocation: "平台证据室 B-07 柜",
            authenticationReport: "2026年11月15日，耐克公司出具鉴定意见：系假冒注册商标的商品。",
          },
        ],
      },
    },
  ];
}

export async function seedDemoCases(tx: Transaction, context: DemoWorldContext): Promise<void> {
  const investigatorId = context.userIdByEmail.get("investigator@platform.demo");
  if (!investigatorId) throw new Error("seed: the investigator account is missing");
  const investigator = await viewerOf(tx, investigatorId);
  const operations = await tx.select({ id: jointOperations.id, code: jointOperations.code }).from(jointOperations);
  const operationId = (code: string) => operations.find((operation) => operation.code === code)?.id;

  for (const demo of demoLeads({ shoes: operationId("spring-shoes-2026"), cloudSword: operationId("cloud-sword-2026") })) {
    const input = LeadFormSchema.parse(demo.lead);
    const result = await createLead(tx, investigator, input, { ip: null, userAgent: "demo seed", at: new Date(demo.at) });
    if (!result.ok) throw new Error(`seed: lead ${demo.reference} refused: ${JSON.stringify(result)}`);
    // The workflow and evidence seeds find these leads by reference: a different number is a broken world.
    if (result.reference !== demo.reference) {
      throw new Error(`seed: expected ${demo.reference}, the sequence gave ${result.reference} (is the database empty?)`);
    }
    context.caseIdByReference.set(result.reference, result.caseId);
  }
}
