import type { Db } from "../../db/connect.ts";
import type { TAccepted } from "./deliver-invitation.ts";
import { markSentMany } from "./record-send-outcome.ts";

/**
 * Records accepted messages in groups without holding the senders up (group commit): while one statement
 * records a group, the messages accepted meanwhile wait for the next. Under load a group holds what was
 * accepted during one round trip; when the mail server stalls, nothing accepted waits longer than one
 * statement, so a crash still repeats only the messages in flight (with the same Message-ID).
 */
export class SentRecorder {
  private readonly db: Db;
  private readonly onRecorded: (sent: TAccepted[]) => void;
  private pending: TAccepted[] = [];
  private waiting: (() => void)[] = [];
  private running: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(db: Db, onRecorded: (sent: TAccepted[]) => void = () => {}) {
    this.db = db;
    this.onRecorded = onRecorded;
  }

  /**
   * Queues one accepted message; it is written by the group statement running next. The promise settles when
   * that statement has (a failure to record is reported by drain, and the claim lapses).
   */
  add(sent: TAccepted): Promise<void> {
    this.pending.push(sent);
    const recorded = new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running ??= this.run();
    return recorded;
  }

  /** Waits until everything added so far is recorded; throws the first failure to record. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
    if (this.failure) throw this.failure;
  }

  private async run(): Promise<void> {
    try {
      while (this.pending.length) {
        const group = this.pending;
        const waiting = this.waiting;
        this.pending = [];
        this.waiting = [];
        try {
          await markSentMany(this.db, group);
          this.onRecorded(group);
        } catch (err) {
          // Not recorded: their claims lapse and they go again with the same Message-ID.
          this.failure ??= err;
        }
        for (const resolve of waiting) resolve();
      }
    } finally {
      this.running = null;
    }
  }
}
