import { type AgencyRecord, type Db, listAgencies, listPrograms, type ProgramRecord } from '@asn/warehouse';
import DataLoader from 'dataloader';

/** code → agency, batched into one dimension query (e.g. scorecards that name their agency). */
export function agencyLoader(db: Db) {
  return new DataLoader<string, AgencyRecord | null>(async (codes) => {
    const found = new Map((await listAgencies(db, codes)).map((a) => [a.code, a]));
    return codes.map((c) => found.get(c) ?? null);
  });
}

export function programLoader(db: Db) {
  return new DataLoader<string, ProgramRecord | null>(async (codes) => {
    const found = new Map((await listPrograms(db, codes)).map((p) => [p.code, p]));
    return codes.map((c) => found.get(c) ?? null);
  });
}
