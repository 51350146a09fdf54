import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig, trustedOrigins } from "../../src/config.ts";

describe("trusted sign-in origins", () => {
  it("on a local start trusts localhost, 127.0.0.1 and [::1] on the configured port", () => {
    const origins = trustedOrigins(loadConfig({ PORT: "3100" }));
    for (const o of ["http://localhost:3100", "http://127.0.0.1:3100", "http://[::1]:3100"])
      assert.ok(origins.includes(o), `${o} in ${origins.join(", ")}`);
  });

  it("with a loopback PUBLIC_URL trusts it and the loopback addresses on the port", () => {
    const origins = trustedOrigins(loadConfig({ PORT: "3000", PUBLIC_URL: "http://127.0.0.1:3000/" }));
    assert.ok(origins.includes("http://127.0.0.1:3000"));
    assert.ok(origins.includes("http://localhost:3000"));
  });

  it("with a public PUBLIC_URL trusts only that", () => {
    const origins = trustedOrigins(loadConfig({ PUBLIC_URL: "https://kaja.example.ee" }));
    assert.deepEqual(origins, ["https://kaja.example.ee"]);
  });
});
