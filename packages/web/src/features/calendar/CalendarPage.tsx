import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Spin,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ERRORS, isErrorCode, type CalendarOverview } from '@bianmin/contracts';
import { errorMessage, isApiError, type ApiFieldError } from '../../api/client.ts';
import { api, keys, type Season } from '../../api/endpoints.ts';
import { useCalendarQuery, useCalendarYearQuery } from '../../api/queries.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { CenterPage } from '../../components/ListPage.tsx';
import { MissingYearsAlert } from '../../components/MissingYearsAlert.tsx';
import { EditButton, ListTable, RowAction } from '../../components/ListTable.tsx';
import { useApiErrorHandler } from '../../lib/apiFeedback.ts';
import { formatDateTime } from '../../lib/time.ts';
import { required } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';
import { formatDays, groupDays, parseDays, type ParsedDay } from './parse.ts';

const L = t.calendar;

type YearRow = CalendarOverview['years'][number] & { id: number };

/** What the entry modal works on: a new year (`edit` false) or an existing one. */
interface Entry {
  year: number | null;
  edit: boolean;
}

export default function CalendarPage() {
  const canManage = useCan('calendar.manage');
  const overview = useCalendarQuery();
  const [entry, setEntry] = useState<Entry | null>(null);
  const [entryOpen, setEntryOpen] = useState(false);
  const [viewYear, setViewYear] = useState<number | null>(null);
  const [hoursOpen, setHoursOpen] = useState(false);

  const missing = overview.data?.missingYears ?? [];
  const years = overview.data?.years ?? [];
  const openEntry = (e: Entry) => {
    setEntry(e);
    setEntryOpen(true);
  };
  const suggested = missing[0] ?? (years.length ? Math.max(...years.map((y) => y.year)) + 1 : null);

  return (
    <CenterPage
      title={L.title}
      description={L.description}
      actions={
        canManage ? (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => openEntry({ year: suggested, edit: false })}
          >
            {L.create}
          </Button>
        ) : null
      }
    >
      <MissingYearsAlert years={missing} text={L} quiet />
      <YearsTable
        overview={overview}
        rows={years.map((y) => ({ ...y, id: y.year })).sort((a, b) => b.year - a.year)}
        canManage={canManage}
        onView={setViewYear}
        onEdit={(year) => openEntry({ year, edit: true })}
      />
      <HoursCard
        seasons={overview.data?.seasons ?? []}
        canManage={canManage}
        onEdit={() => setHoursOpen(true)}
      />
      {entry ? (
        <YearEntryModal
          open={entryOpen}
          entry={entry}
          versionOf={(year) => years.find((y) => y.year === year)?.version ?? null}
          onClose={() => setEntryOpen(false)}
        />
      ) : null}
      <YearViewModal year={viewYear} onClose={() => setViewYear(null)} />
      <HoursModal
        open={hoursOpen}
        seasons={overview.data?.seasons ?? []}
        onClose={() => setHoursOpen(false)}
      />
    </CenterPage>
  );
}

function YearsTable({
  overview,
  rows,
  canManage,
  onView,
  onEdit,
}: {
  overview: ReturnType<typeof useCalendarQuery>;
  rows: YearRow[];
  canManage: boolean;
  onView: (year: number) => void;
  onEdit: (year: number) => void;
}) {
  const columns: TableColumnsType<YearRow> = [
    { title: L.year, dataIndex: 'year', width: 120, render: (y: number) => L.yearLabel(y) },
    {
      title: L.source,
      dataIndex: 'source',
      render: (s: string) => (
        <Tag color={s === 'manual' ? 'blue' : 'green'}>{L.sources[s] ?? s}</Tag>
      ),
    },
    { title: L.holidays, dataIndex: 'holidays', render: (n: number) => L.dayCount(n) },
    { title: L.workdays, dataIndex: 'workdays', render: (n: number) => L.dayCount(n) },
    {
      title: t.common.actions,
      key: 'actions',
      width: 200,
      render: (_, row) => (
        <Space size={0}>
          <RowAction
            icon={<EyeOutlined aria-hidden />}
            label={L.view}
            name={L.yearLabel(row.year)}
            onClick={() => onView(row.year)}
          />
          {canManage ? (
            <EditButton name={L.yearLabel(row.year)} onClick={() => onEdit(row.year)} />
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <ListTable
      query={overview}
      rows={rows}
      columns={columns}
      empty={L.empty}
      title={() => <Typography.Text strong>{L.yearsTitle}</Typography.Text>}
    />
  );
}

function HoursCard({
  seasons,
  canManage,
  onEdit,
}: {
  seasons: readonly Season[];
  canManage: boolean;
  onEdit: () => void;
}) {
  return (
    <Card
      title={L.hoursTitle}
      className="block-gap-top"
      extra={
        canManage ? (
          <Button icon={<EditOutlined aria-hidden />} onClick={onEdit}>
            {L.hoursEdit}
          </Button>
        ) : null
      }
    >
      {seasons.length === 0 ? (
        <Typography.Text type="secondary">{L.hoursEmpty}</Typography.Text>
      ) : (
        <ul className="calendar-hours">
          {seasons.map((s) => (
            <li key={s.from}>{L.hoursLine(s.from, s.open, s.close)}</li>
          ))}
        </ul>
      )}
      <Typography.Text type="secondary">{L.hoursHint}</Typography.Text>
    </Card>
  );
}

/** Days of one list, a line per run of days: `2027-02-06 至 2027-02-12（7 天） 春节`. */
function DayList({ days }: { days: readonly { date: string; name: string }[] }) {
  const groups = groupDays(days);
  if (groups.length === 0) return <>{L.noDays}</>;
  return (
    <ul className="calendar-days">
      {groups.map((g) => (
        <li key={g.from}>
          {g.from === g.to ? g.from : L.rangeLine(g.from, g.to, g.count)} {g.name}
        </li>
      ))}
    </ul>
  );
}

function YearViewModal({ year, onClose }: { year: number | null; onClose: () => void }) {
  const query = useCalendarYearQuery(year);
  const data = query.data;
  return (
    <Modal
      open={year !== null}
      title={year ? L.viewTitle(year) : null}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{L.closeView}</Button>}
      destroyOnHidden
    >
      {query.isError ? (
        <Alert type="error" showIcon title={errorMessage(query.error)} />
      ) : !data ? (
        <Spin />
      ) : (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={L.source}>
            {L.sources[data.source] ?? data.source}
          </Descriptions.Item>
          <Descriptions.Item label={`${L.holidays}（${L.dayCount(data.holidays.length)}）`}>
            <DayList days={data.holidays} />
          </Descriptions.Item>
          <Descriptions.Item label={`${L.workdays}（${L.dayCount(data.workdays.length)}）`}>
            <DayList days={data.workdays} />
          </Descriptions.Item>
          <Descriptions.Item label={L.updatedAt}>
            {formatDateTime(data.updatedAt)}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}

interface EntryValues {
  year: number | null;
  holidays: string;
  workdays: string;
}

const daysRule = (needOne: boolean) => ({
  validator: (_: unknown, value: unknown) => {
    const parsed = parseDays(typeof value === 'string' ? value : '');
    if (!parsed.ok) return Promise.reject(new Error(parsed.error));
    if (needOne && parsed.days.length === 0) {
      return Promise.reject(new Error(ERRORS.NO_HOLIDAYS.message));
    }
    return Promise.resolve();
  },
});

const plain = (days: ParsedDay[]) => days.map(({ date, name }) => ({ date, name }));

/** The server's message without its own field prefix (`法定节假日：…` → `…`). */
function fieldMessage(f: ApiFieldError): string {
  return isErrorCode(f.code) ? ERRORS[f.code].message : f.message.replace(/^[^：]*：/, '');
}

function YearEntryModal({
  open,
  entry,
  versionOf,
  onClose,
}: {
  open: boolean;
  entry: Entry;
  versionOf: (year: number) => number | null;
  onClose: () => void;
}) {
  const scope = useCenterScope();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<EntryValues>();
  const existing = useCalendarYearQuery(entry.edit ? entry.year : null);
  const year = Form.useWatch('year', form) as number | null | undefined;
  const holidaysText = (Form.useWatch('holidays', form) as string | undefined) ?? '';
  const workdaysText = (Form.useWatch('workdays', form) as string | undefined) ?? '';
  const holidays = parseDays(holidaysText);
  const workdays = parseDays(workdaysText);
  const listKey = keys.calendar(scope.centerId);

  const save = useMutation({
    mutationFn: (v: EntryValues) => {
      const h = parseDays(v.holidays ?? '');
      const w = parseDays(v.workdays ?? '');
      if (!h.ok || !w.ok || v.year === null) throw new Error('unreachable: the form validated');
      return api.calendar.setYear(scope.query, v.year, {
        holidays: plain(h.days),
        workdays: plain(w.days),
        version: entry.edit ? (existing.data?.version ?? null) : versionOf(v.year),
      });
    },
    onSuccess: (saved) => {
      void message.success(L.saved(saved.year));
      void queryClient.invalidateQueries({ queryKey: listKey });
      onClose();
    },
    onError: (e, v) => {
      // `holidays.3.date` is the fourth day sent: name its line and date in the clerk's text.
      const lists = {
        holidays: { label: L.holidaysField, parsed: parseDays(v.holidays ?? '') },
        workdays: { label: L.workdaysField, parsed: parseDays(v.workdays ?? '') },
      };
      const texts: string[] = [];
      const byItem = new Map<string, string[]>();
      for (const f of isApiError(e) && e.status === 400 ? e.fields : []) {
        const m = /^(holidays|workdays|year)(?:\.(\d+))?/.exec(f.field);
        if (!m) continue;
        const item = m[1] as 'holidays' | 'workdays' | 'year';
        let text = fieldMessage(f);
        if (item !== 'year' && m[2] !== undefined) {
          const { label, parsed } = lists[item];
          const day = parsed.ok ? parsed.days[Number(m[2])] : undefined;
          if (day) text = L.serverField(label, day.line, day.date, text);
        }
        byItem.set(item, [...(byItem.get(item) ?? []), text]);
        texts.push(text);
      }
      if (texts.length === 0) {
        handleError(e, { refetch: [listKey] });
        return;
      }
      form.setFields(
        [...byItem].map(([name, errors]) => ({ name: name as keyof EntryValues, errors })),
      );
      void message.error(texts.join('；'));
    },
  });

  const loading = entry.edit && !existing.data;
  const shownYear = typeof year === 'number' ? year : entry.year;
  const alreadyEntered = !entry.edit && typeof year === 'number' && versionOf(year) !== null;

  return (
    <FormModal<EntryValues>
      open={open && !loading}
      title={L.entryTitle(shownYear)}
      formName="calendarYearForm"
      form={form}
      width={640}
      initialValues={{
        year: entry.year,
        holidays: existing.data ? formatDays(existing.data.holidays) : '',
        workdays: existing.data ? formatDays(existing.data.workdays) : '',
      }}
      mutation={save}
      onClose={onClose}
    >
      <Form.Item
        label={L.year}
        name="year"
        help={alreadyEntered ? L.yearExists : L.yearHelp}
        validateStatus={alreadyEntered ? 'warning' : undefined}
        rules={[required(L.year, true)]}
      >
        <InputNumber min={2000} max={2100} precision={0} disabled={entry.edit} />
      </Form.Item>
      <Form.Item
        label={L.holidaysField}
        name="holidays"
        extra={L.holidaysHelp}
        rules={[daysRule(true)]}
      >
        <Input.TextArea rows={6} placeholder={L.holidaysPlaceholder} spellCheck={false} />
      </Form.Item>
      <Form.Item
        label={L.workdaysField}
        name="workdays"
        extra={L.workdaysHelp}
        rules={[daysRule(false)]}
      >
        <Input.TextArea rows={3} placeholder={L.workdaysPlaceholder} spellCheck={false} />
      </Form.Item>
      <Alert
        type={holidays.ok && workdays.ok ? 'info' : 'warning'}
        showIcon
        role="status"
        title={
          holidays.ok && workdays.ok
            ? `${L.previewTitle}：${L.preview(holidays.days.length, workdays.days.length)}`
            : `${L.previewTitle}：${holidays.ok ? '' : holidays.error}${
                !holidays.ok && !workdays.ok ? '；' : ''
              }${workdays.ok ? '' : workdays.error}`
        }
      />
    </FormModal>
  );
}

interface HoursValues {
  seasons: Season[];
}

const HHMM = /^\d{2}:\d{2}$/;
const MMDD = /^\d{2}-\d{2}$/;

function HoursModal({
  open,
  seasons,
  onClose,
}: {
  open: boolean;
  seasons: readonly Season[];
  onClose: () => void;
}) {
  const scope = useCenterScope();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<HoursValues>();
  const listKey = keys.calendar(scope.centerId);

  const save = useMutation({
    mutationFn: (v: HoursValues) =>
      api.calendar.setHours(scope.query, {
        seasons: v.seasons.map((s) => ({
          from: s.from.trim(),
          open: s.open.trim(),
          close: s.close.trim(),
        })),
      }),
    onSuccess: () => {
      void message.success(L.hoursSaved);
      void queryClient.invalidateQueries({ queryKey: listKey });
      onClose();
    },
    onError: (e) => {
      const placed: { name: ['seasons', number, 'from' | 'open' | 'close']; errors: string[] }[] =
        [];
      for (const f of isApiError(e) ? e.fields : []) {
        const m = /^seasons\.(\d+)\.(from|open|close)$/.exec(f.field);
        if (m)
          placed.push({
            name: ['seasons', Number(m[1]), m[2] as 'from' | 'open' | 'close'],
            errors: [fieldMessage(f)],
          });
      }
      if (placed.length === 0) {
        handleError(e, { refetch: [listKey] });
        return;
      }
      // Each message stands next to its time; the toast need not repeat them.
      form.setFields(placed);
      void message.error(errorMessage(e));
    },
  });

  const labels = { from: L.from, open: L.open, close: L.close };
  return (
    <FormModal<HoursValues>
      open={open}
      title={L.hoursEdit}
      formName="calendarHoursForm"
      form={form}
      width={640}
      initialValues={{
        seasons: seasons.length ? [...seasons] : [{ from: '01-01', open: '', close: '' }],
      }}
      mutation={save}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{L.hoursHint}</Typography.Paragraph>
      <Form.List name="seasons">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="start" wrap>
                {(['from', 'open', 'close'] as const).map((k) => (
                  <Form.Item
                    key={k}
                    name={[field.name, k]}
                    label={i === 0 ? labels[k] : undefined}
                    rules={[
                      { required: true, message: t.common.pleaseInput(labels[k]) },
                      {
                        pattern: k === 'from' ? MMDD : HHMM,
                        message:
                          k === 'from' ? ERRORS.BAD_MONTH_DAY.message : ERRORS.BAD_TIME.message,
                      },
                    ]}
                  >
                    <Input
                      aria-label={L.seasonField(i + 1, labels[k])}
                      placeholder={k === 'from' ? L.fromPlaceholder : L.timePlaceholder}
                      style={{ width: 150 }}
                      autoComplete="off"
                    />
                  </Form.Item>
                ))}
                <Form.Item label={i === 0 ? ' ' : undefined}>
                  <Button
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={`${L.removeSeason} ${L.seasonLabel(i + 1)}`}
                    disabled={fields.length === 1}
                    onClick={() => remove(field.name)}
                  >
                    {L.removeSeason}
                  </Button>
                </Form.Item>
              </Space>
            ))}
            {fields.length < 6 ? (
              <Button
                type="dashed"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ from: '', open: '', close: '' })}
              >
                {L.addSeason}
              </Button>
            ) : null}
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
