/**
 * The raid form's schema, shared by the browser and the server: when, which places (the lead's own sites,
 * ticked, and places found during the investigation, typed with the division picker), who took part, and the
 * seizures, each with its seizure list (扣押清单) as an evidence file of the case. Checks that need the
 * database (a lead site of this case, a seizure list of this case, a division that exists, a time not in the
 * future on the server's clock) are raids.server.ts's.
 */
import { z } from "zod";
import { SITE_TYPES } from "./cases.schema";
import { POLICE_LIMITS, SEIZURE_UNITS, VALUATION_METHODS } from "./police";
import { choice, count, money, optionalText, required, requiredText, uuid } from "./police.schema";

/** "2026-01-12T09:30", as <input type="datetime-local"> posts it (read in the portal's time zone). */
export const localDateTime = z
  .string({ required_error: required })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "police.validation.dateTime");

const provinceCode = z.string({ required_error: "cases.validation.provinceRequired" }).regex(/^\d{2}0000$/, "validation.invalidChoice");
const cityCode = z.string({ required_error: "cases.validation.cityRequired" }).regex(/^\d{4}00$/, "validation.invalidChoice");
const districtCode = z.string().regex(/^\d{6}$/, "validation.invalidChoice").optional();

export const NewRaidSiteSchema = z
  .object({
    type: choice(SITE_TYPES),
    address: requiredText(300),
    provinceCode,
    cityCode,
    districtCode,
  })
  .superRefine((site, context) => {
    if (site.cityCode && site.provinceCode && site.cityCode.slice(0, 2) !== site.provinceCode.slice(0, 2)) {
      context.addIssue({ code: "custom", path: ["cityCode"], message: "cases.validation.divisionMismatch" });
    }
    if (site.districtCode && site.cityCode && site.districtCode.slice(0, 4) !== site.cityCode.slice(0, 4)) {
      context.addIssue({ code: "custom", path: ["districtCode"], message: "cases.validation.divisionMismatch" });
    }
  });

/** A quantity: more than zero, at most two decimals. */
const quantity = z
  .string({ required_error: required })
  .transform((value) => value.replace(/[,，\s]/g, ""))
  .pipe(z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, "police.validation.quantity"))
  // Said once: a value the pattern already refused is not refused again for being zero.
  .refine((value) => !/^\d{1,12}(\.\d{1,2})?$/.test(value) || Number(value) > 0, "police.validation.quantity");

export const SeizureSchema = z
  .object({
    product: requiredText(200),
    brand: optionalText(100),
    quantity,
    unit: choice(SEIZURE_UNITS),
    counterfeitLabels: count(1_000_000_000),
    equipment: optionalText(POLICE_LIMITS.text),
    valueYuan: money,
    valuationMethod: choice(VALUATION_METHODS).optional(),
    notes: optionalText(1000),
    /** An already uploaded seizure list of this case; a file chosen in the form is uploaded and put here. */
    seizureListEvidenceId: uuid.optional(),
  })
  .superRefine((seizure, context) => {
    // Refinements run even when a field failed: ask for the method only beside a real amount.
    if (seizure.valueYuan && /^\d{1,14}(\.\d{1,2})?$/.test(seizure.valueYuan) && !seizure.valuationMethod) {
      context.addIssue({ code: "custom", path: ["valuationMethod"], message: "police.validation.valuationMethodRequired" });
    }
  });

export const RaidFormSchema = z
  .object({
    raidedAt: localDateTime,
    units: optionalText(POLICE_LIMITS.text),
    platformStaff: optionalText(POLICE_LIMITS.text),
    summary: optionalText(POLICE_LIMITS.longText),
    leadSiteIds: z.array(uuid).max(POLICE_LIMITS.raidSites).optional().default([]),
    newSites: z
      .array(NewRaidSiteSchema)
      .max(POLICE_LIMITS.raidSites, `cases.validation.tooMany?max=${POLICE_LIMITS.raidSites}`)
      .optional()
      .default([]),
    seizures: z
      .array(SeizureSchema)
      .max(POLICE_LIMITS.seizures, `cases.validation.tooMany?max=${POLICE_LIMITS.seizures}`)
      .optional()
      .default([]),
  })
  .superRefine((raid, context) => {
    if (raid.leadSiteIds.length + raid.newSites.length === 0) {
      context.addIssue({ code: "custom", path: ["leadSiteIds"], message: "police.validation.siteRequired" });
    }
    if (new Set(raid.leadSiteIds).size !== raid.leadSiteIds.length) {
      context.addIssue({ code: "custom", path: ["leadSiteIds"], message: "validation.invalidChoice" });
    }
    if (raid.leadSiteIds.length + raid.newSites.length > POLICE_LIMITS.raidSites) {
      context.addIssue({ code: "custom", path: ["newSites"], message: `cases.validation.tooMany?max=${POLICE_LIMITS.raidSites}` });
    }
  });

export type RaidInput = z.output<typeof RaidFormSchema>;
export type SeizureInput = z.output<typeof SeizureSchema>;
export type NewRaidSiteInput = z.output<typeof NewRaidSiteSchema>;
