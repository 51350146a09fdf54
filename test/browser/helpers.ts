import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { after } from "node:test";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import type { AxeResults, ContextObject, RunOptions } from "axe-core";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Frame,
  type Locator,
  type Page,
} from "playwright-core";
import { buildApp, type KajaApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { AppDeps } from "../../src/context.ts";
import { createDeps } from "../../src/deps.ts";
import { fastPasswordHasher } from "../helpers/fast-password.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** WCAG 2.1 levels A and AA: the rules the acceptance criteria name. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Debian's Chromium; never a downloaded browser build. */
export const CHROMIUM = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export interface BrowserContextOfTest {
  app: KajaApp;
  deps: AppDeps;
  browser: Browser;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  close(): Promise<void>;
}

/** A free TCP port on the loopback interface (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/** Builds the admin app into web/dist when it is missing, so the sign-in tests never skip silently. */
export function ensureWebBuilt(): void {
  if (existsSync(path.join(root, "web/dist/index.html"))) return;
  const r = spawnSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) throw new Error(`building the admin app failed (exit ${r.status})`);
}

/**
 * Starts Kaja on a free port (PostgreSQL when DATABASE_URL is set, else in-memory PGlite) and launches
 * Chromium, both of this test file's own. `close()` ends whatever was started, each part even when another
 * fails. Most files use `startBrowserTest`, which shares one of these per process.
 */
export async function startOwnBrowserTest({ web = false } = {}): Promise<BrowserContextOfTest> {
  if (web) ensureWebBuilt();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: "silent",
    DATABASE_URL: process.env.DATABASE_URL,
  });
  // The test suite's cheap password hash (production scrypt costs tens of milliseconds a sign-in).
  const deps = await createDeps(config, {
    inMemory: true,
    signInPerMinute: 10_000,
    passwordHasher: fastPasswordHasher,
  });
  const closers: (() => Promise<unknown>)[] = [() => deps.database.close()];
  const close = async () => {
    const failures: unknown[] = [];
    for (const fn of closers.reverse()) await fn().catch((err) => failures.push(err));
    closers.length = 0;
    if (failures.length) throw failures[0];
  };
  try {
    // One browser, one client address: the per-address API and survey-link limits would count every file of a
    // lane together, so they are lifted (their own tests are HTTP tests with an app of their own).
    const app = await buildApp(deps, { apiRateLimit: 1_000_000, linkRateLimit: 1_000_000 });
    closers.push(() => app.close());
    await app.listen({ port, host: "127.0.0.1" });
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    closers.push(() => browser.close());
    return { app, deps, browser, baseUrl, close };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}

let shared: Promise<BrowserContextOfTest> | undefined;
// Registered when this module loads, so it hangs on the root test: it runs once the process's tests end.
after(async () => (await shared?.catch(() => undefined))?.close());

/**
 * The Kaja server and Chromium that every browser test file of a process shares (the browser lanes run their
 * files in one process each): starting a server with its database and a browser costs about 20 s of CPU, a
 * test's own organisation and browser context milliseconds. Files stay independent through their own
 * organisations and browser contexts (close the contexts you open). `close()` is a no-op; the shared server
 * and browser close when the process's tests end. A test that needs other settings uses `startOwnBrowserTest`.
 */
export async function startBrowserTest({ web = false } = {}): Promise<BrowserContextOfTest> {
  if (web) ensureWebBuilt();
  shared ??= startOwnBrowserTest();
  return { ...(await shared), close: async () => {} };
}

// The axe-core that @axe-core/playwright runs, in its minified build: the same rules as the builder's own copy
// (`axe.source`, 1.3 MB unminified) in less than half the text Chromium has to compile on each injection.
const axeCoreDir = path.dirname(
  createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright")).resolve(
    "axe-core/package.json",
  ),
);
const AXE_SOURCE = readFileSync(path.join(axeCoreDir, "axe.min.js"), "utf8");
const AXE_VERSION = (
  JSON.parse(readFileSync(path.join(axeCoreDir, "package.json"), "utf8")) as { version: string }
).version;
/** What the builder's legacy mode configures in every frame before a run. */
const AXE_CONFIGURE = `axe.configure({ allowedOrigins: ["<same_origin>"], branding: { application: "playwright" } })`;

/**
 * Puts axe-core into a frame unless this document already has it (a screen of the admin app reached without a
 * page load keeps the copy of the previous check), then configures it as the builder's legacy mode does.
 */
async function injectAxe(frame: Frame): Promise<void> {
  const present = await frame.evaluate(
    (version) => (window as { axe?: { version?: string } }).axe?.version === version,
    AXE_VERSION,
  );
  if (!present) await frame.evaluate(AXE_SOURCE);
  await frame.evaluate(AXE_CONFIGURE);
}

/**
 * The builder's legacy mode (`axe.run` in the page, reaching same-origin frames) without its cost: it put the
 * 1.3 MB source into the main frame twice a run, even when the document still had it from the check before.
 * Same context, options and rules, so the same violations.
 */
async function runAxeInPage(page: Page, tags: string[]): Promise<AxeResults> {
  const [main, ...children] = page.frames();
  await injectAxe(main);
  // Like the builder: a frame that cannot take axe (detached, still loading) is left out, not a failure.
  for (const frame of children) await injectAxe(frame).catch(() => {});
  const args: { context: ContextObject; options: RunOptions } = {
    context: { exclude: [], include: [] },
    options: { resultTypes: ["violations"], runOnly: { type: "tag", values: tags } },
  };
  // Playwright's serialisable-argument types are too deep for axe's option types: typed at both ends instead.
  const run = ({ context, options }: typeof args): Promise<AxeResults> =>
    (window as unknown as { axe: { run(c: ContextObject, o: RunOptions): Promise<AxeResults> } }).axe.run(
      context,
      options,
    );
  return (await page.evaluate(run as (a: unknown) => Promise<unknown>, args as unknown)) as AxeResults;
}

/**
 * Runs axe with the WCAG 2.1 A/AA rules (and `extraTags`, such as "wcag22aa" for the target size) and fails
 * with a readable list of every violation.
 */
export async function expectNoAxeViolations(
  page: Page,
  label: string,
  extraTags: string[] = [],
): Promise<void> {
  const tags = [...WCAG_TAGS, ...extraTags];
  // By default the builder finishes every run in a new blank page (a renderer started and axe-core loaded
  // again: about half of a run's CPU on a small screen). axe.run inside the page checks the same rules and
  // reaches same-origin frames too, so that is used unless the page holds a frame from another origin.
  const origin = new URL(page.url()).origin;
  const foreignFrame = page
    .frames()
    .some((f) => /^https?:/.test(f.url()) && new URL(f.url()).origin !== origin);
  // Only violations are collected (passes and "incomplete" cost time). `options()` replaces the whole
  // options object, so it comes before `withTags()`, which would otherwise be dropped.
  const result = foreignFrame
    ? await new AxeBuilder({ page })
        .options({ resultTypes: ["violations"] })
        .withTags(tags)
        .analyze()
    : await runAxeInPage(page, tags);
  const lines = result.violations.flatMap((v) => [
    `- ${v.id} (${v.impact ?? "no impact"}): ${v.help}`,
    `  ${v.helpUrl}`,
    ...v.nodes.map(
      (n) =>
        `    at ${n.target.map(String).join(" > ")}${n.failureSummary ? `\n      ${n.failureSummary.replaceAll("\n", "\n      ")}` : ""}`,
    ),
  ]);
  assert.equal(
    result.violations.length,
    0,
    `axe found ${result.violations.length} WCAG 2.1 A/AA violation(s) on ${label} (${page.url()}):\n${lines.join("\n")}`,
  );
}

/**
 * Signs a browser context in through the API the sign-in form calls (the session cookie lands in the context),
 * so a test can open the screen it is about directly. For tests of other screens: the form itself is tested
 * in foundation.browser.ts.
 */
export async function signInThroughApi(
  t: BrowserContextOfTest,
  context: BrowserContext,
  email: string,
  password: string,
): Promise<void> {
  const res = await context.request.post(`${t.baseUrl}/api/auth/sign-in/email`, {
    data: { email, password },
    headers: { origin: t.baseUrl },
  });
  assert.equal(res.status(), 200, `signing in ${email}: ${res.status()} ${await res.text()}`);
}

/** Presses Tab until `target` has focus (at most `max` times), as a keyboard user moves through a page. */
export async function tabUntil(page: Page, target: Locator, max = 40): Promise<void> {
  const handle = await target.elementHandle();
  assert.ok(handle, "the element to tab to exists");
  for (let i = 0; i < max; i++) {
    if (await handle.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reached ${await handle.evaluate((el) => el.outerHTML.slice(0, 160))}`);
}

/** Whether the element has keyboard focus. */
export const hasFocus = (target: Locator) => target.evaluate((el) => el === document.activeElement);
