import { hasMessage, t } from "../i18n/account-mail.ts";
import { type TUiLocale, UI_LOCALES } from "../i18n/locales.ts";
import { type AppError, FIELD_LIST_KEY, problemTitle, type TFieldError, type TMessageRef } from "./errors.ts";

/**
 * The staff language a request asked for with Accept-Language (the admin app sends its UI language), or null
 * when it named none of them: API clients that send no such header keep the English texts.
 */
export function requestLanguage(header: string | string[] | undefined): TUiLocale | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  for (const part of value.split(",")) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if ((UI_LOCALES as readonly string[]).includes(code)) return code as TUiLocale;
  }
  return null;
}

/**
 * The message and params of a zod refinement (`refine`, `ctx.addIssue`) said by the catalogue: the English text
 * for English callers, and the key that zodIssueMessage says in the other languages.
 */
export function refinement(key: string, values?: Record<string, string>) {
  return { message: t("en", key, values), params: { key, ...(values ? { values } : {}) } };
}

/** The catalogue message a custom zod issue carries in its params (see refinement), if any. */
function customMessage(params: Record<string, unknown>): TMessageRef | undefined {
  const own = params.params as { key?: unknown; values?: Record<string, string> } | undefined;
  return typeof own?.key === "string" && hasMessage(own.key)
    ? { key: own.key, ...(own.values ? { values: own.values } : {}) }
    : undefined;
}

/** A zod issue (as fastify-type-provider-zod passes it on) as a message of the catalogue. */
export function zodIssueMessage(keyword: string, params: Record<string, unknown>): TMessageRef {
  const n = (v: unknown) => String(v ?? "");
  const origin = params.origin === "number" || params.origin === "bigint" ? "number" : params.origin;
  switch (keyword) {
    case "invalid_type":
      return { key: params.input === undefined ? "zod.required" : "zod.invalidType" };
    case "too_small":
      return origin === "number"
        ? { key: "zod.tooSmall.number", values: { n: n(params.minimum) } }
        : origin === "string"
          ? { key: "zod.tooSmall.string", values: { n: n(params.minimum) } }
          : { key: "zod.tooSmall.items", values: { n: n(params.minimum) } };
    case "too_big":
      return origin === "number"
        ? { key: "zod.tooBig.number", values: { n: n(params.maximum) } }
        : origin === "string"
          ? { key: "zod.tooBig.string", values: { n: n(params.maximum) } }
          : { key: "zod.tooBig.items", values: { n: n(params.maximum) } };
    case "invalid_format":
      return params.format === "email"
        ? { key: "zod.email" }
        : params.format === "uuid"
          ? { key: "zod.uuid" }
          : { key: "zod.format" };
    case "invalid_value":
      return Array.isArray(params.values)
        ? { key: "zod.oneOf", values: { values: params.values.map(String).join(", ") } }
        : { key: "zod.invalid" };
    case "unrecognized_keys":
      return {
        key: "zod.unknownKeys",
        values: { keys: Array.isArray(params.keys) ? params.keys.join(", ") : "" },
      };
    case "custom":
      return customMessage(params) ?? { key: "zod.invalid" };
    default:
      return { key: "zod.invalid" };
  }
}

/** The title, detail and field errors of a problem in `lang` (English ones where the catalogue has none). */
export function localizeProblem(
  err: AppError,
  lang: TUiLocale | null,
): { title?: string; detail: string; errors?: TFieldError[] } {
  if (!lang || lang === "en") return { detail: err.detail, errors: err.errors };
  const say = (m: TMessageRef) => t(lang, m.key, m.values);
  const errors = err.errors?.map((e, i) => {
    const ref = err.fieldMessages?.[i];
    return ref ? { ...e, message: say(ref) } : e;
  });
  let detail = err.detail;
  const listKey = err.detailMessage?.key;
  if ((listKey === "problem.invalidInput" || listKey === FIELD_LIST_KEY) && errors) {
    detail = say({
      key: listKey,
      values: { list: errors.map((e) => `${e.path}: ${e.message}`).join("; ") },
    });
  } else if (err.detailMessage) {
    detail = say(err.detailMessage);
  } else if (err.detail === problemTitle(err.code)) {
    detail = say({ key: `problem.title.${err.code}` });
  }
  return { title: say({ key: `problem.title.${err.code}` }), detail, errors };
}
