import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { ConfigError, loadConfig } from "../src/config.ts";
import { Children, childEnv } from "./helpers/process.ts";

/** Asserts that loading `env` throws a ConfigError whose message names every variable in `names`. */
function assertRejects(env: Record<string, string>, ...names: string[]) {
  assert.throws(
    () => loadConfig(env),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError, String(err));
      for (const name of names) assert.match(err.message, new RegExp(`\\b${name}: `), err.message);
      return true;
    },
  );
}

describe("configuration from the environment", () => {
  it("rejects each bad value with a ConfigError naming the variable", () => {
    assertRejects({ PORT: "abc" }, "PORT");
    assertRejects({ PORT: "70000" }, "PORT");
    assertRejects({ DATABASE_URL: "mysql://x" }, "DATABASE_URL");
    assertRejects({ PUBLIC_URL: "not-a-url" }, "PUBLIC_URL");
    assertRejects({ PUBLIC_URL: "localhost:3000" }, "PUBLIC_URL");
    assertRejects({ PUBLIC_URL: "ftp://example.test" }, "PUBLIC_URL");
    assertRejects({ SMTP_URL: "http://x" }, "SMTP_URL");
    assertRejects({ AUTH_SECRET: "too short" }, "AUTH_SECRET");
    assertRejects({ TRUST_PROXY: "maybe" }, "TRUST_PROXY");
    assertRejects({ LOG_LEVEL: "loud" }, "LOG_LEVEL");
    assertRejects({ NODE_ENV: "staging" }, "NODE_ENV");
  });

  it("names every bad variable at once", () => {
    assertRejects(
      { PORT: "abc", SMTP_URL: "http://x", PUBLIC_URL: "nope" },
      "PORT",
      "SMTP_URL",
      "PUBLIC_URL",
    );
  });

  it("has the documented defaults", () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 3000);
    assert.equal(c.HOST, "0.0.0.0");
    assert.equal(c.DATABASE_URL, undefined);
    assert.equal(c.DATA_DIR, "./data");
    assert.equal(c.dataDir, path.resolve("data"));
    assert.equal(c.publicUrl, "http://localhost:3000");
    assert.equal(c.SMTP_URL, undefined);
    assert.equal(c.MAIL_FROM, "Kaja <kaja@localhost>");
    assert.equal(c.AUTH_SECRET, undefined);
    assert.equal(c.LOG_LEVEL, "info");
    assert.equal(c.TRUST_PROXY, false);
    assert.equal(c.SECURE_COOKIES, undefined);
    assert.equal(c.NODE_ENV, "development");
  });

  it("treats an empty variable as unset (PORT= is the default port, not port 0)", () => {
    const c = loadConfig({ PORT: "", DATABASE_URL: "", PUBLIC_URL: "", SMTP_URL: "", AUTH_SECRET: "" });
    assert.equal(c.PORT, 3000);
    assert.equal(c.DATABASE_URL, undefined);
    assert.equal(c.publicUrl, "http://localhost:3000");
    assert.equal(c.SMTP_URL, undefined);
    assert.equal(c.AUTH_SECRET, undefined);
  });

  it("derives and normalises the public URL, and reads the other values", () => {
    assert.equal(loadConfig({ PORT: "8080" }).publicUrl, "http://localhost:8080");
    const c = loadConfig({
      PORT: "8080",
      PUBLIC_URL: "https://tagasiside.example.ee/",
      DATABASE_URL: "postgresql://kaja@db:5432/kaja",
      SMTP_URL: "smtps://user:pass@mail.example.ee:465",
      DATA_DIR: "/var/lib/kaja",
      TRUST_PROXY: "yes",
      SECURE_COOKIES: "0",
      AUTH_SECRET: "x".repeat(32),
    });
    assert.equal(c.publicUrl, "https://tagasiside.example.ee");
    assert.equal(c.PORT, 8080);
    assert.equal(c.DATABASE_URL, "postgresql://kaja@db:5432/kaja");
    assert.equal(c.SMTP_URL, "smtps://user:pass@mail.example.ee:465");
    assert.equal(c.dataDir, "/var/lib/kaja");
    assert.equal(c.TRUST_PROXY, true);
    assert.equal(c.SECURE_COOKIES, false);
  });

  describe("the server with a bad configuration", () => {
    const children = new Children();
    let dir: string | undefined;
    after(async () => {
      await children.killAll();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("exits 1 and prints the variable's name (PORT=abc)", async () => {
      dir = await mkdtemp(path.join(tmpdir(), "kaja-config-"));
      const res = await children.run("src/main.ts", [], childEnv({ PORT: "abc", DATA_DIR: dir }));
      assert.equal(res.code, 1);
      assert.match(res.stderr, /Kaja cannot start\. Invalid configuration:\s+PORT: /);
      assert.doesNotMatch(res.stdout, /Kaja is running/);
    });
  });
});
