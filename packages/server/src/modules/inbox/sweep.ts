import {
  digestDateAt,
  digestKey,
  digestText,
  displayReceiptNo,
  isWorkedDay,
  recipientsOf,
  runningLightOf,
  warningStep,
  type CaseStatus,
} from '@bianmin/domain';
import { systemActor, write } from '../../audit/write.ts';
import type { Deps } from '../../http/context.ts';
import * as repo from './repository.ts';
import { notify } from './service.ts';

/** Cases looked at per sweep (each in its own transaction); the rest wait for the next minute. */
const SWEEP_BATCH = 200;

/** Nothing to change after all (another server did it first): the transaction is rolled back. */
class NothingLeft extends Error {}

/** An instant as a Beijing wall-clock 'M月D日 HH:mm'. */
function beijingText(at: Date): string {
  const b = new Date(at.getTime() + 8 * 3_600_000);
  const hh = String(b.getUTCHours()).padStart(2, '0');
  const mm = String(b.getUTCMinutes()).padStart(2, '0');
  return `${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${hh}:${mm}`;
}

/** The case trail's line for a change of its warning. */
function trailOf(warned: 'yellow' | 'red' | null, tell: string | null, due: string): string {
  if (tell === 'case_red') return `红牌：已超过办结期限（${due}）`;
  if (tell === 'case_yellow') return `黄牌：将于 ${due} 到期`;
  return warned === 'yellow' ? '超期解除（期限已延长），仍在预警期' : '预警解除';
}

/**
 * The warning sweep (红黄牌 → 待办; docs/inbox.md): each case whose light differs from what its
 * holder was last told is re-read under its row lock and stepped by the domain's warningStep. A
 * turn up gives the holder one item (case_yellow, case_red) and, for red, one to the holder's
 * supervising leader and the director (staff_case_red); a turn down (an extension, a pause,
 * completion) only lowers `warned`, so the next turn is told again. Dedupe keys carry the case,
 * the level and the deadline: a sweep retried, or run by two servers at once, never tells twice.
 * Returns the number of cases whose warning changed.
 */
export async function sweepWarnings(deps: Deps, batch = SWEEP_BATCH): Promise<number> {
  const ids = await repo.warnWork(deps.db, deps.clock.now(), batch);
  let changed = 0;
  for (const id of ids) {
    const done = await write(deps.db, deps.clock, systemActor, async (tx, audit, at) => {
      const row = await tx
        .selectFrom('cases')
        .select([
          'id',
          'center_id',
          'status',
          'deadline_at',
          'yellow_at',
          'warned',
          'holder_staff_id',
        ])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw new NothingLeft();
      const light = runningLightOf(
        {
          status: row.status as CaseStatus,
          deadlineAt: row.deadline_at?.getTime() ?? null,
          yellowAt: row.yellow_at?.getTime() ?? null,
        },
        at.getTime(),
      );
      const step = warningStep(row.warned, light);
      if (step.warned === row.warned) throw new NothingLeft();
      await repo.setWarned(tx, id, step.warned);
      const due = row.deadline_at ? beijingText(row.deadline_at) : '';
      await audit({
        centerId: row.center_id,
        action: 'case.warn',
        entityType: 'case',
        entityId: id,
        before: { warned: row.warned },
        after: {
          warned: step.warned,
          light,
          deadlineAt: row.deadline_at?.toISOString() ?? null,
          told: step.tell,
          trail: trailOf(step.warned, step.tell, due),
        },
      });
      if (!step.tell || !row.deadline_at) return true;
      const f = await repo.warnFacts(tx, id);
      const no = displayReceiptNo(f.receipt_no);
      const what = f.item_name ?? f.subject ?? '';
      const iso = row.deadline_at.toISOString();
      const common = {
        centerId: row.center_id,
        link: `/staff/cases/${id}`,
        subject: { type: 'case', id },
      };
      if (step.tell === 'case_yellow')
        await notify(tx, audit, at, {
          ...common,
          kind: 'case_yellow',
          to: recipientsOf('case_yellow', { staffId: row.holder_staff_id }),
          title: `办件 ${no}（${what}）将于 ${due} 到期`,
          body: '请抓紧办结；确需延长的，请在期限内申请延期。',
          dedupeKey: `warn:${id}:yellow:${iso}`,
        });
      else {
        await notify(tx, audit, at, {
          ...common,
          kind: 'case_red',
          to: recipientsOf('case_red', { staffId: row.holder_staff_id }),
          title: `办件 ${no}（${what}）已超过办结期限（${due}）`,
          body: '请尽快办结并说明原因；无故超过时限的按违纪论处。',
          dedupeKey: `warn:${id}:red:${iso}`,
        });
        await notify(tx, audit, at, {
          ...common,
          kind: 'staff_case_red',
          to: recipientsOf('staff_case_red', {
            staffId: row.holder_staff_id,
            supervisorStaffId: f.supervisor_id,
          }),
          title: `${f.holder_name ?? '（无承办人）'}承办的办件 ${no}（${what}）已超期`,
          body: `办结期限 ${due} 已过，请督促承办人尽快办结。`,
          dedupeKey: `warn-staff:${id}:red:${iso}`,
          exceptUserId: f.holder_user_id,
        });
      }
      return true;
    }).catch((e: unknown) => {
      if (e instanceof NothingLeft) return false;
      throw e;
    });
    if (done) changed += 1;
  }
  return changed;
}

/**
 * The director's morning digest: on each working day of the center's calendar, from 08:30 Beijing
 * time, one `digest` item per director who has not switched it off (and by SMS to one who chose
 * it). The dedupe key of the date makes it once a day whatever the number of servers or sweeps.
 * Returns the number of items made.
 */
export async function sendDigests(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const date = digestDateAt(now.getTime());
  if (date === null) return 0;
  const key = digestKey(date);
  const due = await repo.digestDue(deps.db, key);
  const centers = [...new Set(due.map((u) => u.center_id!))];
  let made = 0;
  for (const centerId of centers) {
    const day = await repo.dayOf(deps.db, centerId, Number(date.slice(0, 4)), date);
    if (!isWorkedDay(date, day)) continue;
    const text = digestText(await repo.digestFigures(deps.db, centerId, now));
    made += await write(deps.db, deps.clock, systemActor, async (tx, audit, at) => {
      const n = await notify(tx, audit, at, {
        centerId,
        kind: 'digest',
        to: { userIds: due.filter((u) => u.center_id === centerId).map((u) => u.id) },
        title: text.title,
        body: text.body,
        link: '/staff/board',
        subject: { type: 'center', id: centerId },
        dedupeKey: key,
      });
      // Another server made them first: nothing to record.
      if (n === 0) throw new NothingLeft();
      return n;
    }).catch((e: unknown) => {
      if (e instanceof NothingLeft) return 0;
      throw e;
    });
  }
  return made;
}
