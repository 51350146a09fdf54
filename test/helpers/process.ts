import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (tests spawn `src/cli.ts` and `src/main.ts` from here). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a child: the test's own without database or test-runner settings, plus `extra`. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ["DATABASE_URL", "DATA_DIR", "PORT", "PUBLIC_URL", "NODE_TEST_CONTEXT", "NODE_OPTIONS"])
    delete env[k];
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** Children started by `launch`, so an `after()` hook can kill whatever is still running. */
export class Children {
  readonly #all = new Set<ChildProcess>();

  /** Starts `node <script> ...args` (Node 24: process.execPath of the test run). */
  launch(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, [path.join(ROOT, script), ...args], { cwd: ROOT, env });
    this.#all.add(child);
    child.once("exit", () => this.#all.delete(child));
    return child;
  }

  /** Runs a script to its end and collects its output. */
  run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
    const child = this.launch(script, args, env);
    return collect(child);
  }

  /** Kills every child still running and waits for it to go. */
  async killAll(): Promise<void> {
    await Promise.all([...this.#all].map((c) => stop(c, "SIGKILL")));
  }
}

/** Waits for the child to exit; resolves with its exit code and everything it printed. */
export function collect(child: ChildProcess): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves with the first match of `pattern` in the child's stdout; rejects if it exits first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  let seen = "";
  let errors = "";
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      seen += d;
      const m = seen.match(pattern);
      if (m) {
        child.stdout?.off("data", onData);
        child.off("exit", onExit);
        resolve(m);
      }
    };
    const onErr = (d: Buffer) => {
      errors += d;
    };
    const onExit = (code: number | null) =>
      reject(new Error(`exited (${code}) before printing ${pattern}:\n${seen}\n${errors}`));
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onErr);
    child.once("exit", onExit);
  });
}

/** Sends `signal` unless the child has already exited; resolves with its exit code once it has. */
export function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill(signal);
  });
}
