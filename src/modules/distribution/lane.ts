/**
 * How a run reaches the database: `direct` runs each piece of work when asked; `serial()` one after the other in
 * the order asked, for a run whose reads, decisions and writes overlap on one transaction's connection (a
 * connection takes one statement at a time; node-postgres 8 queues a second one with a warning, 9 refuses it).
 */
export type TLane = <T>(work: () => Promise<T>) => Promise<T>;

export const direct: TLane = (work) => work();

export function serial(): TLane {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const done = tail.then(work);
    tail = done.catch(() => {});
    return done;
  };
}
