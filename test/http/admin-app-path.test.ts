import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startTestApp } from "../helpers/app.ts";

describe("the admin app's address", () => {
  it("redirects /app without the slash to /app/", async () => {
    const { app } = await startTestApp();
    const res = await app.inject({ method: "GET", url: "/app" });
    assert.equal(res.statusCode, 308);
    assert.equal(res.headers.location, "/app/");
  });

  it("keeps the query string", async () => {
    const { app } = await startTestApp();
    const res = await app.inject({ method: "GET", url: "/app?redirect=%2Fsurveys" });
    assert.equal(res.statusCode, 308);
    assert.equal(res.headers.location, "/app/?redirect=%2Fsurveys");
  });
});
