import type { z } from "zod";
import type { AppDeps } from "../context.ts";

/** A background job: a queue name, the shape of its payload, and an idempotent handler. */
export interface JobDefinition<P extends z.ZodType = z.ZodType> {
  name: string;
  payload: P;
  /** pg-boss queue policy: "short" keeps one run queued (wake-ups collapse), "stately" one queued and one running. */
  policy: "short" | "stately";
  /** A cron expression (minutes) that runs the job even when nothing wakes it. */
  cron?: string;
  /** Running it twice must send nothing twice: handlers claim their work in the domain tables. */
  handler(deps: AppDeps, payload: z.infer<P>): Promise<unknown>;
}

/** Declares a job (keeps the payload type tied to the handler). */
export function defineJob<P extends z.ZodType>(job: JobDefinition<P>): JobDefinition<P> {
  return job;
}
