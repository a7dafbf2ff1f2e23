import type { Finding as DomainFinding, Settlement } from '@bianmin/domain';
import type { Kysely, Selectable } from 'kysely';
import type { Database, SettlementsTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** Staff who sat at a window of the center at some time in the half-year. */
export async function staffOf(db: Db, centerId: number, first: string, last: string) {
  return db
    .selectFrom('staff as s')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .select([
      's.id',
      's.staff_no',
      's.name',
      's.in_post_from',
      's.in_post_to',
      'w.name as window_name',
    ])
    .where('s.center_id', '=', centerId)
    .where('s.window_id', 'is not', null)
    .where('s.in_post_from', '<=', last)
    .where((eb) => eb.or([eb('s.in_post_to', 'is', null), eb('s.in_post_to', '>=', first)]))
    .orderBy('s.staff_no')
    .execute();
}

export async function findingsOf(
  db: Db,
  staffIds: number[],
): Promise<Map<number, DomainFinding[]>> {
  const rows =
    staffIds.length === 0
      ? []
      : await db
          .selectFrom('findings')
          .select(['id', 'staff_id', 'date', 'level', 'circulated', 'item', 'revoked'])
          .where('staff_id', 'in', staffIds)
          .execute();
  const out = new Map<number, DomainFinding[]>();
  for (const r of rows) {
    const list = out.get(r.staff_id) ?? [];
    list.push({
      id: String(r.id),
      personId: r.staff_id,
      date: r.date,
      level: r.level,
      circulated: r.circulated,
      item: r.item as DomainFinding['item'],
      revoked: r.revoked,
    });
    out.set(r.staff_id, list);
  }
  return out;
}

export type SettlementRow = Selectable<SettlementsTable>;

export async function frozenOf(db: Db, staffIds: number[]): Promise<Map<number, SettlementRow[]>> {
  const rows =
    staffIds.length === 0
      ? []
      : await db
          .selectFrom('settlements')
          .selectAll()
          .where('staff_id', 'in', staffIds)
          .orderBy('year')
          .orderBy('half')
          .execute();
  const out = new Map<number, SettlementRow[]>();
  for (const r of rows) out.set(r.staff_id, [...(out.get(r.staff_id) ?? []), r]);
  return out;
}

/** A stored settlement as the money rules read it back. */
export function domainOf(r: SettlementRow): Settlement {
  return {
    halfYear: { year: r.year, half: r.half },
    personId: r.staff_id,
    lines: r.lines as Settlement['lines'],
    debts: r.debts as Settlement['debts'],
    poolFen: r.pool_fen,
    owedFen: r.owed_fen,
    carriedInFen: r.carried_in_fen,
    appliedFen: r.applied_fen,
    adjustmentFen: r.adjustment_fen,
    carriedOutFen: r.carried_out_fen,
    writtenOffFen: r.written_off_fen,
    payableFen: r.payable_fen,
  };
}
