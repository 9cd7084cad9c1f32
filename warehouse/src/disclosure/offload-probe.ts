/**
 * Imported by a disclosure worker (`offload-worker.mjs`) before any task module, only to learn
 * whether it can load TypeScript by itself. Nothing else imports it, so the failed import Node
 * caches when it cannot is of no module a task needs.
 */
export const TYPESCRIPT_LOADS = true;
