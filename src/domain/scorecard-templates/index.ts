import { DomainError } from "../errors.ts";
import type { ScorecardTemplate } from "./build.ts";
import { emailTemplate } from "./email.ts";
import { faceToFaceTemplate } from "./face-to-face.ts";
import { phoneTemplate } from "./phone.ts";
import { selfServiceTemplate } from "./self-service.ts";

export type { ScorecardChannel, ScorecardTemplate } from "./build.ts";

/** SKA's published evaluation models, in the order of the directive's annexes. */
export const scorecardTemplates: readonly ScorecardTemplate[] = [
  faceToFaceTemplate,
  phoneTemplate,
  emailTemplate,
  selfServiceTemplate,
];

/** Returns a deep copy of a template for an organisation to edit; throws INVALID_INPUT for an unknown key. */
export function copyScorecardTemplate(key: string): ScorecardTemplate {
  const template = scorecardTemplates.find((t) => t.key === key);
  if (!template) {
    throw new DomainError("INVALID_INPUT", `unknown scorecard template "${key}"`, [
      { path: "key", message: "unknown template" },
    ]);
  }
  return structuredClone(template);
}
