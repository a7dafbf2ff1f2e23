/**
 * Cases made by SQL for the benchmarks that need many of them: `bench/board.ts` (PostgreSQL, up to
 * 10,000,000 cases in 200 centers) and `bench/startup.ts` (the embedded database, PGlite, in a data
 * folder). One INSERT … SELECT from generate_series, reproducible (setseed), that fills every column
 * the app writes and respects every CHECK of the cases table; see docs/perf.md, "The board at
 * 1,000,000 cases: what is measured".
 */

/** The center measured: the demo's 青石镇. */
export const MEASURED = 'qingshi';
/** The cases of a center received in this many days up to now may be open. */
export const OPEN_DAYS = 40;

/** The statuses of an open case, and of a running one (its term counting), as SQL lists. */
export const OPEN = `('received', 'awaiting_materials', 'in_progress', 'paused', 'with_authority')`;
export const RUNNING = `('in_progress', 'with_authority')`;

/** A center the cases are spread over: its share of them and of its recent ones left open. */
export interface Share {
  code: string;
  /** Relative size: 青石镇 is as big as the biggest. */
  weight: number;
  /** The share of the cases received in the last OPEN_DAYS days still open. */
  openShare: number;
}

/**
 * 青石镇 (the largest share, 55 % of its recent cases open, as in the one-center run), 白沙乡 (a
 * small township), then the copies of 青石镇, between half and one and a half times the average and
 * with 40–70 % of their recent cases open, reproducibly.
 */
export function sharesOf(centers: number): Share[] {
  const out: Share[] = [{ code: MEASURED, weight: 1.5, openShare: 0.55 }];
  if (centers >= 2) out.push({ code: 'baisha', weight: 0.4, openShare: 0.5 });
  for (let n = 3; n <= centers; n++)
    out.push({
      code: `qingshi-${n}`,
      weight: 0.5 + ((n * 37) % 101) / 100,
      openShare: 0.4 + ((n * 53) % 31) / 100,
    });
  return out;
}

/** The generated cases go to the centers by slot: SLOTS slots split by weight. */
export const SLOTS = 10000;

/**
 * N cases over the centers in a few statements, reproducible (setseed). Received evenly over the
 * last 730 days, 08:30–17:30 Shanghai time, in insertion order (as a real table grows), each case
 * to a center by a hash of its number (so the centers' cases are interleaved in the table as they
 * are in a county's database); items drawn evenly from the center's catalog, each case at the first
 * window of the item's unit, held by the staff member of that window. Cases received in the last 40
 * days are open with the center's probability (55 % at 青石镇): 70 % in progress, 8 % with the
 * authority (awaiting its answer), 7 % paused, 10 % awaiting materials, 5 % just received (a
 * petition awaiting the decision to accept it); the deadline of a running one falls between 3 days
 * ago and 25 days ahead, so some are red and some yellow, each told to its holder (`warned`). The
 * others are closed: 78 % completed (about 5 % of them late), 17 % answered inquiries (half
 * outside the catalog), 5 % returned.
 */
export function generationSql(centers: { id: number; share: Share }[], n: number): string {
  const total = centers.reduce((s, c) => s + c.share.weight, 0);
  let cumulative = 0;
  let slot = 0;
  const rows = centers.map((c) => {
    cumulative += c.share.weight;
    const from = slot;
    slot = Math.max(from + 1, Math.round((cumulative / total) * SLOTS));
    return `(${c.id}, ${from}, ${slot}, ${c.share.openShare})`;
  });
  if (slot !== SLOTS) throw new Error(`the centers take ${slot} slots of ${SLOTS}`);
  const iso = (at: string) =>
    `to_char((${at}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return `
select setseed(0.2026);
create temporary table bench_centers (center_id bigint, slot_from int, slot_to int, open_share float8);
insert into bench_centers values ${rows.join(', ')};
create temporary table bench_items as
  select (row_number() over (partition by i.center_id order by i.id))::int as k, i.center_id,
         i.id as item_id, w.id as window_id, s.id as staff_id, i.default_kind as kind,
         i.promised_days as days
  from service_items i
  join bench_centers bc on bc.center_id = i.center_id
  join lateral (select id from windows where window_unit_id = i.window_unit_id order by number limit 1) w on true
  join lateral (select id from staff where window_id = w.id order by id limit 1) s on true
  where i.active;
create temporary table bench_slots as
  select s as slot, c.center_id, c.open_share,
         (select count(*) from bench_items b where b.center_id = c.center_id)::int as items
  from bench_centers c, generate_series(c.slot_from, c.slot_to - 1) s;
analyze bench_items;
analyze bench_slots;
insert into cases (center_id, receipt_no, query_code, item_id, subject, channel, applicant_type,
  applicant_name, applicant_id_number, applicant_phone, status, accepted_kind,
  first_responder_staff_id, holder_staff_id, window_id, received_at, supplement_due_at,
  supplement_at, accepted_at, clock_start_at, term_days, standard_term_days, petition,
  petition_decision, awaiting, awaiting_due_at, awaiting_yellow_at, pauses, submission,
  deadline_at, yellow_at, warned, closed_at, on_time, answer, materials, reasons, result, version,
  created_at)
select center_id,
  lpad(center_id::text, 3, '0') || to_char(received_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(g::text, 8, '0'),
  lpad(floor(r_code * 1000000)::int::text, 6, '0'),
  case when status = 'answered' and r_app < 0.5 then null else item_id end,
  case when status = 'answered' and r_app < 0.5 then '城乡居民医保缴费时间' else '' end,
  case when r_ch < 0.9 then 'window' when r_ch < 0.95 then 'phone' when r_ch < 0.98 then 'online' else 'letter' end,
  case when r_app < 0.95 then 'person' else 'enterprise' end,
  case when r_app < 0.95 then (array['张桂兰', '李长福', '王秀珍', '陈建平', '刘玉梅'])[1 + g % 5] else '青石镇绿源农业专业合作社' end,
  case when r_app < 0.95 then '11010519491231002X' else '93330106MA2CDRQ75X' end,
  '13812345678',
  status, kind, staff_id, staff_id, window_id, received_at, received_at + interval '7 days',
  case when status = 'awaiting_materials' then received_at + interval '10 minutes' end,
  clock_start_at, clock_start_at,
  case when kind is not null and kind <> 'immediate' then term_days end,
  case when kind is not null and kind <> 'immediate' then term_days end,
  petition,
  case
    when petition and kind is not null then jsonb_build_object('at', ${iso('clock_start_at')}, 'accepted', true)
    when petition and status = 'returned' then jsonb_build_object('at', ${iso('closed_at')}, 'accepted', false)
  end,
  case when status = 'with_authority' then 'authority'
       when status = 'received' and petition then 'petition_decision' end,
  case when status = 'with_authority' then deadline_at
       when status = 'received' and petition then received_at + interval '21 days' end,
  case when status = 'with_authority' then yellow_at
       when status = 'received' and petition then received_at + interval '17 days' end,
  case when status = 'paused' then jsonb_build_array(jsonb_build_object(
    'from', ${iso("clock_start_at + interval '1 day'")},
    'to', null, 'reason', 'awaiting_applicant', 'note', '等待申请人补充说明')) else '[]'::jsonb end,
  case when status = 'with_authority' then jsonb_build_object('authority', '县自然资源和规划局',
    'dueDate', to_char(deadline_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'),
    'at', ${iso("clock_start_at + interval '1 day'")}) end,
  deadline_at,
  yellow_at,
  case when status in ${RUNNING} then
    case when deadline_at < now() then 'red' when yellow_at <= now() then 'yellow' end
  end,
  closed_at,
  case when status = 'completed' then closed_at <= deadline_at end,
  case when status = 'answered' then '城乡居民医保每年 9 月至 12 月集中缴费，可在银行缴纳，也可到 02 号窗口办理。' else '' end,
  case when status = 'awaiting_materials' then '["困难情况证明材料"]'::jsonb else '[]'::jsonb end,
  case when status = 'returned' then '申请人户籍不在本镇，依规定应向户籍所在地乡镇申请。' else '' end,
  case when status = 'completed' then '已按承诺时限办结' else '' end,
  case when open then 1 else 2 end,
  received_at
from (
  select *,
    clock_start_at + (deadline_at - clock_start_at) * 0.8 as yellow_at,
    case
      when status in ('answered', 'returned', 'completed') then least(
        case status
          when 'answered' then received_at + (2 + r_dur * 20) * interval '1 minute'
          when 'returned' then received_at + r_dur * interval '1 day'
          else clock_start_at + (deadline_at - clock_start_at) * (0.1 + 0.95 * r_dur)
        end, now())
    end as closed_at
  from (
    select *,
      case when status in ('in_progress', 'paused', 'with_authority', 'completed')
        then received_at + interval '5 minutes' end as clock_start_at,
      case
        when status in ('in_progress', 'paused', 'with_authority') then greatest(
          now() + (r_dl * 28 - 3) * interval '1 day', received_at + interval '1 hour')
        when status = 'completed' then received_at + interval '5 minutes' + case kind
          when 'immediate' then interval '30 minutes'
          when 'petition' then term_days * interval '1 day'
          else term_days * interval '1.4 days'
        end
      end as deadline_at
    from (
      select *,
        b_kind = 'petition' as petition,
        case
          when status = 'with_authority' then 'reported'
          when status in ('in_progress', 'paused') and b_kind = 'immediate' then 'promised'
          when status in ('in_progress', 'paused', 'completed') then b_kind
        end as kind,
        coalesce(days, case b_kind when 'petition' then 60 when 'reported' then 20 else 5 end) as term_days
      from (
        select x.*, b.item_id, b.window_id, b.staff_id, b.kind as b_kind, b.days,
          case when x.open then
            case when r_status < 0.70 then 'in_progress' when r_status < 0.78 then 'with_authority'
                 when r_status < 0.85 then 'paused' when r_status < 0.95 then 'awaiting_materials'
                 else 'received' end
          else
            case when r_status < 0.78 then 'completed' when r_status < 0.95 then 'answered'
                 else 'returned' end
          end as status
        from (
          select r.*, sl.center_id, sl.items,
            r.received_at > now() - interval '${OPEN_DAYS} days' and r.r_open < sl.open_share as open
          from (
            select g, random() as r_item, random() as r_status, random() as r_open, random() as r_ch,
              random() as r_dur, random() as r_dl, random() as r_app, random() as r_code,
              least(
                date_trunc('day', now()) - interval '730 days'
                  + floor((g - 1) * 730.0 / ${n}) * interval '1 day'
                  + interval '30 minutes' + random() * interval '9 hours',
                now() - interval '1 minute') as received_at,
              (g::bigint * 2654435761 % 4294967296 * ${SLOTS} / 4294967296)::int as slot
            from generate_series(1, ${n}) as g
            offset 0
          ) r
          join bench_slots sl on sl.slot = r.slot
        ) x
        join bench_items b on b.center_id = x.center_id and b.k = 1 + floor(x.r_item * x.items)::int
      ) s
    ) k
  ) d
) c;
`;
}
