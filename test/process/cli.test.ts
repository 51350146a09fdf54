import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { createDeps } from "../../src/deps.ts";
import { resetPassword, signIn, tokenOf, unique } from "../helpers/app.ts";
import { Children, childEnv } from "../helpers/process.ts";

// One database per run, like the rest of the suite: the embedded one, or PostgreSQL when DATABASE_URL is set
// (the test runner runs this file once in each of its process lanes).
const variants = [
  process.env.DATABASE_URL
    ? { name: "PostgreSQL", databaseUrl: process.env.DATABASE_URL }
    : { name: "the embedded database", databaseUrl: undefined },
];

for (const variant of variants) {
  describe(`operator commands (CLI) on ${variant.name}`, () => {
    const children = new Children();
    const u = unique();
    const email = `x-${u}@example.test`;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const kaja = (...args: string[]) => children.run("src/cli.ts", args, env);
    const created = { slug: "", link: "", key: "", secondLink: "" };

    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), "kaja-cli-"));
      env = childEnv({
        DATA_DIR: dir,
        DATABASE_URL: variant.databaseUrl,
        PUBLIC_URL: "http://localhost:3000",
      });
    });
    after(async () => {
      await children.killAll();
      await rm(dir, { recursive: true, force: true });
    });

    it("create-org creates the organisation and prints a one-time set-password link", async () => {
      const res = await kaja("create-org", "--name", `Test Amet ${u}`, "--owner-email", email);
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /\/app\/reset-password\?token=/);
      created.link = res.stdout.match(/http:\/\/localhost:3000\/app\/reset-password\?token=\S+/)?.[0] ?? "";
      assert.ok(created.link, res.stdout);
      created.slug = res.stdout.match(/slug (\S+)\)/)?.[1] ?? "";
      assert.equal(created.slug, `test-amet-${u}`);
    });

    it("create-api-key prints a kaja_ key once", async () => {
      const res = await kaja("create-api-key", "--org", created.slug, "--scopes", "catalog:read");
      assert.equal(res.code, 0, res.stderr);
      created.key = res.stdout.match(/^kaja_\S+$/m)?.[0] ?? "";
      assert.ok(created.key.startsWith("kaja_"), res.stdout);
    });

    it("refuses an unknown scope with exit code 1 and names it", async () => {
      const res = await kaja("create-api-key", "--org", created.slug, "--scopes", "catalog:read,everything");
      assert.equal(res.code, 1);
      assert.match(res.stderr, /Unknown scope\(s\): everything/);
      assert.match(res.stderr, /Known: .*catalog:read/);
      assert.doesNotMatch(res.stdout, /kaja_/);
    });

    it("refuses create-org without --name (exit 1, naming --name)", async () => {
      const res = await kaja("create-org", "--owner-email", `y-${u}@example.test`);
      assert.equal(res.code, 1);
      assert.match(res.stderr, /--name is required/);
    });

    it("refuses an unknown option and an unknown command with the usage", async () => {
      const opt = await kaja("create-org", "--colour", "blue");
      assert.equal(opt.code, 1);
      assert.match(opt.stderr, /colour/);
      assert.match(opt.stderr, /create-api-key --org/);
      const cmd = await kaja("make-coffee");
      assert.equal(cmd.code, 2);
      assert.match(cmd.stdout, /Kaja operator commands/);
    });

    it("sign-in-link prints a new one-time link for an existing user only", async () => {
      const res = await kaja("sign-in-link", "--email", email.toUpperCase());
      assert.equal(res.code, 0, res.stderr);
      created.secondLink = res.stdout.match(/http:\/\/\S+\/app\/reset-password\?token=\S+/)?.[0] ?? "";
      assert.ok(created.secondLink && created.secondLink !== created.link, res.stdout);
      const missing = await kaja("sign-in-link", "--email", `nobody-${u}@example.test`);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /No user with the e-mail/);
    });

    it("links use the configured address: PORT when PUBLIC_URL is unset, else PUBLIC_URL (as the server prints it)", async () => {
      const onPort = await children.run("src/cli.ts", ["sign-in-link", "--email", email], {
        ...env,
        PORT: "4123",
        PUBLIC_URL: "",
      });
      assert.equal(onPort.code, 0, onPort.stderr);
      assert.match(onPort.stdout, /^http:\/\/localhost:4123\/app\/reset-password\?token=\S+$/m);
      const publicEnv = { ...env, PORT: "4123", PUBLIC_URL: "https://kaja.example.ee/" };
      const onUrl = await children.run("src/cli.ts", ["sign-in-link", "--email", email], publicEnv);
      assert.equal(onUrl.code, 0, onUrl.stderr);
      assert.equal(loadConfig(publicEnv).publicUrl, "https://kaja.example.ee");
      assert.match(onUrl.stdout, /^https:\/\/kaja\.example\.ee\/app\/reset-password\?token=\S+$/m);
    });

    it("the printed key and links work in the app started on the same data afterwards", async () => {
      assert.ok(created.key && created.link, "the earlier steps ran");
      // After the CLI has exited: the embedded database admits one process at a time.
      const config = loadConfig({
        NODE_ENV: "test",
        DATA_DIR: dir,
        DATABASE_URL: variant.databaseUrl,
        PUBLIC_URL: "http://localhost:3000",
        LOG_LEVEL: "silent",
      });
      const deps = await createDeps(config);
      const app = await buildApp(deps);
      try {
        const services = await app.inject({
          url: "/api/v1/services",
          headers: { authorization: `Bearer ${created.key}` },
        });
        assert.equal(services.statusCode, 200, services.body);
        const channels = await app.inject({
          url: "/api/v1/channels",
          headers: { authorization: `Bearer ${created.key}` },
        });
        assert.equal(channels.json().length, 6, "the new organisation's default channels");

        const set = await resetPassword(app, tokenOf(created.link), "the owner's own passphrase");
        assert.equal(set.statusCode, 200, set.body);
        const owner = await signIn(app, email, "the owner's own passphrase");
        const me = await app.inject({ url: "/api/v1/me", headers: { cookie: owner.cookie } });
        assert.deepEqual(
          me.json().organizations.map((o: { slug: string; role: string }) => [o.slug, o.role]),
          [[created.slug, "owner"]],
        );
        assert.equal((await resetPassword(app, tokenOf(created.link), "once more, please!")).statusCode, 400);
        const again = await resetPassword(app, tokenOf(created.secondLink), "a later passphrase");
        assert.equal(again.statusCode, 200, "the sign-in-link link works too");
        await signIn(app, email, "a later passphrase");
      } finally {
        await app.close();
        await deps.database.close();
      }
    });
  });
}
