/**
 * Prosecution thresholds for the trademark crimes (Criminal Law arts. 213 and 214), as configuration with its
 * source, and a pure evaluation of a lead's four amounts against them. Shared with the browser so the lead
 * form can show the check while the investigator types.
 *
 * The values change with judicial interpretations (DOMAIN.md, "Criminal thresholds"); they are never written
 * anywhere else. An installation replaces them with a JSON file named by PROSECUTION_THRESHOLDS_FILE
 * (thresholds.server.ts), validated by ThresholdConfigSchema below.
 */
import { z } from "zod";

export const AMOUNT_FIELDS = ["salesAmount", "unsoldGoodsValue", "illegalBusinessVolume", "illegalGains"] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];
/** Yuan, as entered or as read from a numeric column ("400000.00"); empty or null means not known. */
export type LeadAmounts = Partial<Record<AmountField, string | number | null | undefined>>;

const citation = z.object({ zh: z.string().min(1), en: z.string().min(1) });

export const ThresholdConfigSchema = z.object({
  /** A name for this set of values, shown with the check (e.g. "cn-ip-2025"). */
  id: z.string().min(1),
  note: citation,
  articles: z
    .array(
      z.object({
        article: z.enum(["art213", "art214", "art215"]),
        source: citation,
        /** The article's threshold is met when any one criterion is. */
        criteria: z
          .array(
            z.object({
              id: z.string().min(1),
              /** The amounts added together and compared with the minimum. */
              measures: z.array(z.enum(AMOUNT_FIELDS)).min(1),
              /** Yuan, inclusive ("… 元以上"). */
              minimum: z.number().positive(),
              /** "attempted": prosecuted as an attempt (未遂), e.g. goods seized before they were sold. */
              form: z.enum(["completed", "attempted"]).default("completed"),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});
export type ThresholdConfig = z.infer<typeof ThresholdConfigSchema>;
export type ThresholdConfigInput = z.input<typeof ThresholdConfigSchema>;

const SPC_SPP_2025 = "最高人民法院、最高人民检察院《关于办理侵犯知识产权刑事案件适用法律若干问题的解释》（法释〔2025〕5号）";
const STANDARDS_2010 = "最高人民检察院、公安部《关于公安机关管辖的刑事案件立案追诉标准的规定（二）》（公通字〔2010〕23号）";

/** The values commonly cited for filing a case (立案追诉), with where they come from. */
export const DEFAULT_THRESHOLDS: ThresholdConfig = {
  id: "cn-trademark-crimes-2025",
  note: {
    zh: "立案追诉数额标准以现行司法解释为准；标准调整时由系统管理员更新配置。",
    en: "Thresholds for filing a criminal case, as set by the judicial interpretations in force; when they change, the administrator updates the configuration.",
  },
  articles: [
    {
      article: "art213",
      source: {
        zh: `${SPC_SPP_2025}；最高人民法院、最高人民检察院《关于办理侵犯知识产权刑事案件具体应用法律若干问题的解释》（法释〔2004〕19号）第一条；${STANDARDS_2010}第六十九条`,
        en: "SPC/SPP Interpretation on IP criminal cases (Fa Shi [2025] No. 5); earlier Fa Shi [2004] No. 19, art. 1, and the SPP/MPS filing standards (II) (Gong Tong Zi [2010] No. 23), art. 69",
      },
      criteria: [
        { id: "art213_business_volume", measures: ["illegalBusinessVolume"], minimum: 50_000, form: "completed" },
        { id: "art213_illegal_gains", measures: ["illegalGains"], minimum: 30_000, form: "completed" },
      ],
    },
    {
      article: "art214",
      source: {
        zh: `${SPC_SPP_2025}；${STANDARDS_2010}第七十条；最高人民法院、最高人民检察院、公安部《关于办理侵犯知识产权刑事案件适用法律若干问题的意见》（法发〔2011〕3号）第八条（未遂）`,
        en: "SPC/SPP Interpretation on IP criminal cases (Fa Shi [2025] No. 5); the SPP/MPS filing standards (II) (Gong Tong Zi [2010] No. 23), art. 70; SPC/SPP/MPS Opinions (Fa Fa [2011] No. 3), art. 8 (attempt)",
      },
      criteria: [
        { id: "art214_sales", measures: ["salesAmount"], minimum: 50_000, form: "completed" },
        { id: "art214_illegal_gains", measures: ["illegalGains"], minimum: 30_000, form: "completed" },
        { id: "art214_unsold", measures: ["unsoldGoodsValue"], minimum: 150_000, form: "attempted" },
        { id: "art214_sold_and_unsold", measures: ["salesAmount", "unsoldGoodsValue"], minimum: 150_000, form: "attempted" },
      ],
    },
  ],
};

export interface CriterionResult {
  id: string;
  measures: AmountField[];
  minimum: number;
  form: "completed" | "attempted";
  /** The sum of the measures that are known, or null if none is. */
  value: number | null;
  met: boolean;
}

export interface ArticleThresholdResult {
  article: ThresholdConfig["articles"][number]["article"];
  source: { zh: string; en: string };
  /** At least one amount this article depends on is known. */
  assessed: boolean;
  met: boolean;
  /** The criteria that are met: "by which amount". */
  metBy: CriterionResult[];
  criteria: CriterionResult[];
}

/** Yuan as a whole number of fen, or null when not given or not a number. */
export function amountInFen(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === "number" ? String(value) : value.replace(/[,，\s]/g, "");
  if (text === "" || !/^\d+(\.\d+)?$/.test(text)) return null;
  return Math.round(Number(text) * 100);
}

export function evaluateThresholds(amounts: LeadAmounts, config: ThresholdConfig = DEFAULT_THRESHOLDS): ArticleThresholdResult[] {
  return config.articles.map((article) => {
    const criteria = article.criteria.map((criterion): CriterionResult => {
      const known = criterion.measures.map((measure) => amountInFen(amounts[measure])).filter((fen) => fen !== null);
      const valueFen = known.length ? known.reduce((sum, fen) => sum + fen, 0) : null;
      return {
        id: criterion.id,
        measures: criterion.measures,
        minimum: criterion.minimum,
        form: criterion.form,
        value: valueFen === null ? null : valueFen / 100,
        met: valueFen !== null && valueFen >= Math.round(criterion.minimum * 100),
      };
    });
    const metBy = criteria.filter((criterion) => criterion.met);
    return {
      article: article.article,
      source: article.source,
      assessed: criteria.some((criterion) => criterion.value !== null),
      met: metBy.length > 0,
      metBy,
      criteria,
    };
  });
}

/** Whether any configured article's threshold is met: below it, a lead goes to market regulation instead. */
export function meetsAnyThreshold(results: ArticleThresholdResult[]): boolean {
  return results.some((result) => result.met);
}
