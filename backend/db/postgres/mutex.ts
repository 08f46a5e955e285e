/** A FIFO async mutex: PGlite has one connection, so transactions take turns. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<R>(fn: () => Promise<R>): Promise<R> {
    const result = this.tail.then(fn);
    // The next holder waits for this one to settle, whether it resolved or threw.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
