import { Descriptions, Table, Tag, type TableColumnsType } from 'antd';
import { FIELD_LABELS, ROLE_LABELS } from '@bianmin/contracts';
import { ROLES, type Role } from '@bianmin/domain';
import type { AuditEntry } from '../../api/endpoints.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.audit;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isRole = (v: unknown): v is Role =>
  typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** The Chinese name of a recorded field. */
export function auditFieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? L.fieldLabels[key] ?? key;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One recorded value as a clerk reads it: 是/否, role names, Beijing time, — for nothing. */
export function formatAuditValue(key: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? t.common.yes : t.common.no;
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatDateTime(value) : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    if (key === 'roles' && value.every(isRole)) {
      return value.map((r) => ROLE_LABELS[r]).join(t.common.listSeparator);
    }
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return value.join(t.common.listSeparator);
    }
  }
  return JSON.stringify(value, null, 2);
}

interface Row {
  key: string;
  label: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

function Value({ value }: { value: string | null }) {
  return value === null ? (
    <span className="audit-value audit-value-empty">{t.common.none}</span>
  ) : (
    <span className="audit-value">{value}</span>
  );
}

/** Before and after side by side; the fields the action changed are marked. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const before = isRecord(entry.before) ? entry.before : null;
  const after = isRecord(entry.after) ? entry.after : null;
  const changed = new Set(entry.changed);

  let rows: Row[];
  if (before || after) {
    const names = [
      ...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {}), ...changed]),
    ];
    // Changed fields first, in the order the entry names them; the rest as recorded.
    names.sort((a, b) => Number(changed.has(b)) - Number(changed.has(a)));
    rows = names.map((key) => ({
      key,
      label: auditFieldLabel(key),
      before: formatAuditValue(key, before?.[key]),
      after: formatAuditValue(key, after?.[key]),
      changed: changed.has(key),
    }));
  } else if (entry.before != null || entry.after != null) {
    rows = [
      {
        key: 'value',
        label: t.audit.detail,
        before: formatAuditValue('', entry.before),
        after: formatAuditValue('', entry.after),
        changed: true,
      },
    ];
  } else {
    rows = [];
  }

  const columns: TableColumnsType<Row> = [
    {
      title: L.field,
      dataIndex: 'label',
      width: 200,
      render: (label: string, r) => (
        <>
          {label}
          {r.changed ? (
            <Tag color="warning" className="changed-mark">
              {L.changedMark}
            </Tag>
          ) : null}
        </>
      ),
    },
    { title: L.before, dataIndex: 'before', render: (v: string | null) => <Value value={v} /> },
    { title: L.after, dataIndex: 'after', render: (v: string | null) => <Value value={v} /> },
  ];

  return (
    <div className="audit-diff">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} className="block-gap">
        <Descriptions.Item label={L.requestId}>
          {entry.requestId ?? t.common.none}
        </Descriptions.Item>
        <Descriptions.Item label={L.ip}>{entry.ip ?? t.common.none}</Descriptions.Item>
        <Descriptions.Item label={L.hash}>
          <code title={entry.hash}>{entry.hash.slice(0, 16)}…</code>
        </Descriptions.Item>
      </Descriptions>
      {rows.length === 0 ? (
        <p>{L.noDetail}</p>
      ) : (
        <Table<Row>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          bordered
          rowClassName={(r) => (r.changed ? 'changed-row' : '')}
        />
      )}
    </div>
  );
}
