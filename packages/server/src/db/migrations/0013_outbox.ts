import { sql, type Kysely } from 'kysely';

/**
 * Messages out (短信) and SMS verification codes, for the whole application (docs/notifications.md).
 *
 * - `outbox_messages`: a message is written in the same transaction as the change it reports (so it
 *   goes out only if that change is stored), then sent by a worker that claims due rows with
 *   `for update skip locked` (several servers send each message once), with retries and backoff.
 * - `sms_codes`: one row per verification code sent to a phone; only a salted hash of the code is
 *   kept, with its expiry, the wrong tries and when it was used (once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outbox_messages (
      id bigint generated always as identity primary key,
      center_id bigint references centers(id),
      channel text not null default 'sms' check (channel in ('sms')),
      -- The mobile number: needed to send (masked in every list and in the audit trail).
      recipient text not null check (char_length(recipient) between 1 and 40),
      template text not null check (char_length(template) between 1 and 60),
      params jsonb not null default '{}' check (jsonb_typeof(params) = 'object'),
      -- The Chinese text as rendered when queued (the sign is added by the gateway).
      body text not null check (char_length(body) <= 1000),
      subject_type text check (char_length(subject_type) <= 40),
      subject_id text check (char_length(subject_id) <= 60),
      -- A reminder is queued once: a second message with the same key is not written.
      dedupe_key text unique check (char_length(dedupe_key) <= 200),
      state text not null default 'pending' check (state in ('pending', 'sent', 'failed')),
      attempts integer not null default 0 check (attempts >= 0),
      next_attempt_at timestamptz not null,
      last_error text check (char_length(last_error) <= 500),
      provider text,
      provider_message_id text,
      created_at timestamptz not null,
      sent_at timestamptz,
      check ((state = 'sent') = (sent_at is not null)),
      check ((subject_type is null) = (subject_id is null))
    );
    -- The worker's question: which pending messages are due now.
    create index outbox_messages_due_idx on outbox_messages (next_attempt_at) where state = 'pending';
    -- The staff list: a center's messages, newest first.
    create index outbox_messages_center_idx on outbox_messages (center_id, created_at desc, id desc);

    create table sms_codes (
      id bigint generated always as identity primary key,
      phone text not null check (phone ~ '^1[3-9][0-9]{9}$'),
      purpose text not null check (purpose in ('booking', 'report', 'rating', 'manage')),
      center_id bigint references centers(id),
      -- HMAC-SHA256 of the code under a random salt of its own: never the code in clear.
      code_hash text not null check (char_length(code_hash) = 64),
      salt text not null check (char_length(salt) = 32),
      created_at timestamptz not null,
      expires_at timestamptz not null,
      tries integer not null default 0 check (tries >= 0),
      used_at timestamptz,
      request_ip text,
      check (expires_at > created_at)
    );
    create index sms_codes_phone_idx on sms_codes (phone, purpose, created_at desc);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0013 cannot be undone: restore a backup instead.');
}
