/**
 * Lays out the referral packet: a Chinese transfer file (移送书, investigation report, the lead's sites,
 * accounts, enterprises and persons, amounts against the prosecution thresholds, the inventory of test
 * purchases and samples) closed by the evidence manifest with every file's size and SHA-256, and the
 * manifest's own hash printed and as a QR code. Chinese is the document's language; English glosses the
 * headings and labels so a reader of either can find their way.
 *
 * Pure layout: packet.server.ts gathers the data (as the exporting viewer may see it) and records the export.
 */
import QRCode from "qrcode";
import { PdfBuilder, type Bilingual, type TableColumn } from "~/lib/pdf/document.server";
import { caseVocabularyEn } from "~/locales/case-vocabulary.en";
import { caseVocabularyZh } from "~/locales/case-vocabulary.zh-CN";
import type { LeadDetail } from "./cases";
import { MANIFEST_FORMAT, scanValueFor, type EvidenceManifest } from "./packet";
import { canonicalManifest } from "./packet-manifest.server";

/** Everything the packet prints: the lead as the exporting viewer may see it (masked), and the export's facts. */
export interface PacketData {
  lead: LeadDetail;
  thresholds: {
    /** Whether any prosecution threshold is met. */
    met: boolean;
    checks: Array<{ article: string; criterion: Bilingual; threshold: string; actual: string | null; met: boolean }>;
    source: string;
  };
  /** Every evidence file of the case, withdrawn ones too, in upload order (the manifest's order). */
  evidence: Array<{
    id: string;
    name: string;
    kind: keyof typeof caseVocabularyZh.evidenceKind;
    sizeBytes: number;
    sha256: string;
    uploadedById: string;
    uploadedByName: string;
    uploadedAt: Date;
    withdrawnAt: Date | null;
    withdrawnReason: string | null;
  }>;
  exportedBy: { displayName: string; organisationNameZh: string };
  exportedAt: Date;
  timeZone: string;
}

/** Document information keys verification reads back (besides Subject and Keywords, which say the same). */
export const PDF_INFO_KEYS = {
  caseReference: "ACPortalCaseReference",
  manifestHash: "ACPortalManifestHash",
  manifestFormat: "ACPortalManifestFormat",
} as const;
export const MANIFEST_ATTACHMENT_NAME = "evidence-manifest.json";

const zh = caseVocabularyZh;
const COORDINATE_SYSTEM_CODE = { gcj02: "GCJ-02", wgs84: "WGS-84", bd09: "BD-09" } as const;
const en = caseVocabularyEn;
const both = (zhText: string, enText: string): Bilingual => ({ zh: zhText, en: enText });
const label = (zhText: string, enText: string) => `${zhText}\n${enText}`;

export async function renderReferralPacket(data: PacketData, manifest: EvidenceManifest, hash: string): Promise<Buffer> {
  const reference = data.lead.case.reference;
  const referred = Boolean(data.lead.agency && data.lead.case.submittedAt);
  const pdf = await PdfBuilder.create({
    info: {
      title: `移送书 ${reference} ${data.lead.case.title}`,
      author: data.lead.platform.nameZh,
      subject: `Referral packet ${reference}; evidence manifest SHA-256 ${hash}`,
      keywords: `case-reference:${reference}, manifest-sha256:${hash}`,
      custom: {
        [PDF_INFO_KEYS.caseReference]: reference,
        [PDF_INFO_KEYS.manifestHash]: hash,
        [PDF_INFO_KEYS.manifestFormat]: MANIFEST_FORMAT,
      },
    },
    runningHeader: { left: `涉嫌犯罪案件移送材料 · Referral packet · ${data.lead.platform.nameZh}`, right: reference },
    footer: `清单哈希 Manifest SHA-256 ${hash.slice(0, 16)}…  ·  导出 Exported ${dateTime(data.exportedAt, data.timeZone)}`,
    watermark: referred ? undefined : "未移送 · 仅供内部审阅\nNOT REFERRED · INTERNAL REVIEW ONLY",
    attachments: [
      {
        name: MANIFEST_ATTACHMENT_NAME,
        content: Buffer.from(canonicalManifest(manifest), "utf8"),
        type: "application/json",
        description: `Evidence manifest of ${reference} (RFC 8785 canonical JSON), SHA-256 ${hash}`,
      },
    ],
    creationDate: data.exportedAt,
  });

  transferLetter(pdf, data, referred);
  pdf.newPage();
  investigationReport(pdf, data);
  inventory(pdf, data);
  await evidenceManifest(pdf, data, hash);
  receipt(pdf, data);
  return pdf.finish();
}

function transferLetter(pdf: PdfBuilder, data: PacketData, referred: boolean): void {
  const { case: lead } = data.lead;
  pdf.paragraph(data.lead.platform.nameZh, { bold: true, size: 17, color: "#a61b1b", align: "center", gap: 2 });
  pdf.paragraph(data.lead.platform.nameEn, { size: 8.5, color: "#5f6368", align: "center", gap: 6 });
  pdf.rule();
  pdf.title(both("移 送 书", "Letter of Transfer"));
  const letterDate = lead.submittedAt ?? data.exportedAt;
  pdf.paragraph(`平知移〔${year(letterDate, data.timeZone)}〕${lead.reference} 号`, { align: "right", size: 9.5, gap: 10 });

  pdf.paragraph(referred ? `${data.lead.agency!.nameZh}：` : "（尚未移送，接收单位待定）：", { bold: true, size: 11.5, gap: 6 });
  const mouText = data.lead.mou ? `根据我方与贵局签订的《${data.lead.mou.titleZh}》（编号 ${data.lead.mou.reference}），` : "";
  const charges = lead.suspectedCharges.length
    ? `涉嫌${lead.suspectedCharges.map(chargeText).join("、")}`
    : "涉嫌侵犯知识产权犯罪";
  pdf.paragraph(
    `${mouText}现将我平台调查发现的"${lead.title}"线索（案件编号 ${lead.reference}，类别：${zh.category[lead.category]}）移送贵局。` +
      `经初步调查，该线索${charges}，${thresholdSentence(data)}请依法审查处理。`,
    { indent: true, size: 11, gap: 6 },
  );
  pdf.paragraph("随本移送书一并移送以下材料：", { indent: true, size: 11, gap: 2 });
  const enclosures = [
    "一、调查报告（线索摘要、涉案窝点、关联账户、涉案企业及人员、物流信息）一份；",
    `二、涉案金额及追诉标准核对表一份；`,
    `三、物品清单（试买订单及样品）${data.lead.testPurchases.length} 项；`,
    `四、证据清单：电子证据文件 ${data.evidence.length} 份，附各文件 SHA-256 校验值及清单哈希。`,
  ];
  for (const line of enclosures) pdf.paragraph(line, { indent: true, size: 11, gap: 1 });
  pdf.spacer(4);
  if (data.lead.mou) {
    pdf.paragraph(`请贵局自收到本移送书之日起 ${data.lead.mou.decisionPeriodDays} 日内作出是否立案的决定，并书面告知我方；不予立案的，请说明理由。`, {
      indent: true,
      size: 11,
    });
  }
  pdf.paragraph("特此移送。", { indent: true, size: 11, gap: 14 });
  // The platform's investigator answers the agency's questions, whoever exported this copy.
  pdf.paragraph(`联系人：${data.lead.author.displayName}（${data.lead.platform.nameZh}）`, { size: 10, gap: 12 });
  pdf.paragraph(data.lead.platform.nameZh, { align: "right", size: 11, gap: 2 });
  pdf.paragraph(chineseDate(letterDate, data.timeZone), { align: "right", size: 11, gap: 14 });

  const english =
    `Letter of transfer. ${data.lead.platform.nameEn} refers lead ${lead.reference} ("${lead.title}", ${en.category[lead.category]})` +
    (referred ? ` to ${data.lead.agency!.nameEn}` : " (not yet referred: no receiving agency)") +
    (data.lead.mou ? ` under MOU ${data.lead.mou.reference}, asking for a filing decision within ${data.lead.mou.decisionPeriodDays} days.` : ".") +
    ` Enclosed: the investigation report (summary, sites, linked accounts, enterprises and persons, logistics), the amounts against the` +
    ` prosecution thresholds, the inventory of ${data.lead.testPurchases.length} test purchases and samples, and the evidence manifest of` +
    ` ${data.evidence.length} files with their SHA-256 and the manifest's own hash.`;
  pdf.note(english);
}

function investigationReport(pdf: PdfBuilder, data: PacketData): void {
  const { case: lead } = data.lead;
  pdf.title(both("调 查 报 告", "Investigation Report"));
  pdf.section(both("一、线索概况", "1. The lead"));
  pdf.keyValues([
    [both("案件编号", "Reference"), lead.reference],
    [both("线索名称", "Title"), lead.title],
    [both("商品类别", "Category"), `${zh.category[lead.category]} ${en.category[lead.category]}`],
    [both("优先级 / 状态", "Priority / status"), `${zh.priority[lead.priority]} · ${zh.status[lead.status]}（${en.status[lead.status]}）`],
    [
      both("涉嫌罪名", "Suspected charges"),
      lead.suspectedCharges.map((article) => `${zh.article[article]}\n${en.article[article]}`).join("\n") || "—",
    ],
    [
      both("涉及品牌", "Brands affected"),
      data.lead.brands
        .map((brand) => [brand.brand, brand.rightsHolder && `权利人 ${brand.rightsHolder}`, brand.trademarkRegistrationNo && `注册号 ${brand.trademarkRegistrationNo}`].filter(Boolean).join(" · "))
        .join("\n") || "—",
    ],
    [both("专项行动", "Joint operation"), lead.jointOperation ? `${lead.jointOperation.nameZh}（${lead.jointOperation.code}）` : "—"],
    [both("承办人 / 审核人", "Investigator / reviewer"), `${data.lead.author.displayName} / ${data.lead.reviewer?.displayName ?? "—"}`],
    [both("立线 / 批准 / 移送", "Opened / approved / referred"), [lead.createdAt, lead.approvedAt, lead.submittedAt].map((date) => (date ? dateTime(date, data.timeZone) : "—")).join("\n")],
    [both("接收单位", "Receiving agency"), data.lead.agency ? `${data.lead.agency.nameZh}\n${data.lead.agency.nameEn}` : "尚未移送 Not yet referred"],
    [both("合作备忘录", "MOU"), data.lead.mou ? `${data.lead.mou.titleZh}（${data.lead.mou.reference}）` : "—"],
  ]);
  pdf.subheading(both("线索摘要", "Summary"));
  for (const paragraph of (lead.summary || "—").split(/\n+/)) pdf.paragraph(paragraph, { indent: true });

  pdf.section(both("二、涉案窝点", "2. Suspected sites"));
  pdf.table(
    columns([
      [both("序号", "No."), 0.5, "center"],
      [both("类型", "Type"), 1],
      [both("地址", "Address"), 3],
      [both("坐标", "Coordinates"), 2.1],
      [both("定位依据", "Located by"), 1.4],
    ]),
    data.lead.sites.map((site, index) => ({
      cells: [
        String(index + 1),
        label(zh.siteType[site.type], en.siteType[site.type]),
        `${site.address}\n${site.divisionName}（${site.divisionCode}）`,
        site.latitude && site.longitude
          ? `${site.latitude}, ${site.longitude}\n${[site.coordinateSystem && COORDINATE_SYSTEM_CODE[site.coordinateSystem], site.precisionMeters && `±${site.precisionMeters} m`].filter(Boolean).join(" · ")}`
          : "—",
        label(zh.locationSource[site.locationSource], en.locationSource[site.locationSource]),
      ],
    })),
    { emptyText: "无 None recorded" },
  );

  pdf.section(both("三、关联账户", "3. Linked accounts"));
  pdf.table(
    columns([
      [both("序号", "No."), 0.5, "center"],
      [both("平台 / 状态", "Platform / status"), 1.2],
      [both("店铺", "Store (name, store id, seller id)"), 2.6],
      [both("销售额 / 订单", "GMV / orders"), 1.5, "right"],
      [both("统计期间", "Period"), 1.3],
      [both("关联依据（置信度）", "Linked by (confidence)"), 2],
    ]),
    data.lead.accounts.map((account, index) => ({
      cells: [
        String(index + 1),
        `${zh.marketplace[account.marketplace]}\n${zh.storeStatus[account.status]} ${en.storeStatus[account.status]}`,
        [account.storeName, `店铺 ID ${account.storeId}`, account.sellerId && `卖家 ID ${account.sellerId}`].filter(Boolean).join("\n"),
        `${money(account.gmv)}\n${account.orders === null ? "—" : `${account.orders.toLocaleString("zh-CN")} 单`}`,
        account.periodFrom || account.periodTo ? `${account.periodFrom ?? "…"}\n至 ${account.periodTo ?? "…"}` : "—",
        account.linkReasons
          .map(({ reason, confidence }) => `${linkReasonLabel(reason)}${confidence === null ? "" : `（${confidence}%）`}`)
          .join("\n") || "—",
      ],
    })),
    { emptyText: "无 None recorded" },
  );

  pdf.section(both("四、涉案企业及人员", "4. Enterprises and persons"));
  pdf.table(
    columns([
      [both("序号", "No."), 0.5, "center"],
      [both("企业名称", "Enterprise"), 2.5],
      [both("统一社会信用代码", "Unified social credit code"), 2.1],
      [both("角色", "Role"), 1.3],
      [both("地址", "Address"), 2.2],
    ]),
    data.lead.enterprises.map((enterprise, index) => ({
      cells: [String(index + 1), enterprise.name, enterprise.creditCode || "—", label(zh.enterpriseRole[enterprise.role], en.enterpriseRole[enterprise.role]), enterprise.address || "—"],
    })),
    { emptyText: "无 None recorded" },
  );
  pdf.table(
    columns([
      [both("序号", "No."), 0.5, "center"],
      [both("姓名", "Name"), 1.3],
      [both("角色", "Role"), 1.4],
      [both("身份证号", "ID number"), 2],
      [both("电话", "Phone"), 1.5],
      [both("备注", "Notes"), 2],
    ]),
    data.lead.persons.map((person, index) => ({
      cells: [String(index + 1), person.name, label(zh.personRole[person.role], en.personRole[person.role]), person.idNumber || "—", person.phone || "—", person.notes || "—"],
    })),
    { emptyText: "无 None recorded" },
  );
  if (data.lead.personalDataMasked && data.lead.persons.length > 0) {
    pdf.note("身份证号、电话号码已按导出人权限脱敏显示。Identity numbers and phones are masked: the exporting account's role may not see them.");
  }

  pdf.section(both("五、涉案金额及追诉标准", "5. Amounts and prosecution thresholds"));
  pdf.keyValues([
    [both("销售金额", "Sales amount"), money(data.lead.amounts.salesAmount)],
    [both("货值金额（未销售）", "Value of unsold goods"), money(data.lead.amounts.unsoldGoodsValue)],
    [both("非法经营数额", "Illegal business volume"), money(data.lead.amounts.illegalBusinessVolume)],
    [both("违法所得", "Illegal gains"), money(data.lead.amounts.illegalGains)],
  ]);
  pdf.table(
    columns([
      [both("条款", "Article"), 1.6],
      [both("追诉标准", "Criterion"), 2.8],
      [both("标准数额", "Threshold"), 1.5, "right"],
      [both("本案数额", "This lead"), 1.5, "right"],
      [both("结论", "Result"), 1.2, "center"],
    ]),
    data.thresholds.checks.map((check) => ({
      cells: [
        check.article,
        check.criterion.en ? label(check.criterion.zh, check.criterion.en) : check.criterion.zh,
        money(check.threshold),
        money(check.actual),
        check.met ? "达到\nMet" : "未达到\nNot met",
      ],
    })),
    { emptyText: "未配置追诉标准 No thresholds configured" },
  );
  pdf.paragraph(
    data.thresholds.met
      ? "结论：本线索涉案金额已达到至少一项刑事追诉标准。 Result: at least one prosecution threshold is met."
      : "结论：本线索涉案金额尚未达到刑事追诉标准，可考虑移交市场监管部门处理。 Result: no prosecution threshold is met; the lead may suit market regulation instead.",
    { bold: true, size: 9.5 },
  );
  pdf.note(`追诉标准依据 Source of the thresholds: ${data.thresholds.source}`);

  pdf.section(both("六、物流信息", "6. Logistics"));
  pdf.table(
    columns([
      [both("序号", "No."), 0.5, "center"],
      [both("快递公司", "Courier"), 1.4],
      [both("运单号", "Waybill"), 1.8],
      [both("发货地", "Ship-from point"), 3.4],
      [both("日均发货量", "Daily volume"), 1.2, "right"],
    ]),
    data.lead.logistics.map((entry, index) => ({
      cells: [String(index + 1), entry.courier, entry.waybillNo || "—", entry.shipFromAddress || "—", entry.dailyVolume === null ? "—" : `${entry.dailyVolume.toLocaleString("zh-CN")} 件/日`],
    })),
    { emptyText: "无 None recorded" },
  );
}

function inventory(pdf: PdfBuilder, data: PacketData): void {
  pdf.section(both("七、物品清单（试买及样品）", "7. Inventory of test purchases and samples"));
  pdf.table(
    columns([
      [both("序号", "No."), 0.5, "center"],
      [both("订单号 / 店铺", "Order / store"), 1.9],
      [both("金额 / 日期", "Amount / date"), 1.3, "right"],
      [both("运单号", "Waybill"), 1.7],
      [both("样品及存放位置", "Sample and where it is kept"), 2.1],
      [both("鉴定意见", "Authentication report"), 2.2],
    ]),
    data.lead.testPurchases.map((purchase, index) => ({
      cells: [
        String(index + 1),
        `${purchase.orderNo}${purchase.storeId ? `\n店铺 ${purchase.storeId}` : ""}`,
        `${money(purchase.amount)}\n${purchase.purchasedOn ?? "—"}`,
        purchase.waybillNo || "—",
        [purchase.sampleDescription, purchase.sampleLocation && `存放：${purchase.sampleLocation}`].filter(Boolean).join("\n") || "—",
        purchase.authenticationReport || "—",
      ],
    })),
    { emptyText: "无试买记录 No test purchases recorded" },
  );
}

async function evidenceManifest(pdf: PdfBuilder, data: PacketData, hash: string): Promise<void> {
  pdf.section(both("八、证据清单", "8. Evidence manifest"));
  pdf.note(
    "下列电子证据文件的 SHA-256 校验值由平台在接收文件时计算。已撤回的文件仍列入清单并注明。 " +
      "Each file's SHA-256 was computed by the portal as it received the file; withdrawn files stay listed, marked.",
  );
  pdf.table(
    columns([
      [both("序号", "No."), 0.5, "center"],
      [both("文件名称", "File"), 2.5],
      [both("类别", "Kind"), 1.5],
      [both("大小", "Size"), 1.7, "right"],
      [both("上传人 / 时间", "Uploaded by / at"), 1.8],
      [both("状态", "Status"), 1.2, "center"],
    ]),
    data.evidence.map((file, index) => ({
      cells: [
        String(index + 1),
        file.name,
        label(zh.evidenceKind[file.kind], en.evidenceKind[file.kind]),
        `${humanSize(file.sizeBytes)}\n${file.sizeBytes.toLocaleString("zh-CN")} 字节`,
        `${file.uploadedByName}\n${dateTime(file.uploadedAt, data.timeZone)}`,
        file.withdrawnAt
          ? `已撤回\nWithdrawn\n${dateTime(file.withdrawnAt, data.timeZone).slice(0, 10)}${file.withdrawnReason ? `\n${file.withdrawnReason}` : ""}`
          : "有效\nCurrent",
      ],
      detail: { label: "SHA-256:", value: file.sha256, mono: true },
      muted: Boolean(file.withdrawnAt),
    })),
    { emptyText: "本案暂无电子证据文件 No evidence files" },
  );

  pdf.ensureSpace(170); // the hash, its QR code and how to verify stay together
  pdf.subheading(both("清单哈希", "Manifest hash (SHA-256)"));
  pdf.paragraph(hash, { size: 10.5, bold: true, gap: 6 });
  const scanValue = scanValueFor(data.lead.case.reference, hash);
  const qr = await QRCode.toBuffer(scanValue, { type: "png", errorCorrectionLevel: "M", margin: 1, scale: 6 });
  pdf.imageWithCaption(qr, 96, [
    "核验方法：登录平台打开\u201c材料核验\u201d页面（/verify），上传本 PDF 或扫描左侧二维码，即可核对本材料与平台现存证据是否一致。",
    "To verify: sign in to the portal and open /verify; upload this PDF, or scan the code and paste its value.",
    `二维码内容 Code value: ${scanValue}`,
    `清单哈希为规范化 JSON（RFC 8785）清单的 SHA-256；机器可读清单作为附件 ${MANIFEST_ATTACHMENT_NAME} 嵌入本 PDF。 The hash is the SHA-256 of the canonical JSON manifest (RFC 8785), embedded in this PDF as ${MANIFEST_ATTACHMENT_NAME}.`,
  ]);
}

function receipt(pdf: PdfBuilder, data: PacketData): void {
  pdf.ensureSpace(190); // the receipt is filled in and signed as one block
  pdf.section(both("接收回执", "Receipt"));
  pdf.paragraph(
    `${data.lead.agency?.nameZh ?? "接收单位"}已收到${data.lead.platform.nameZh}移送的案件编号 ${data.lead.case.reference} 之移送书及上列材料，` +
      `电子证据文件 ${data.evidence.length} 份，清单哈希经核验一致。`,
    { indent: true },
  );
  pdf.spacer(10);
  pdf.paragraph("接收人（签名）Received by: ______________________        日期 Date: ____________", { gap: 14 });
  pdf.paragraph("接收单位（盖章）Agency seal:", { gap: 30 });
  pdf.note(`本材料由 ${data.exportedBy.displayName}（${data.exportedBy.organisationNameZh}）于 ${dateTime(data.exportedAt, data.timeZone)} 自平台导出，导出已记入证据保管链及审计日志。 Exported by the account named, recorded in the chain of custody and the audit log.`);
}

function columns(specs: Array<[Bilingual, number, TableColumn["align"]?]>): TableColumn[] {
  return specs.map(([header, width, align]) => ({ header, width, align }));
}

/** "第二百一十三条 假冒注册商标罪" → "假冒注册商标罪（《刑法》第二百一十三条）". */
function chargeText(article: keyof typeof zh.article): string {
  const [clause, name] = zh.article[article].split(" ");
  return name ? `${name}（《刑法》${clause}）` : zh.article[article];
}

function linkReasonLabel(reason: string): string {
  const zhLabels = zh.linkReason as Record<string, string>;
  const enLabels = en.linkReason as Record<string, string>;
  return zhLabels[reason] ? `${zhLabels[reason]} ${enLabels[reason]}` : reason;
}

function thresholdSentence(data: PacketData): string {
  const met = data.thresholds.checks.filter((check) => check.met).map((check) => check.article);
  return data.thresholds.met ? `涉案金额已达到刑事追诉标准（${[...new Set(met)].join("、")}）。` : "涉案金额尚未达到刑事追诉标准，";
}

const yuan = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY" });
export function money(value: string | null): string {
  if (value === null || value === "") return "—";
  const number = Number(value);
  return Number.isFinite(number) ? yuan.format(number) : value;
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function parts(date: Date, timeZone: string): Record<string, string> {
  const formatted = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  return Object.fromEntries(formatted.map((part) => [part.type, part.value]));
}

function dateTime(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

function year(date: Date, timeZone: string): string {
  return parts(date, timeZone).year!;
}

function chineseDate(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
}
