/**
 * The clerk's fast path at the window, POST /api/cases with `then: accept (promised)`: receive a
 * visitor, accept the case and issue the numbered notice (承诺件通知书), three audit entries, in one
 * transaction. Its HTTP body, the same work in-process, the pgbench script of the same SQL
 * statements, and the checks of what a run stored.
 */
import { randomUUID } from 'node:crypto';
import { createCaseBody } from '../packages/contracts/src/cases.ts';
import type { Db } from '../packages/server/src/db/connect.ts';
import { actorOf } from '../packages/server/src/http/context.ts';
import { sessionUser } from '../packages/server/src/modules/auth/service.ts';
import { intake } from '../packages/server/src/modules/cases/service.ts';
import { depsOf, sessionLoop, type DirectSlice } from './direct.ts';
import type { SignedIn } from './load.ts';
import { captureQueries, paramText, type CapturedQuery } from './pg-capture.ts';

/** The demo window clerk (李娜, window 01 民政救助窗口, role window_staff). */
export const CLERK = { username: 'clerk', password: 'Bianmin2026!' };
/** 临时救助申请: a promised item (5 working days) of the demo center 青石镇. */
export const INTAKE_ITEM = 'MZ-002';

/** The request body as the browser sends it: a person at the window, accepted as promised. */
export const intakeRequest = (itemId: number, applicantName: string) => ({
  itemId,
  channel: 'window',
  applicant: {
    type: 'person',
    name: applicantName,
    idNumber: '11010519491231002X',
    phone: '13812345678',
  },
  then: { action: 'accept', kind: 'promised' },
});

/** The id of a catalog item of the signed-in user's center, through the API. */
export async function itemIdOf(baseUrl: string, cookie: string, code: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/service-items`, { headers: { cookie } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /api/service-items: ${res.status} ${text}`);
  const item = (JSON.parse(text) as { id: number; code: string }[]).find((i) => i.code === code);
  if (!item) throw new Error(`the demo center has no item ${code}`);
  return item.id;
}

/** Each path's cases carry their own applicant name, so that what a path stored can be counted. */
export const applicantName = (prefix: string) => `基准${prefix}`;

/**
 * The same work without HTTP: the guard's session lookup, then `intake` with the body as the route
 * receives it (zod defaults applied), from `concurrency` loops.
 */
export function intakeLoop(opts: {
  db: Db;
  auth: SignedIn;
  itemId: number;
  prefix: string;
  seconds: number;
  concurrency: number;
}): Promise<DirectSlice> {
  const body = createCaseBody.parse(intakeRequest(opts.itemId, applicantName(opts.prefix)));
  return sessionLoop({
    db: opts.db,
    sessionToken: opts.auth.sessionToken,
    seconds: opts.seconds,
    concurrency: opts.concurrency,
    write: (deps, user, actor) => intake(deps, user, actor, opts.auth.centerId, body),
  });
}

export interface IntakeRows {
  /** Cases with the path's applicant name. */
  cases: number;
  /** Of those, accepted as promised and running. */
  accepted: number;
  /** Promised-case notices issued for them. */
  notices: number;
}

/** What a path stored: its cases, how many were accepted, and their notices. */
export async function countIntakes(db: Db, prefix: string): Promise<IntakeRows> {
  const name = applicantName(prefix);
  const c = await db.kysely
    .selectFrom('cases')
    .select((eb) => [
      eb.fn.countAll<number>().as('cases'),
      eb.fn
        .count<number>('id')
        .filterWhere((w) =>
          w.and([w('status', '=', 'in_progress'), w('accepted_kind', '=', 'promised')]),
        )
        .as('accepted'),
    ])
    .where('applicant_name', '=', name)
    .executeTakeFirstOrThrow();
  const n = await db.kysely
    .selectFrom('notices as n')
    .innerJoin('cases as c', 'c.id', 'n.case_id')
    .select((eb) => eb.fn.countAll<number>().as('notices'))
    .where('c.applicant_name', '=', name)
    .where('n.type', '=', 'promised')
    .executeTakeFirstOrThrow();
  return { cases: Number(c.cases), accepted: Number(c.accepted), notices: Number(n.notices) };
}

// ---- pgbench ----

/**
 * The audit entries of one transaction (audit/write.ts, `batchAudit`): the chain's head is created
 * if need be, locked and read at the first entry; the entries, each following the one before it
 * (its `prev_hash` is that entry's hash), are stored together with the new head before commit, in
 * one statement. Signed with the key of the benchmark's servers (bench/server.ts; decision 0004).
 */
const HEAD_LOCK = `insert into "audit_heads" ("chain", "seq", "hash") values (:chain, :zero, :genesis) on conflict ("chain") do update set "seq" = "audit_heads"."seq" returning "seq", "hash" \\gset head_
\\set seq1 :head_seq + 1
\\set seq2 :head_seq + 2
\\set seq3 :head_seq + 3`;
const auditEntry = (what: string, entity: string, before: string, seq: string, prev: string) =>
  `(:chain, :center_id, :${seq}, :audit_at, :user_id, :actor_name, :${what}_action, :${what}_entity, :${entity}, ${before}, :${what}_after, :ip, :request_id, :${prev}, :${what}_hash, :hash_version, :key_id)`;
const ENTRIES_AND_HEAD = `with "entries" as (insert into "audit_log" ("chain", "center_id", "seq", "at", "actor_user_id", "actor_name", "action", "entity_type", "entity_id", "before", "after", "ip", "request_id", "prev_hash", "hash", "hash_version", "key_id") values ${auditEntry('receive', 'case_id', 'null', 'seq1', 'head_hash')}, ${auditEntry('accept', 'case_id', ':accept_before', 'seq2', 'receive_hash')}, ${auditEntry('notice', 'issued_id', 'null', 'seq3', 'accept_hash')}) update "audit_heads" set "seq" = :seq3, "hash" = :notice_hash where "chain" = :chain;`;

/**
 * One intake request as PostgreSQL sees it (captured with log_statement=all, and checked against a
 * capture of one intake in every run, see `pgbenchFromCapture`): the session lookup on its own,
 * then `begin`, 7 statements and `commit` (10 in all). One statement a line; `:name` is a pgbench
 * variable. What the intake reads comes first, in one statement (the staff member and window, the
 * item, the center's calendar, timetable and case policy, what the notice prints of the center);
 * from the receipt counter on (taken in the statement that stores the case), the center's counter
 * row, chain head and notice counter stay locked until commit (6 statements and the commit); the
 * answer is made of what the transaction wrote.
 *
 * Where the server sends NULL or an empty string, the script has the literal (pgbench variables
 * cannot be either). What the server computes per request comes from the script itself: the case
 * and notice ids and the audit head (`\\gset`), the receipt and notice numbers (from the counters,
 * in a number range of their own). Everything else has the value the captured intake sent (the
 * case row and its audit JSON, the notice content), so the sizes are the same. pgbench writes its
 * own audit chain and its own counter rows (another day and year) so that the center's chain and
 * numbering stay intact; each is one hot row, as in the server.
 */
export const INTAKE_SCRIPT = `select "sessions"."id" as "session_id", "sessions"."last_seen_at", "sessions"."expires_at", "users"."id", "users"."username", "users"."display_name", "users"."center_id", "users"."staff_id", "users"."roles", "users"."disabled", "users"."must_change_password" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."id" = :session_id;
begin;
select (select to_json(obj) from (select "s"."id", "s"."center_id", "s"."name", "s"."window_id", "w"."name" as "window_name", "s"."in_post_to" from "staff" as "s" left join "windows" as "w" on "w"."id" = "s"."window_id" where "s"."id" = :staff_id) as obj) as "staff", (select to_json(obj) from (select "id", "center_id", "name", "window_unit_id", "active", "default_kind", "promised_days", "legal_days", "materials", "fees", "joint_window_ids" from "service_items" where "id" = :item_id) as obj) as "item", json_build_object('years', (select coalesce(json_agg(agg), '[]') from (select "year" from "calendar_years" where "center_id" = :center_id) as agg), 'days', (select coalesce(json_agg(agg), '[]') from (select "year", "day", "kind" from "calendar_days" where "center_id" = :center_id) as agg), 'seasons', (select coalesce(json_agg(agg), '[]') from (select "season_from", "open_at", "close_at" from "business_hours" where "center_id" = :center_id) as agg), 'settings', (select to_json(obj) from (select * from "case_settings" where "center_id" = :center_id) as obj))::text as "term_facts", (select to_json(obj) from (select "name", "phone", (select coalesce(json_agg(agg), '[]') from (select "season_from", "open_at", "close_at" from "business_hours" where "business_hours"."center_id" = "centers"."id") as agg) as "seasons" from "centers" where "id" = :center_id) as obj) as "center";
with "counter" as (insert into "receipt_counters" ("center_id", "day", "last") values (:center_id, :counter_day, :one) on conflict ("center_id", "day") do update set "last" = "receipt_counters"."last" + :one returning "last") insert into "cases" ("created_at", "center_id", "query_code", "item_id", "subject", "channel", "applicant_type", "applicant_name", "applicant_id_number", "applicant_phone", "note", "first_responder_staff_id", "received_at", "supplement_due_at", "status", "accepted_kind", "holder_staff_id", "window_id", "at_business_section", "handovers", "bounce_count", "supplement_at", "accepted_at", "clock_start_at", "deemed_accepted", "term_days", "standard_term_days", "urgent", "petition", "petition_decision", "awaiting", "awaiting_due_at", "awaiting_yellow_at", "extension", "pauses", "submission", "deadline_at", "yellow_at", "deadline_provisional", "missing_years", "closed_at", "on_time", "receipt_no") values (:received_at, :center_id, :query_code, :item_id, '', :channel, :applicant_type, :applicant_name, :applicant_id_number, :applicant_phone, '', :staff_id, :received_at, :supplement_due_at, :received_status, null, :staff_id, :window_id, :received_at_business_section, :received_handovers, :received_bounce_count, null, null, null, :received_deemed_accepted, null, null, :received_urgent, :received_petition, :received_petition_decision, null, null, null, :received_extension, :received_pauses, :received_submission, null, null, :received_deadline_provisional, :received_missing_years, null, null, (select :receipt_prefix || lpad("counter"."last"::text, greatest(4, length("counter"."last"::text)), '0') as "receipt_no" from "counter")) returning * \\gset case_
${HEAD_LOCK}
update "cases" set "status" = :accepted_status, "accepted_kind" = :accepted_kind, "holder_staff_id" = :staff_id, "window_id" = :window_id, "at_business_section" = :accepted_at_business_section, "handovers" = :accepted_handovers, "bounce_count" = :accepted_bounce_count, "supplement_at" = null, "accepted_at" = :accepted_at, "clock_start_at" = :accepted_clock_start_at, "deemed_accepted" = :accepted_deemed_accepted, "term_days" = :accepted_term_days, "standard_term_days" = :accepted_standard_term_days, "urgent" = :accepted_urgent, "petition" = :accepted_petition, "petition_decision" = :accepted_petition_decision, "awaiting" = null, "awaiting_due_at" = null, "awaiting_yellow_at" = null, "extension" = :accepted_extension, "pauses" = :accepted_pauses, "submission" = :accepted_submission, "deadline_at" = :accepted_deadline_at, "yellow_at" = :accepted_yellow_at, "deadline_provisional" = :accepted_deadline_provisional, "missing_years" = :accepted_missing_years, "closed_at" = null, "on_time" = null, "version" = "version" + :one where "id" = :case_id and "version" = :case_version returning *;
insert into "notice_counters" ("center_id", "year", "type", "last") values (:center_id, :counter_year, :notice_type, :one) on conflict ("center_id", "year", "type") do update set "last" = "notice_counters"."last" + :one returning "last" \\gset nc_
\\set notice_no 990000000 + :nc_last
insert into "notices" ("center_id", "case_id", "type", "number", "issued_at", "issued_by_user_id", "content", "supersedes_id") values (:center_id, :case_id, :notice_type, :notice_no, :notice_issued_at, :user_id, :notice_content, null) returning "id" \\gset issued_
${ENTRIES_AND_HEAD}
commit;
`;

interface ScriptStatement {
  /** The SQL as pgbench sends it in extended mode: each `:name` becomes the next `$n`. */
  sql: string;
  vars: string[];
}

/** The SQL statements of a pgbench script, and the variables the script sets itself. */
export function parseScript(text: string): { statements: ScriptStatement[]; own: Set<string> } {
  const statements: ScriptStatement[] = [];
  const own = new Set<string>();
  const prefixes: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const set = /^\\set\s+(\w+)/.exec(line);
    if (set) {
      own.add(set[1]!);
      continue;
    }
    const gset = /\s*\\gset\s+(\w+)\s*$/.exec(line);
    if (gset) prefixes.push(gset[1]!);
    const sql = (gset ? line.slice(0, gset.index) : line).replace(/;\s*$/, '').trim();
    const vars = [...sql.matchAll(/(?<!:):([A-Za-z_]\w*)/g)].map((m) => m[1]!);
    statements.push({ sql, vars });
  }
  for (const s of statements) {
    for (const v of s.vars) if (prefixes.some((p) => v.startsWith(p))) own.add(v);
  }
  return { statements, own };
}

/** What one intake sent, as SQL shapes: a parameter is `$?`, a NULL or empty one its literal. */
const shapeOfCaptured = (q: CapturedQuery) =>
  q.text.trim().replace(/\$(\d+)/g, (_, n: string) => {
    const v = paramText(q.values[Number(n) - 1]);
    return v === null ? 'null' : v === '' ? "''" : '$?';
  });
const shapeOfScript = (s: ScriptStatement) => s.sql.replace(/(?<!:):([A-Za-z_]\w*)/g, '$?');

/** Statements the benchmark leaves out of the comparison: connection set-up, the sliding session. */
const notPerRequest = (q: CapturedQuery) =>
  /^set time zone/i.test(q.text) || /^update "sessions"/.test(q.text);

export interface ScriptCheck {
  /** Statements of one captured intake (session lookup, begin … commit). */
  captured: number;
  /** Statements of the script. */
  scripted: number;
  /** Differences, empty when the script sends exactly what the server sent. */
  mismatches: string[];
  /** pgbench variables (-D): the captured values, then the overrides. */
  vars: Record<string, string>;
}

/**
 * Checks that the script sends, statement by statement, the SQL the server sent for one intake
 * (`captured`), and takes the values of its variables from that intake.
 */
export function pgbenchFromCapture(
  script: string,
  captured: CapturedQuery[],
  overrides: Record<string, string>,
): ScriptCheck {
  const { statements, own } = parseScript(script);
  const sent = captured.filter((q) => !notPerRequest(q));
  const mismatches: string[] = [];
  const vars: Record<string, string> = {};
  const n = Math.max(sent.length, statements.length);
  for (let i = 0; i < n; i++) {
    const q = sent[i];
    const s = statements[i];
    if (!q || !s) {
      mismatches.push(
        `statement ${i + 1}: ${q ? `the server sent "${q.text.slice(0, 120)}", the script nothing` : `the script sends "${s!.sql.slice(0, 120)}", the server nothing`}`,
      );
      continue;
    }
    const a = shapeOfCaptured(q);
    const b = shapeOfScript(s);
    if (a !== b) {
      mismatches.push(`statement ${i + 1}:\n    server: ${a}\n    script: ${b}`);
      continue;
    }
    const values = q.values.map(paramText).filter((v) => v !== null && v !== '');
    s.vars.forEach((name, k) => {
      if (own.has(name)) return;
      const v = values[k]!;
      if (name in vars && vars[name] !== v && !(name in overrides)) {
        mismatches.push(
          `statement ${i + 1}: variable ${name} is ${JSON.stringify(v).slice(0, 80)} here and ${JSON.stringify(vars[name]).slice(0, 80)} before`,
        );
      }
      vars[name] ??= v;
    });
  }
  return {
    captured: sent.length,
    scripted: statements.length,
    mismatches,
    vars: { ...vars, ...overrides },
  };
}

/**
 * One intake in-process with every statement recorded (session lookup included), as the request
 * would send it: what the pgbench script is checked against, and where its values come from.
 */
export async function captureIntake(
  db: Db,
  auth: SignedIn,
  itemId: number,
  prefix: string,
): Promise<CapturedQuery[]> {
  const deps = depsOf(db);
  const body = createCaseBody.parse(intakeRequest(itemId, applicantName(prefix)));
  const { queries } = await captureQueries(async () => {
    const found = await sessionUser(deps, auth.sessionToken);
    if (!found || !('user' in found)) throw new Error('the clerk session is not valid');
    const actor = actorOf(found.user, { ip: '127.0.0.1', id: randomUUID() });
    return intake(deps, found.user, actor, auth.centerId, body);
  });
  return queries;
}
