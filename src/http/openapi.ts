import type { SwaggerOptions } from "@fastify/swagger";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { z } from "zod";
import type { TConfig } from "../config.ts";
import { ZProblem } from "./types.ts";

/** The tags of the API reference; a route can only name one of these. */
export const API_TAGS = {
  operations: "Liveness and readiness probes",
  accounts: "The signed-in user, members, invitations and API keys",
  catalogue: "Services, departments, employees and channels that invitations and answers are tagged with",
  surveys: "Surveys and their frozen versions",
  answers: "Answers to surveys, and the import of historical answers",
  contacts: "People who may be surveyed",
  "contact rules": "When and how often a person may be asked",
  sending: "Service events, single invitations and mass mailings",
  "survey invitations": "What became of each invitation",
  delivery: "Bounces reported by the mail system, and the local outbox",
  webhooks: "Endpoints that receive events, and their delivery logs",
  reports: "NPS, satisfaction index and their confidence intervals from the rollups",
  benchmark: "Networks of organisations that compare their figures",
  comments: "Searching the free-text comments of answers",
  praise: "Praise marks on comments, the praise wall and the public widget",
  exports: "Downloads (CSV, XLSX, PDF) and monthly report subscriptions",
  "follow-up": "Follow-up cases of low scores, the follow-up rule, and improvement actions with their effect",
  group:
    "A parent body's (ministry's) links to its agencies, made with each agency's consent, and their figures",
  "sign-in":
    "An organisation's sign-in rules (two-factor sign-in, single sign-on through its identity provider) and active sessions",
  themes:
    "Comment themes and tone in Estonian, Russian and English: the theme list, the report per theme, suggested new themes and comments whose words contradict their score",
  quality:
    "Evaluation models (scorecards), evaluations of contacts, disputes, agreements, the sampling queue and quality reports",
  privacy:
    "The audit log, personal data in comments, a person's data (export, erasure) and retention periods",
  kpi: "Contact records from phone, chat and ticket systems, written requests and the service KPIs with their targets",
} as const;
export type TApiTag = keyof typeof API_TAGS;

/** Error responses a route may document; each is an RFC 9457 problem body. */
const PROBLEMS = {
  400: ["BadRequest", "Malformed or invalid input; `errors` names each field"],
  401: ["Unauthenticated", "No valid session or API key"],
  403: [
    "Forbidden",
    "The role or API-key scope does not allow this, a cookie session sent no CSRF token, or the organisation requires two-factor sign-in (code TWO_FACTOR_REQUIRED)",
  ],
  404: ["NotFound", "No such resource in the caller's organisation"],
  409: [
    "Conflict",
    "The change clashes with the current state (a unique value, a reference, a closed survey)",
  ],
  413: ["PayloadTooLarge", "The request body is over the limit"],
  415: ["UnsupportedMediaType", "The request body's content type is not accepted here"],
  429: ["TooManyRequests", "Too many requests from this address; try again in a minute"],
  503: ["ServiceUnavailable", "A dependency (the database) does not answer"],
} as const;
export type TProblemStatus = keyof typeof PROBLEMS;

interface TOperation {
  responses?: Record<string, unknown>;
  "x-problems"?: TProblemStatus[];
}
interface TDocument {
  paths?: Record<string, Record<string, TOperation>>;
  components?: { schemas?: Record<string, unknown>; responses?: Record<string, unknown> };
}

/** Replaces each operation's `x-problems` (set by the route helper) with references to shared problem responses. */
export function addProblemResponses<T extends TDocument>(doc: T): T {
  const used = new Set<TProblemStatus>();
  for (const path of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(path)) {
      for (const status of op["x-problems"] ?? []) {
        used.add(status);
        op.responses = {
          ...op.responses,
          [status]: { $ref: `#/components/responses/${PROBLEMS[status][0]}` },
        };
      }
      delete op["x-problems"];
    }
  }
  const { $schema: _, ...problem } = z.toJSONSchema(ZProblem, { io: "output" });
  const responses: Record<string, unknown> = {};
  for (const status of [...used].sort((a, b) => a - b)) {
    const [name, description] = PROBLEMS[status];
    responses[name] = {
      description,
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    };
  }
  doc.components = {
    ...doc.components,
    schemas: { ...doc.components?.schemas, Problem: problem },
    responses: { ...doc.components?.responses, ...responses },
  };
  return doc;
}

/** The @fastify/swagger options: OpenAPI 3.1 with servers, tags, security schemes and the problem responses. */
export function openApiOptions(config: TConfig): SwaggerOptions {
  return {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Kaja API",
        version: "1",
        description:
          "Customer feedback and service quality for public services. Errors are RFC 9457 problem bodies (application/problem+json) with a stable `code` and the `requestId`.",
      },
      servers: [{ url: config.publicUrl, description: "This Kaja installation" }],
      tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer", description: "An organisation API key (kaja_…)" },
          session: {
            type: "apiKey",
            in: "cookie",
            name: "kaja.session_token",
            description: "The admin app's session; changes also need the x-csrf-token header",
          },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    // The document is built from typed routes; its shape is the library's, so it is narrowed here once.
    transformObject: (input) =>
      "openapiObject" in input ? addProblemResponses(input.openapiObject as TDocument) : input.swaggerObject,
  };
}
