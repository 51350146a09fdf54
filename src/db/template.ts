import { createHash } from "node:crypto";
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";

/**
 * A ready embedded database: an empty PGlite cluster with every migration applied, kept as a tarball so a fresh
 * data folder (and an in-memory test database) starts from it instead of running initdb and the migrations,
 * which take most of a first start. `npm install` builds it (scripts/postinstall.ts); without it Kaja runs
 * initdb as before. The file name holds a hash of the PGlite version and the migrations, so a new migration or
 * PGlite release never loads an old template (see docs/decisions/029-fast-start.md).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const migrationsFolder = path.join(root, "drizzle");
/** Where templates are kept: inside node_modules, so a reinstall rebuilds them. */
export const defaultTemplateDir = path.join(root, "node_modules/.cache/kaja");

/** Hash of what decides a template's contents: the PGlite version and every migration file with the journal. */
export async function templateKey(folder = migrationsFolder): Promise<string> {
  const hash = createHash("sha256");
  const pglite = JSON.parse(
    await readFile(path.join(root, "node_modules/@electric-sql/pglite/package.json"), "utf8"),
  ) as { version: string };
  hash.update(`pglite ${pglite.version}\0pg_trgm\0`);
  const sqlFiles = (await readdir(folder)).filter((f) => f.endsWith(".sql")).sort();
  for (const f of [...sqlFiles, "meta/_journal.json"]) {
    hash.update(`${f}\0`);
    hash.update(await readFile(path.join(folder, f)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

export async function templatePath(dir = defaultTemplateDir, folder = migrationsFolder): Promise<string> {
  return path.join(dir, `pglite-${await templateKey(folder)}.tar`);
}

/** The template for the current migrations, or undefined when none was built (then initdb runs). */
export async function readTemplate(dir = defaultTemplateDir): Promise<Buffer | undefined> {
  try {
    return await readFile(await templatePath(dir));
  } catch {
    return undefined;
  }
}

/**
 * Writes the template's files into `target` (which must not exist) through a sibling folder renamed at the end,
 * so a start that dies half-way leaves no half-made cluster. Much faster than PGlite's own `loadDataDir`,
 * which copies file by file through the WebAssembly file system. Returns false when there is no template.
 */
export async function extractTemplate(target: string, dir = defaultTemplateDir): Promise<boolean> {
  const tar = await readTemplate(dir);
  if (!tar) return false;
  const partial = `${target}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true, mode: 0o700 });
  try {
    await untar(tar, partial);
    await rename(partial, target);
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  }
  return true;
}

/** Unpacks a plain ustar archive as PGlite's dumpDataDir writes it (directories and regular files only). */
async function untar(tar: Buffer, into: string): Promise<void> {
  const text = (from: number, length: number) => {
    const raw = tar.subarray(from, from + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end === -1 ? length : end).toString("utf8");
  };
  let at = 0;
  while (at + 512 <= tar.length && tar[at] !== 0) {
    const name = (text(at + 345, 155) ? `${text(at + 345, 155)}/` : "") + text(at, 100);
    const mode = Number.parseInt(text(at + 100, 8).trim() || "600", 8);
    const size = Number.parseInt(text(at + 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(tar[at + 156]);
    const target = path.join(into, path.normalize(`/${name}`));
    if (!target.startsWith(into)) throw new Error(`template entry outside the folder: ${name}`);
    at += 512;
    if (type === "5") await mkdir(target, { recursive: true, mode: 0o700 });
    else if (type === "0" || type === "\0") {
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await writeFile(target, tar.subarray(at, at + size));
      await chmod(target, mode & 0o777);
      at += Math.ceil(size / 512) * 512;
    } else throw new Error(`template entry of unexpected type ${JSON.stringify(type)}: ${name}`);
  }
}

/**
 * Builds the template for the current migrations in memory and writes it atomically; old templates in the
 * folder are removed. Returns its path.
 */
export async function writeTemplate(dir = defaultTemplateDir, folder = migrationsFolder): Promise<string> {
  const file = await templatePath(dir, folder);
  const client = new PGlite({ extensions: { pg_trgm } });
  try {
    await migrate(drizzle(client), { migrationsFolder: folder });
    // Written to disk uncompressed: a fresh start then reads it without inflating 40 MB.
    const tar = await client.dumpDataDir("none");
    await mkdir(dir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await tar.arrayBuffer()));
    await rename(partial, file);
  } finally {
    await client.close();
  }
  for (const old of await readdir(dir))
    if (/^pglite-[0-9a-f]+\.tar$/.test(old) && path.join(dir, old) !== file)
      await rm(path.join(dir, old), { force: true });
  return file;
}
