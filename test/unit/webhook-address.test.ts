import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { isInternalAddress, resolveWebhookHost } from "../../src/modules/webhooks/address-policy.ts";
import { errorCategory } from "../../src/modules/webhooks/post-webhook.ts";

describe("webhook address policy", () => {
  it("classes loopback, private, link-local, shared, multicast and mapped addresses as internal", () => {
    for (const ip of [
      "127.0.0.1",
      "127.255.255.254",
      "0.0.0.0",
      "10.0.0.1",
      "100.64.0.1",
      "100.127.255.255",
      "169.254.169.254",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.0.1",
      "224.0.0.1",
      "239.255.255.250",
      "255.255.255.255",
      "::",
      "::1",
      "fe80::1",
      "febf::1",
      "fc00::1",
      "fdff::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.1.2.3",
      "::ffff:a9fe:a9fe",
      "64:ff9b::192.168.1.1",
      "not an address",
    ]) {
      assert.equal(isInternalAddress(ip), true, ip);
    }
  });

  it("lets public addresses through", () => {
    for (const ip of [
      "1.1.1.1",
      "93.184.215.14",
      "100.63.255.255",
      "100.128.0.0",
      "172.15.255.255",
      "172.32.0.0",
      "192.169.0.1",
      "2001:4860:4860::8888",
      "2a00:1450:4001::1",
      "::ffff:1.1.1.1",
      "64:ff9b::808:808",
    ]) {
      assert.equal(isInternalAddress(ip), false, ip);
    }
  });

  it("checks every resolved address, and the allow-list skips the check for the named host only", async () => {
    const lookup = async () => ["93.184.215.14", "10.0.0.7"];
    await assert.rejects(resolveWebhookHost("hooks.example.test", { lookup }), {
      category: "refused_address",
    });
    assert.equal(
      await resolveWebhookHost("Hooks.Example.Test.", { lookup, allowHosts: ["hooks.example.test"] }),
      "93.184.215.14",
    );
    await assert.rejects(
      resolveWebhookHost("other.example.test", { lookup, allowHosts: ["hooks.example.test"] }),
      {
        category: "refused_address",
      },
    );
    await assert.rejects(
      resolveWebhookHost("gone.example.test", {
        lookup: async () => {
          throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
        },
      }),
      { category: "dns" },
    );
    assert.equal(await resolveWebhookHost("[::1]", { allowHosts: ["::1"] }), "::1");
  });

  it("maps low-level errors and old stored texts to categories", () => {
    assert.equal(errorCategory(Object.assign(new Error("x"), { code: "ECONNREFUSED" })), "connect");
    assert.equal(errorCategory(Object.assign(new Error("x"), { code: "CERT_HAS_EXPIRED" })), "tls");
    assert.equal(
      errorCategory(Object.assign(new Error("x"), { code: "ERR_TLS_CERT_ALTNAME_INVALID" })),
      "tls",
    );
    assert.equal(errorCategory(new DOMException("late", "TimeoutError")), "timeout");
    assert.equal(errorCategory("HTTP 502"), "http_status");
    assert.equal(errorCategory("timeout"), "timeout");
    assert.equal(errorCategory("ENOTFOUND"), "dns");
    assert.equal(
      errorCategory("self-signed certificate in certificate chain SELF_SIGNED_CERT_IN_CHAIN"),
      "tls",
    );
    assert.equal(errorCategory("fetch failed"), "connect");
  });
});

describe("WEBHOOK_ALLOW_HOSTS", () => {
  it("reads a comma-separated list of host names and addresses, normalised", () => {
    assert.deepEqual(loadConfig({}).WEBHOOK_ALLOW_HOSTS, []);
    assert.deepEqual(
      loadConfig({ WEBHOOK_ALLOW_HOSTS: " Hooks.Internal.Example , 10.0.0.5,[fd00::1],x." })
        .WEBHOOK_ALLOW_HOSTS,
      ["hooks.internal.example", "10.0.0.5", "fd00::1", "x"],
    );
  });

  it("rejects URLs, ports and paths with a message naming the variable", () => {
    for (const bad of ["https://hooks.example", "hooks.example:8443", "hooks.example/x", "a b"]) {
      assert.throws(
        () => loadConfig({ WEBHOOK_ALLOW_HOSTS: bad }),
        (err: unknown) => err instanceof ConfigError && /WEBHOOK_ALLOW_HOSTS: /.test(err.message),
        bad,
      );
    }
  });
});
