import { parseWithZod } from "@conform-to/zod";
import { VerifyCodeSchema } from "./packet.schema";

const HASH = "ab".repeat(32);

function parse(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  return parseWithZod(formData, { schema: VerifyCodeSchema });
}

function errorsOf(fields: Record<string, string>) {
  const submission = parse(fields);
  return submission.status === "error" ? submission.error : null;
}

describe("the /verify code form", () => {
  it("takes a scanned value on its own, or with the same reference", () => {
    const scanned = parse({ code: ` ACPACKET:1:AC-2026-000001:${HASH.toUpperCase()} ` });
    expect(scanned.status === "success" && scanned.value).toEqual({ caseReference: "AC-2026-000001", manifestHash: HASH });
    expect(parse({ code: `ACPACKET:1:AC-2026-000001:${HASH}`, reference: "ac-2026-000001" }).status).toBe("success");
  });

  it("takes a bare hash (spaces allowed) with a reference", () => {
    const bare = parse({ code: `${HASH.slice(0, 32)} ${HASH.slice(32)}`, reference: "AC-2026-000007" });
    expect(bare.status === "success" && bare.value).toEqual({ caseReference: "AC-2026-000007", manifestHash: HASH });
  });

  it("says what is wrong, as translation keys on the right field", () => {
    expect(errorsOf({})).toEqual({ code: ["packet.errors.codeRequired"] });
    expect(errorsOf({ code: "not a hash" })).toEqual({ code: ["packet.errors.codeInvalid"] });
    expect(errorsOf({ code: HASH })).toEqual({ reference: ["packet.errors.referenceRequired"] });
    expect(errorsOf({ code: HASH, reference: "2026-1" })).toEqual({ reference: ["packet.errors.referenceInvalid"] });
    expect(errorsOf({ code: `ACPACKET:1:AC-2026-000001:${HASH}`, reference: "AC-2026-000002" })).toEqual({
      reference: ["packet.errors.referenceDiffers?reference=AC-2026-000001"],
    });
  });
});
