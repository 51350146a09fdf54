import type { AppDeps } from "../../context.ts";

/** Placeholder replaced by the demo-data module. */
export async function loadDemoData(_deps: AppDeps, _orgId: string): Promise<Record<string, number>> {
  throw new Error("not implemented");
}
