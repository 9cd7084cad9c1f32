/**
 * The snapshots the API answered from, as each response's `x-snapshot-id` header names them. Every
 * result in the client's cache came from one snapshot; after a publish, new requests are answered
 * from the next one while the cards already on screen (and the header citing their snapshot) still
 * show the old one. `note` calls `onNew` for an id first seen after another: the client then
 * refetches everything on screen, so the page moves to the new snapshot as a whole.
 *
 * An id seen before never triggers: a late answer from the old snapshot (a request that started
 * before the publish) must not send the page back and forth. So a rollback to a snapshot this page
 * already saw is not noticed until a reload.
 */
export class ServedSnapshots {
  private readonly seen = new Set<string>();

  constructor(private readonly onNew: (id: string) => void) {}

  note(id: string | null | undefined): void {
    if (!id || this.seen.has(id)) return;
    const first = this.seen.size === 0;
    this.seen.add(id);
    if (!first) this.onNew(id);
  }
}
