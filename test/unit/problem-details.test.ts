import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { SCORECARD_PROBLEM_CODES } from "../../src/domain/scorecard-model.ts";
import { hasMessage, t } from "../../src/i18n/account-mail.ts";
import en from "../../src/i18n/messages/en.json" with { type: "json" };
import { UI_LOCALES } from "../../src/i18n/locales.ts";
import { scorecardProblemKey } from "../../src/modules/quality/problems.ts";

// A problem detail or field message written as an English string reaches staff who chose Estonian, Russian,
// Latvian or Lithuanian in English. In src/modules every AppError says its text through the server catalogue
// (`message`, `fieldMessages`, or the fieldProblem helpers); English text beside a catalogue message is allowed,
// as it is what English callers read.

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

/** Files that still build English details of their own (a file listed here is a known gap): none. */
const ALLOWED = new Set<string>([]);

/** Whether a literal holds words (a letter run, a space, a letter run): a text for people, not a key or a path. */
const WORDS = /\p{L}{2,}\s+\p{L}{2,}/u;

function literalTexts(node: ts.Node): string[] {
  const found: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) found.push(n.text);
    else if (ts.isTemplateExpression(n)) {
      found.push([n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(" "));
      for (const s of n.templateSpans) visit(s.expression);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found.filter((t) => WORDS.test(t));
}

/** The English texts passed to `new AppError(…)` in `source` without a catalogue message beside them. */
export function englishDetails(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && node.expression.getText(file) === "AppError") {
      const options = node.arguments?.[1];
      if (options && ts.isObjectLiteralExpression(options)) {
        const props = new Map(
          options.properties.flatMap((p) =>
            (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name
              ? [[p.name.getText(file), p] as const]
              : [],
          ),
        );
        const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
        const detail = props.get("detail");
        // A detail without a catalogue message is one language for everyone, whatever it is built from.
        if (detail && !props.has("message"))
          found.push(`${fileName}:${line}: detail ${detail.getText(file).replace(/\s+/g, " ")}`);
        const errors = props.get("errors");
        if (errors && ts.isPropertyAssignment(errors) && !props.has("fieldMessages"))
          for (const text of literalTexts(errors.initializer))
            found.push(`${fileName}:${line}: errors ${JSON.stringify(text)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(path.join(src, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => path.join(dir, f));
}

/** Sample source with `#{x}` for a template's `${x}` (a plain string holding "${" reads as a mistake). */
const sample = (lines: string[]) => lines.join("\n").replaceAll("#{", "\u0024{");

describe("problem details come from the server catalogue", () => {
  it("the check finds an English detail or field message, and accepts catalogue messages", () => {
    const caught = englishDetails(
      "sample.ts",
      sample([
        'throw new AppError("CONFLICT", { detail: "The survey has closed." });',
        'throw new AppError("NOT_FOUND", { detail: `No such #{noun}.` });',
        'throw new AppError("VALIDATION", { detail: `#{p}: #{m}`, errors: [{ path: p, message: "no such record" }] });',
        'throw new AppError("NOT_FOUND", { detail: NOTHING });',
      ]),
    );
    assert.equal(caught.length, 5, caught.join("\n"));
    const fine = englishDetails(
      "sample.ts",
      sample([
        'throw new AppError("CONFLICT", { message: { key: "problem.survey.closed" } });',
        'throw new AppError("VALIDATION", { detail: `The file is not valid CSV: #{why}`, message: { key: "upload.notCsv" } });',
        'throw new AppError("VALIDATION", { errors: [{ path: "body", message: "send a file" }], fieldMessages: [{ key: "x" }], message: { key: "y" } });',
        'throw new AppError("NOT_FOUND");',
      ]),
    );
    assert.deepEqual(fine, []);
  });

  it("src/modules and src/http pass AppError no English text without a catalogue message", () => {
    const found = ["modules", "http"]
      .flatMap(sources)
      .filter((f) => !ALLOWED.has(f))
      .flatMap((f) => englishDetails(f, readFileSync(path.join(src, f), "utf8")));
    assert.deepEqual(found, [], `say these through src/i18n/messages:\n${found.join("\n")}`);
  });

  it("every problem and row-reason key written in src is in the catalogues", () => {
    const missing = ["modules", "http", "auth"]
      .flatMap(sources)
      .flatMap((f) =>
        [
          ...readFileSync(path.join(src, f), "utf8").matchAll(/"((?:problem|kpiUpload|kpiIntake)\.[\w.]+)"/g),
        ].map((m) => [f, m[1]] as const),
      )
      .filter(([, key]) => !key.endsWith(".") && !hasMessage(key))
      .map(([f, key]) => `${f}: ${key}`);
    assert.deepEqual(missing, []);
  });

  it("every scorecard rule's problem code is said by the catalogue in each language, naming the same values", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const problems = SCORECARD_PROBLEM_CODES.flatMap((code) => {
      const key = scorecardProblemKey(code);
      if (!hasMessage(key)) return [`${code}: no message ${key}`];
      const values = Object.fromEntries(placeholders(en[key as keyof typeof en]).map((v) => [v, `<${v}>`]));
      return UI_LOCALES.flatMap((lang) => {
        const text = t(lang, key, values);
        const named = Object.values(values).filter((v) => !text.includes(v));
        return named.length ? [`${code} (${lang}) leaves out ${named.join(", ")}`] : [];
      });
    });
    assert.deepEqual(problems, []);
    assert.equal(scorecardProblemKey("section_weights_sum"), "problem.scorecard.sectionWeightsSum");
  });
});
