/**
 * The snapshots the API answered from, as each response's `x-snapshot-id` header names them. Every
 * result in the client's cache came from one snapshot; after a publish (or a rollback), new requests
 * are answered from another one while the cards already on screen (and the header citing their
 * snapshot) still show the old one. `note` calls `onNew` when an answer shows the server has moved:
 * the client then refetches everything on screen, so the page moves to that snapshot as a whole.
 *
 * Each request takes a ticket when it is sent (`send`). An answer from another snapshot than the
 * page's moves the page only if its request was sent after the page last moved: a request sent
 * earlier may be a late answer from the snapshot the page left (it started before the publish) and
 * must not send the page back and forth. So a rollback, even to a snapshot the page showed before,
 * is followed as soon as a request sent after the page's last move is answered from it.
 */
export class ServedSnapshots {
  private sent = 0;
  private current: string | null = null;
  /** Requests with a ticket up to this one were sent before the page last moved. */
  private movedAfter = 0;

  constructor(private readonly onNew: (id: string) => void) {}

  /** A ticket for a request about to be sent. */
  send(): number {
    this.sent += 1;
    return this.sent;
  }

  /** The snapshot that answered the request holding `ticket`. */
  note(id: string | null | undefined, ticket: number): void {
    if (!id || id === this.current) return;
    if (this.current === null) {
      this.current = id;
      this.movedAfter = ticket;
      return;
    }
    if (ticket <= this.movedAfter) return;
    this.current = id;
    this.movedAfter = this.sent;
    this.onNew(id);
  }
}
