import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

const ZBool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Every setting Kaja reads from the environment, with its default. */
export const ZConfig = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  // Links in e-mails and better-auth's base URL: only http(s) works there ("localhost:3000" parses as a URL too).
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      message: "must be an http:// or https:// URL such as http://localhost:3000",
    })
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Kaja <kaja@localhost>"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: ZBool.default(false),
  SECURE_COOKIES: ZBool.optional(),
  // Webhooks may not reach internal addresses (loopback, private networks, metadata service) unless the
  // operator names the host here: comma-separated host names or IP addresses, matched exactly.
  WEBHOOK_ALLOW_HOSTS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/^\[(.*)\]$/, "$1")
            .replace(/\.$/, ""),
        )
        .filter(Boolean),
    )
    .refine(
      (hosts) =>
        hosts.every(
          (h) => isIP(h) || /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(h),
        ),
      {
        message: "must be comma-separated host names or IP addresses, without scheme, port or path",
      },
    ),
});

export type TConfig = z.infer<typeof ZConfig> & { publicUrl: string; dataDir: string };

/** Thrown when the environment does not hold a valid configuration. */
export class ConfigError extends Error {}

/** Parses an environment (process.env by default) into Kaja's configuration or throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): TConfig {
  // An empty variable (`PORT=` in an env file) means unset: coerced, "" would be port 0.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ZConfig.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, "");
  return { ...c, publicUrl, dataDir: path.resolve(c.DATA_DIR) };
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The origins a browser may send sign-in requests from: PUBLIC_URL always; on a local start (PUBLIC_URL unset
 * or on a loopback host) also localhost, 127.0.0.1 and [::1] on the configured port, so the app signs in at
 * whichever of those addresses it is opened.
 */
export function trustedOrigins(config: Pick<TConfig, "PUBLIC_URL" | "PORT" | "publicUrl">): string[] {
  const origins = [new URL(config.publicUrl).origin];
  const url = new URL(config.publicUrl);
  if (config.PUBLIC_URL !== undefined && !LOOPBACK_HOSTS.has(url.hostname)) return origins;
  const ports = new Set([String(config.PORT), url.port || (url.protocol === "https:" ? "443" : "80")]);
  for (const host of LOOPBACK_HOSTS)
    for (const port of ports) origins.push(`${url.protocol}//${host}:${port}`);
  return [...new Set(origins)];
}

/** Cookies are Secure when SECURE_COOKIES says so, else exactly when Kaja is served over https. */
export function secureCookies(config: Pick<TConfig, "SECURE_COOKIES" | "publicUrl">): boolean {
  return config.SECURE_COOKIES ?? config.publicUrl.startsWith("https://");
}
