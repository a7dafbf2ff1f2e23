import { sql, type Kysely } from 'kysely';

/**
 * Public reports (群众举报) about staff conduct, accepted 24 hours a day, decided by the assessment
 * group (a substantiated one becomes a finding), answered to the reporter once; and serious findings
 * referred for discipline procedures (纪检移送) with their outcome (DOMAIN.md §5, §7).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- 群众举报: the reporter's name and contact are confidential (masked in every list and in the
    -- audit trail; a full read is audited). The staff member, the date and the assessment item may be
    -- unknown when the report comes in; they are fixed when the report is substantiated.
    create table public_reports (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      received_at timestamptz not null,
      channel text not null check (channel in ('hotline', 'online', 'letter', 'visit')),
      reporter_name text not null,
      reporter_contact text not null,
      content text not null,
      staff_id bigint references staff(id),
      occurred_on date,
      item integer check (item between 1 and 8),
      registered_by_user_id bigint references users(id),
      registered_by_name text not null,
      status text not null default 'received'
        check (status in ('received', 'substantiated', 'unsubstantiated')),
      decision_reason text,
      finding_id bigint unique references findings(id),
      decided_by_user_id bigint references users(id),
      decided_by_name text,
      decided_at timestamptz,
      version integer not null default 0,
      check ((status = 'received') = (decided_at is null)),
      check ((status = 'received') = (decision_reason is null)),
      check ((status = 'substantiated') = (finding_id is not null)),
      check (status <> 'substantiated' or (staff_id is not null and occurred_on is not null and item is not null))
    );
    create index public_reports_center_idx on public_reports (center_id, received_at desc);

    -- A decided report is what the finding (or the dismissal) rests on: it never changes.
    create function public_report_decided_is_final() returns trigger language plpgsql as $$
    begin
      if old.status <> 'received' or tg_op = 'DELETE' then
        raise exception 'public report % was decided: % refused', old.id, tg_op
          using errcode = 'insufficient_privilege';
      end if;
      return new;
    end;
    $$;
    create trigger public_reports_final before update or delete on public_reports
      for each row execute function public_report_decided_is_final();

    -- 查处结果正式通知举报人: recorded once (one row per report), never changed.
    create table public_report_replies (
      report_id bigint primary key references public_reports(id),
      center_id bigint not null references centers(id),
      replied_at timestamptz not null,
      method text not null check (method in ('phone', 'sms', 'letter', 'visit', 'online')),
      content text not null,
      recorded_by_user_id bigint references users(id),
      recorded_by_name text not null,
      recorded_at timestamptz not null
    );

    create function public_report_reply_is_final() returns trigger language plpgsql as $$
    begin
      raise exception 'the reply to a reporter is recorded once: % refused', tg_op
        using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger public_report_replies_final before update or delete on public_report_replies
      for each row execute function public_report_reply_is_final();

    -- 纪检移送: a serious finding referred to the discipline body; the outcome is recorded later,
    -- after which the referral is frozen. At most one open referral per finding.
    create table discipline_referrals (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      finding_id bigint not null references findings(id),
      referred_to text not null,
      referred_on date not null,
      note text not null default '',
      referred_by_user_id bigint references users(id),
      referred_by_name text not null,
      recorded_at timestamptz not null,
      outcome text,
      outcome_on date,
      outcome_by_user_id bigint references users(id),
      outcome_by_name text,
      outcome_recorded_at timestamptz,
      version integer not null default 0,
      check ((outcome is null) = (outcome_on is null)),
      check ((outcome is null) = (outcome_recorded_at is null)),
      check (outcome_on is null or outcome_on >= referred_on)
    );
    create unique index discipline_referrals_open_idx on discipline_referrals (finding_id)
      where outcome is null;
    create index discipline_referrals_center_idx on discipline_referrals (center_id, referred_on desc);

    -- Only the outcome may be added, once; the referral itself is never rewritten or deleted.
    create function discipline_referral_is_final() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or old.outcome is not null
        or new.finding_id <> old.finding_id or new.center_id <> old.center_id
        or new.referred_to <> old.referred_to or new.referred_on <> old.referred_on
        or new.note <> old.note then
        raise exception 'discipline referral %: % refused', old.id, tg_op
          using errcode = 'insufficient_privilege';
      end if;
      return new;
    end;
    $$;
    create trigger discipline_referrals_final before update or delete on discipline_referrals
      for each row execute function discipline_referral_is_final();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not undone: restore a backup instead.');
}
