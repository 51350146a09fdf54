import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { API_KEY_SCOPES, type TApiKeyScope } from "./auth/permissions.ts";
import { ConfigError, loadConfig } from "./config.ts";
import type { AppDeps } from "./context.ts";
import { DatabaseLockedError } from "./db/connect.ts";
import { organization, user } from "./db/schema.ts";
import { createDeps } from "./deps.ts";
import { AppError } from "./http/errors.ts";
import { createApiKey } from "./modules/accounts/api-keys.ts";
import { createOrganization } from "./modules/accounts/create-organization.ts";
import { issuePasswordLink } from "./modules/accounts/password-link.ts";
import { loadDemoData } from "./modules/demo/load-demo-data.ts";
import { createBenchmarkNetwork } from "./modules/insights/benchmark/networks.ts";
import { verifyRollups } from "./modules/insights/verify-rollups.ts";
import { unsafeVerifyKpiRollups } from "./modules/kpi/verify-kpi-rollups.ts";

const USAGE = `Kaja operator commands (npm run kaja -- <command> [options])

  create-org --name <name> --owner-email <e-mail> [--slug <slug>]
      Creates an organisation and its owner; prints a one-time sign-in link (24 h).
  create-api-key --org <slug> --scopes <list> [--name <name>]
      Creates an API key; prints it once. Scopes: ${API_KEY_SCOPES.join(", ")}.
  sign-in-link --email <e-mail>
      Prints a new one-time link with which the user sets a password (24 h).
  migrate
      Applies database migrations (start-up does this too).
  demo-data --org <slug>
      Fills the organisation with demo services, employees and answers.
  verify-rollups [--org <slug>]
      Recomputes the report rollups from the raw answers and invitations; lists every difference (exit 1 if any).
  create-benchmark-network --name <name> [--slug <slug>]
      Creates a benchmark network that organisations can join.
`;

type Values = Record<string, string | undefined>;
/** A command checks its options before the database is opened (fast, and clear even when it is locked), then runs. */
type Command = (values: Values) => (deps: AppDeps) => Promise<void>;

function required(values: Values, name: string): string {
  const v = values[name]?.trim();
  if (!v) throw new AppError("VALIDATION", { detail: `--${name} is required` });
  return v;
}

async function orgBySlug(deps: AppDeps, slug: string) {
  const [org] = await deps.db.select().from(organization).where(eq(organization.slug, slug));
  if (!org) throw new AppError("NOT_FOUND", { detail: `No organisation with the slug "${slug}".` });
  return org;
}

function parseScopes(list: string): TApiKeyScope[] {
  const scopes = list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (bad.length || scopes.length === 0)
    throw new AppError("VALIDATION", {
      detail: `Unknown scope(s): ${bad.join(", ") || "(none)"}. Known: ${API_KEY_SCOPES.join(", ")}`,
    });
  return scopes as TApiKeyScope[];
}

const commands: Record<string, Command> = {
  "create-org": (v) => {
    const name = required(v, "name");
    const email = required(v, "owner-email");
    if (!/^[^@\s]+@[^@\s]+$/.test(email))
      throw new AppError("VALIDATION", { detail: "--owner-email is not an e-mail address" });
    return async (deps) => {
      const { org, signInLink } = await createOrganization(deps, { name, ownerEmail: email, slug: v.slug });
      console.log(`Created organisation "${org.name}" (slug ${org.slug}) with owner ${email}.`);
      console.log(`One-time sign-in link (valid 24 hours; sets the owner's password):\n${signInLink}`);
    };
  },
  "create-api-key": (v) => {
    const slug = required(v, "org");
    const scopes = parseScopes(required(v, "scopes"));
    return async (deps) => {
      const org = await orgBySlug(deps, slug);
      const created = await createApiKey(deps.db, { orgId: org.id, name: v.name ?? "CLI key", scopes });
      console.log(
        `API key for ${org.slug} with scopes ${created.scopes.join(", ")} (shown once, store it now):\n${created.key}`,
      );
    };
  },
  "sign-in-link": (v) => {
    const email = required(v, "email").toLowerCase();
    return async (deps) => {
      const [u] = await deps.db.select({ id: user.id }).from(user).where(eq(user.email, email));
      if (!u) throw new AppError("NOT_FOUND", { detail: `No user with the e-mail ${email}.` });
      console.log(`One-time link (valid 24 hours):\n${await issuePasswordLink(deps, u.id)}`);
    };
  },
  migrate: () => async () => {
    console.log("Migrations are up to date.");
  },
  "demo-data": (v) => {
    const slug = required(v, "org");
    return async (deps) => {
      const org = await orgBySlug(deps, slug);
      const summary = await loadDemoData(deps, org.id);
      console.log(`Demo data loaded into ${org.slug}: ${JSON.stringify(summary)}`);
    };
  },
  "verify-rollups": (v) => async (deps) => {
    const org = v.org ? await orgBySlug(deps, v.org) : undefined;
    const { cells, differences } = await verifyRollups(deps.db, org?.id);
    console.log(
      `Checked ${Object.entries(cells)
        .map(([table, n]) => `${n} ${table}`)
        .join(", ")} rollup cells${org ? ` of ${org.slug}` : ""} against the raw answers and invitations.`,
    );
    for (const d of differences) {
      const changed = Object.keys(d.expected).filter((c) => d.expected[c] !== d.actual[c]);
      const what = changed.map((c) => `${c} stored ${d.actual[c]}, recomputed ${d.expected[c]}`).join("; ");
      console.log(`DIFFERENCE ${d.table} ${JSON.stringify(d.key)}: ${what}`);
    }
    const kpi = await unsafeVerifyKpiRollups(deps.db, org?.id);
    console.log(
      `Checked ${kpi.cells.kpi_rollup_day} daily and ${kpi.cells.kpi_rollup_month} monthly KPI rollup cells against the raw contact records.`,
    );
    for (const d of kpi.differences) {
      const changed = Object.keys(d.expected).filter((c) => d.expected[c] !== d.actual[c]);
      const what = changed.map((c) => `${c} stored ${d.actual[c]}, recomputed ${d.expected[c]}`).join("; ");
      console.log(`DIFFERENCE ${d.table} ${d.key}: ${what}`);
    }
    const all = differences.length + kpi.differences.length;
    // A difference is a failure: the error path prints it and exits with 1.
    if (all) throw new AppError("CONFLICT", { detail: `${all} rollup cell(s) differ.` });
    console.log("No differences.");
  },
  "create-benchmark-network": (v) => {
    const name = required(v, "name");
    return async (deps) => {
      const network = await createBenchmarkNetwork(deps.db, { name, slug: v.slug });
      console.log(`Created benchmark network "${network.name}" (slug ${network.slug}, id ${network.id}).`);
    };
  },
};

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const handler = command ? commands[command] : undefined;
  if (!handler) {
    console.log(USAGE);
    return command && command !== "help" ? 2 : 0;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" },
      "owner-email": { type: "string" },
      slug: { type: "string" },
      org: { type: "string" },
      scopes: { type: "string" },
      email: { type: "string" },
    },
    strict: true,
  });
  const start = handler(values as Values);
  const deps = await createDeps(loadConfig());
  try {
    await start(deps);
    return 0;
  } finally {
    await deps.database.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof AppError || err instanceof ConfigError || err instanceof DatabaseLockedError)
      console.error(`Error: ${err.message}`);
    else if ((err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS"))
      console.error(`Error: ${(err as Error).message}\n\n${USAGE}`);
    else console.error(err);
    process.exit(1);
  },
);
