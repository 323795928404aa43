/**
 * Evidence files on the seeded leads, generated at seed time and stored through the evidence domain
 * (storeEvidence), so their hashes, content types, storage and chains of custody are exactly what a real
 * upload gives. Leads are found by reference; one the case seed did not create is skipped.
 */
import { storeEvidence, type StoreEvidenceInput } from "../app/domain/evidence.server";
import type { Viewer } from "../app/domain/policy";
import { loadViewer } from "../app/domain/viewers.server";
import type { Transaction } from "./client";
import type { DemoWorldContext } from "./seed";
import { authenticationReportPdf, csvFile, factoryPhotoPng, storeScreenshotPng } from "./seed-evidence-files";

interface DemoFile {
  reference: string;
  /** When the investigator uploaded it (the story's time). */
  at: string;
  name: string;
  declaredType: string;
  kind: StoreEvidenceInput["kind"];
  sensitivity?: StoreEvidenceInput["sensitivity"];
  description: string;
  capturedBy: string;
  capturedAt: string | null;
  bytes: () => Buffer | Promise<Buffer>;
}

const TEST_PURCHASES_000001 = [
  ["订单号", "下单日期", "店铺ID", "店铺名称", "商品", "金额（元）", "运单号", "样品存放位置", "鉴定结论"],
  ["3298471165203846", "2026-09-12", "57301846", "潮流运动鞋工厂直销店", "NIKE Air Jordan 1 高帮篮球鞋 42码 黑红", "389.00", "73102844671528", "平台证据室 B-03 柜 PT-2026-0912-01", "假冒注册商标的商品"],
  ["3301958820417763", "2026-09-15", "60129377", "秀屿正品鞋城", "NIKE Air Force 1 低帮板鞋 40码 白色", "269.00", "4312987750231", "平台证据室 B-03 柜 PT-2026-0915-02", "假冒注册商标的商品"],
] as const;

const SHIPMENTS_000004 = [
  ["日期", "快递公司", "揽收网点", "寄件地址", "单量"],
  ["2026-10-20", "中通快递", "广州白云区石井网点", "广东省广州市白云区石井街道", "212"],
  ["2026-10-21", "中通快递", "广州白云区石井网点", "广东省广州市白云区石井街道", "236"],
  ["2026-10-22", "圆通速递", "广州白云区石井网点", "广东省广州市白云区石井街道", "198"],
  ["2026-10-23", "中通快递", "广州白云区石井网点", "广东省广州市白云区石井街道", "241"],
] as const;

const DEMO_FILES: DemoFile[] = [
  {
    reference: "AC-2026-000001",
    at: "2026-09-24T03:02:00Z",
    name: "秀屿笏石镇下屿村作坊外景.png",
    declaredType: "image/png",
    kind: "photo",
    description: "工业路18号三层民房外景，一层卷帘门内为制鞋作坊，门前停有发货面包车。",
    capturedBy: "林晓雯（现场核查）",
    capturedAt: "2026-09-22T10:40:00Z",
    bytes: () => factoryPhotoPng(1),
  },
  {
    reference: "AC-2026-000001",
    at: "2026-09-24T03:05:00Z",
    name: "耐克鉴定报告_NK-AUTH-2026-0917.pdf",
    declaredType: "application/pdf",
    kind: "authentication_report",
    sensitivity: "sensitive",
    description: "权利人耐克公司对两件试购样品出具的鉴定报告：均为假冒注册商标的商品。",
    capturedBy: "耐克创新有限合伙公司",
    capturedAt: "2026-09-20T01:00:00Z",
    bytes: () =>
      authenticationReportPdf({
        number: "NK-AUTH-2026-0917",
        issuedOn: "2026-09-20",
        rightsHolder: "耐克创新有限合伙公司（Nike Innovate C.V.）",
        appraiser: "耐克（苏州）体育用品有限公司品牌保护部",
        caseReference: "AC-2026-000001",
        items: [
          {
            orderNo: "3298471165203846",
            sample: "NIKE Air Jordan 1 高帮篮球鞋 1 双（42 码，黑红配色）",
            finding: "鞋舌标、鞋盒标签与正品不符，内标编码不存在，做工与正品不符，系假冒注册商标的商品。",
          },
          {
            orderNo: "3301958820417763",
            sample: "NIKE Air Force 1 低帮板鞋 1 双（40 码，白色）",
            finding: "鞋垫商标印刷、车线工艺与正品不符，系假冒注册商标的商品。",
          },
        ],
        conclusion: "送检的两双运动鞋均非耐克公司生产或授权生产，属于假冒“NIKE”“AIR JORDAN”注册商标的商品。",
      }),
  },
  {
    reference: "AC-2026-000001",
    at: "2026-09-24T03:08:00Z",
    name: "试购订单明细.csv",
    declaredType: "text/csv",
    kind: "document",
    description: "两笔试购订单：订单号、店铺、金额、运单号、样品存放位置及鉴定结论。",
    capturedBy: "林晓雯",
    capturedAt: "2026-09-23T08:00:00Z",
    bytes: () => csvFile(TEST_PURCHASES_000001),
  },
  {
    reference: "AC-2026-000002",
    at: "2026-10-09T07:10:00Z",
    name: "荔城区仓储点外景.png",
    declaredType: "image/png",
    kind: "photo",
    description: "荔城区黄石镇仓储点外景，夜间有货车装卸成箱鞋盒。",
    capturedBy: "林晓雯（现场核查）",
    capturedAt: "2026-10-08T12:20:00Z",
    bytes: () => factoryPhotoPng(2),
  },
  {
    reference: "AC-2026-000003",
    at: "2026-10-16T03:30:00Z",
    name: "1688店铺商品页截图.png",
    declaredType: "image/png",
    kind: "screenshot",
    description: "1688 店铺在售 Jumpman 鞋舌标、吊牌的商品页截图。",
    capturedBy: "林晓雯",
    capturedAt: "2026-10-15T06:00:00Z",
    bytes: () => storeScreenshotPng(3),
  },
  {
    reference: "AC-2026-000004",
    at: "2026-10-28T08:40:00Z",
    name: "白云区发货量统计.csv",
    declaredType: "application/vnd.ms-excel",
    kind: "document",
    description: "石井街道揽收网点的日均发货量，用于定位加工厂。",
    capturedBy: "平台物流数据",
    capturedAt: null,
    bytes: () => csvFile(SHIPMENTS_000004),
  },
  {
    reference: "AC-2026-000005",
    at: "2026-11-06T02:00:00Z",
    name: "仙游童鞋作坊外景.png",
    declaredType: "image/png",
    kind: "photo",
    sensitivity: "restricted",
    description: "仙游县作坊外景（含周边住户，限制级）。",
    capturedBy: "林晓雯（现场核查）",
    capturedAt: "2026-11-05T03:15:00Z",
    bytes: () => factoryPhotoPng(5),
  },
];

function viewerOf(tx: Transaction, userId: string): Promise<Viewer> {
  return loadViewer(tx, { userId });
}

export async function seedDemoEvidence(tx: Transaction, context: DemoWorldContext): Promise<void> {
  const investigatorId = context.userIdByEmail.get("investigator@platform.demo");
  if (!investigatorId) return;
  const investigator = await viewerOf(tx, investigatorId);
  for (const file of DEMO_FILES) {
    const caseId = context.caseIdByReference.get(file.reference);
    if (!caseId) continue;
    const result = await storeEvidence(
      tx,
      investigator,
      {
        caseId,
        organisationId: investigator.organisationId,
        kind: file.kind,
        originalName: file.name,
        declaredType: file.declaredType,
        sensitivity: file.sensitivity ?? "normal",
        description: file.description,
        capturedBy: file.capturedBy,
        capturedAt: file.capturedAt ? new Date(file.capturedAt) : null,
        stream: [await file.bytes()],
      },
      { ip: null, userAgent: "demo seed", at: new Date(file.at) },
    );
    // A refused demo file is a broken seed, not something to skip quietly.
    if (!result.ok) throw new Error(`seed: evidence ${file.name} refused: ${JSON.stringify(result.rejection)}`);
  }
}
