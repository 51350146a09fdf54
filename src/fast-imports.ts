import { readFileSync, realpathSync, statSync } from "node:fs";
import { enableCompileCache, type ResolveFnOutput, registerHooks } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Makes loading the server's modules cheaper; called by src/main.ts before anything else is imported (see
 * docs/decisions/037-start-in-three-seconds.md).
 *
 * - Node's compile cache keeps the compiled code (and the TypeScript with its types stripped) in
 *   node_modules/.cache/kaja/compile, so a later start compiles nothing that has not changed.
 * - Node 24's ESM resolver looks up the package of every file it loads and, for a package with an `exports`
 *   map, parses that map again each time: drizzle-orm's package.json is 179 KB and several hundred of its
 *   files are loaded, so that alone was about a third of a start. A resolve hook answers the two common cases
 *   itself from a cache: a relative `.js`/`.mjs` import inside a package whose nearest package.json says
 *   `"type": "module"`, and a bare import from Kaja's own src/ (whose resolution is the same for every file
 *   there). Everything else goes to Node's resolver unchanged.
 */
export function speedUpImports(): void {
  enableCompileCache(path.join(root, "node_modules/.cache/kaja/compile"));
  registerHooks({ resolve: resolveQuickly });
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const srcUrl = `${pathToFileURL(path.join(root, "src")).href}/`;
const plainRelative = /^\.\.?\/[^?#%\\]*\.m?js$/;

type TNextResolve = Parameters<NonNullable<Parameters<typeof registerHooks>[0]["resolve"]>>[2];
type TResolveContext = Parameters<TNextResolve>[1] & { parentURL?: string };

/** Bare specifier (with conditions and import attributes) → Node's answer for a file in src/. */
const bareFromSrc = new Map<string, ResolveFnOutput>();

/** The resolve hook: answers from a cache or from the file system where it can, else asks Node (`next`). */
export function resolveQuickly(
  specifier: string,
  context: TResolveContext,
  next: TNextResolve,
): ResolveFnOutput {
  const parent = context.parentURL;
  if (!parent?.startsWith("file:") || !context.conditions?.includes("import"))
    return next(specifier, context);
  if (plainRelative.test(specifier) && parent.includes("/node_modules/")) {
    const own = moduleInPackage(specifier, parent);
    if (own) return own;
  } else if (parent.startsWith(srcUrl) && isBare(specifier)) {
    const key = `${specifier}\0${context.conditions.join(",")}\0${JSON.stringify(context.importAttributes ?? {})}`;
    const known = bareFromSrc.get(key);
    if (known) return known;
    const resolved = next(specifier, context);
    bareFromSrc.set(key, { ...resolved, shortCircuit: true });
    return resolved;
  }
  return next(specifier, context);
}

const isBare = (specifier: string) =>
  !specifier.startsWith(".") &&
  !specifier.startsWith("/") &&
  !specifier.startsWith("#") &&
  !/^[a-z]+:/.test(specifier);

/** An ES module file next to `parent`, or undefined to let Node decide (CommonJS, missing file, no package). */
function moduleInPackage(specifier: string, parent: string): ResolveFnOutput | undefined {
  const file = fileURLToPath(new URL(specifier, parent));
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return undefined;
  if (file.endsWith(".js") && packageType(path.dirname(file)) !== "module") return undefined;
  return { url: pathToFileURL(realpathSync(file)).href, format: "module", shortCircuit: true };
}

/** Folder → the `type` of its nearest package.json ("none" without one; "invalid" when it cannot be read). */
const typeOfFolder = new Map<string, string>();

function packageType(dir: string): string {
  const known = typeOfFolder.get(dir);
  if (known !== undefined) return known;
  let type: string;
  // Node's own lookup never reads node_modules/package.json and stops there.
  const text =
    path.basename(dir) === "node_modules" ? undefined : readIfExists(path.join(dir, "package.json"));
  if (text !== undefined) {
    try {
      const parsed = JSON.parse(text) as { type?: unknown };
      type = typeof parsed.type === "string" ? parsed.type : "commonjs";
    } catch {
      type = "invalid";
    }
  } else {
    const up = path.dirname(dir);
    type = up === dir || path.basename(dir) === "node_modules" ? "none" : packageType(up);
  }
  typeOfFolder.set(dir, type);
  return type;
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
