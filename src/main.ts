import { flushCompileCache } from "node:module";
import { speedUpImports } from "./fast-imports.ts";

// Before the server's modules are imported: they load through the compile cache and the resolve hook.
speedUpImports();
const { startServer } = await import("./server.ts");
await startServer();
// Everything a start needs is loaded: keep its compiled code for the next start now, not only at exit.
flushCompileCache();
