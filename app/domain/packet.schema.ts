/** The /verify page's code form, shared by the browser (instant feedback) and the server (the real check). */
import { z } from "zod";
import { CASE_REFERENCE_PATTERN, parseScanValue, SHA256_PATTERN, type PacketClaim } from "./packet";

/** The packet PDF a verifier may upload: a real packet is well under a megabyte per hundred files. */
export const MAX_PACKET_UPLOAD_MB = 25;

export const VerifyCodeSchema = z
  .object({
    code: z.string({ required_error: "packet.errors.codeRequired" }).trim().max(400, "packet.errors.codeInvalid"),
    reference: z.string().trim().max(40, "packet.errors.referenceInvalid").optional(),
  })
  .transform((value, context): PacketClaim => {
    const scanned = parseScanValue(value.code);
    const reference = value.reference?.toUpperCase() || undefined;
    if (scanned) {
      if (reference && reference !== scanned.caseReference) {
        context.addIssue({ code: "custom", path: ["reference"], message: `packet.errors.referenceDiffers?reference=${scanned.caseReference}` });
        return z.NEVER;
      }
      return scanned;
    }
    const hash = value.code.replace(/\s+/g, "").toLowerCase();
    if (!SHA256_PATTERN.test(hash)) {
      context.addIssue({ code: "custom", path: ["code"], message: "packet.errors.codeInvalid" });
      return z.NEVER;
    }
    if (!reference) {
      context.addIssue({ code: "custom", path: ["reference"], message: "packet.errors.referenceRequired" });
      return z.NEVER;
    }
    if (!CASE_REFERENCE_PATTERN.test(reference)) {
      context.addIssue({ code: "custom", path: ["reference"], message: "packet.errors.referenceInvalid" });
      return z.NEVER;
    }
    return { caseReference: reference, manifestHash: hash };
  });
