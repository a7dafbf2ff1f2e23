import { Col, DatePicker, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { VISIT_CATEGORIES } from '@bianmin/domain';
import { useServiceItemsQuery } from '../../api/catalog.ts';
import { itemSearch } from '../../lib/itemPicker.ts';
import { useStaffQuery } from '../../api/queries.ts';
import { useCenterScope } from '../../center/scope.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { toIsoDate, todayInCenter, type Dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { visitKeys, visitsApi, type CreateVisitBody, type VisitRow } from './api.ts';
import { beijingInstant, beijingNowForPicker, shortDate } from './format.ts';

const L = t.visits;
const CHANNELS = ['phone', 'letter', 'email', 'walk_in'] as const;

/** Who goes (1 to 5 of the center's staff in post), picked by name. */
function StaffItem({ name, label, open }: { name: string; label: string; open: boolean }) {
  const staff = useStaffQuery('', false, open);
  return (
    <Form.Item label={label} name={name} rules={[required(label, true)]}>
      <Select<number[]>
        mode="multiple"
        maxCount={5}
        loading={staff.isPending}
        options={(staff.data ?? []).map((s) => ({
          value: s.id,
          label: `${s.name}（${s.position}）`,
        }))}
        showSearch={{ optionFilterProp: 'label' }}
      />
    </Form.Item>
  );
}

interface CreateValues {
  channel: CreateVisitBody['channel'];
  category: CreateVisitBody['category'];
  name: string;
  phone: string;
  address: string;
  itemId?: number | null;
  itemText?: string;
  reason: string;
  preferredDates: Dayjs[];
}

/** 登记上门申请: a request that came by phone, letter, e-mail or in person. */
export function CreateVisitModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const scope = useCenterScope();
  const [form] = Form.useForm<CreateValues>();
  const items = useServiceItemsQuery({ enabled: open });
  const active = (items.data ?? []).filter((i) => i.active);
  const save = useFeedbackMutation({
    mutationFn: (v: CreateValues) =>
      visitsApi.create(scope.query, {
        channel: v.channel,
        category: v.category,
        name: v.name.trim(),
        phone: v.phone.trim(),
        address: v.address.trim(),
        itemId: v.itemId ?? null,
        itemText: (v.itemText ?? '').trim(),
        reason: v.reason.trim(),
        preferredDates: (v.preferredDates ?? []).map((d) => toIsoDate(d)!),
      }),
    success: (row) => L.created(row.trackingCode),
    invalidate: [visitKeys.all],
    errors: {
      target: {
        form,
        fields: [
          'channel',
          'category',
          'name',
          'phone',
          'address',
          'itemId',
          'itemText',
          'reason',
          'preferredDates',
        ],
      },
    },
    onSuccess: onClose,
  });
  return (
    <FormModal<CreateValues>
      open={open}
      title={L.createTitle}
      formName="createVisitForm"
      form={form}
      width={720}
      mutation={save}
      onClose={onClose}
      initialValues={{ channel: 'phone', category: 'elderly', preferredDates: [] }}
    >
      <Form.Item label={L.channel} name="channel" rules={[required(L.channel, true)]}>
        <Radio.Group
          optionType="button"
          options={CHANNELS.map((c) => ({ value: c, label: L.channels[c] }))}
        />
      </Form.Item>
      <Form.Item label={L.category} name="category" rules={[required(L.category, true)]}>
        <Radio.Group
          options={VISIT_CATEGORIES.map((c) => ({ value: c, label: L.categories[c] }))}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={L.name} name="name" rules={[required(L.name), maxLength(L.name, 50)]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={L.phone} name="phone" extra={L.phoneHelp} rules={[required(L.phone)]}>
            <Input maxLength={11} inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={L.address}
        name="address"
        rules={[required(L.address), maxLength(L.address, 200)]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={L.item} name="itemId">
            <Select<number>
              allowClear
              showSearch={itemSearch(active)}
              loading={items.isPending}
              options={active.map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={L.itemText} name="itemText" rules={[maxLength(L.itemText, 100)]}>
            <Input maxLength={100} placeholder={L.itemTextPlaceholder} />
          </Form.Item>
        </Col>
      </Row>
      <TextAreaItem label={L.reason} name="reason" max={500} rows={2} />
      <Form.Item
        label={L.preferredDates}
        name="preferredDates"
        extra={L.preferredHelp}
        rules={[required(L.preferredDates, true)]}
      >
        <DatePicker
          multiple
          maxTagCount={3}
          style={{ width: '100%' }}
          disabledDate={(d) => !d.isAfter(todayInCenter(), 'day')}
        />
      </Form.Item>
    </FormModal>
  );
}

interface ScheduleValues {
  date: Dayjs | null;
  staffIds: number[];
}

/** 安排 / 改期: the day and who goes; the requester is told by SMS. */
export function ScheduleVisitModal({
  open,
  visit,
  onClose,
}: {
  open: boolean;
  visit: VisitRow | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ScheduleValues>();
  const save = useFeedbackMutation({
    mutationFn: (v: ScheduleValues) =>
      visitsApi.schedule(visit!, { date: toIsoDate(v.date)!, staffIds: v.staffIds }),
    success: (row) => L.scheduled(shortDate(row.scheduledDate!)),
    invalidate: [visitKeys.all],
    errors: { target: { form, fields: ['date', 'staffIds'] }, refetch: [visitKeys.all] },
    onSuccess: onClose,
  });
  const rescheduling = visit?.status === 'scheduled';
  return (
    <FormModal<ScheduleValues>
      open={open}
      title={rescheduling ? L.rescheduleTitle : L.scheduleTitle}
      formName="scheduleVisitForm"
      form={form}
      mutation={save}
      onClose={onClose}
      initialValues={{
        date: null,
        staffIds: visit?.staff.map((s) => s.staffId) ?? [],
      }}
    >
      {visit ? (
        <Typography.Paragraph>
          {visit.requesterName}，{visit.address}
          <br />
          {L.wants(visit.preferredDates.map(shortDate).join('、'))}
        </Typography.Paragraph>
      ) : null}
      <Form.Item label={L.date} name="date" extra={L.dateHelp} rules={[required(L.date, true)]}>
        <DatePicker
          style={{ width: 200 }}
          disabledDate={(d) => d.isBefore(todayInCenter(), 'day')}
        />
      </Form.Item>
      <StaffItem name="staffIds" label={L.staff} open={open} />
    </FormModal>
  );
}

interface RecordValues {
  arrivedAt: Dayjs | null;
  visitorIds: number[];
  outcome: string;
  receiptNo?: string;
}

/** 记录上门: when they arrived, who went, the outcome, the linked case. */
export function RecordVisitModal({
  open,
  visit,
  onClose,
}: {
  open: boolean;
  visit: VisitRow | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<RecordValues>();
  const save = useFeedbackMutation({
    mutationFn: (v: RecordValues) =>
      visitsApi.record(visit!, {
        arrivedAt: beijingInstant(v.arrivedAt!),
        visitorIds: v.visitorIds,
        outcome: v.outcome.trim(),
        receiptNo: (v.receiptNo ?? '').trim(),
      }),
    success: L.recorded,
    invalidate: [visitKeys.all],
    errors: {
      target: { form, fields: ['arrivedAt', 'visitorIds', 'outcome', 'receiptNo'] },
      refetch: [visitKeys.all],
    },
    onSuccess: onClose,
  });
  return (
    <FormModal<RecordValues>
      open={open}
      title={L.recordTitle}
      formName="recordVisitForm"
      form={form}
      width={640}
      mutation={save}
      onClose={onClose}
      initialValues={{
        arrivedAt: beijingNowForPicker(),
        visitorIds: visit?.staff.map((s) => s.staffId) ?? [],
      }}
    >
      {visit ? (
        <Typography.Paragraph>
          {visit.requesterName}，{visit.address}
        </Typography.Paragraph>
      ) : null}
      <Form.Item label={L.arrivedAt} name="arrivedAt" rules={[required(L.arrivedAt, true)]}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: 220 }}
          disabledDate={(d) => d.isAfter(todayInCenter(), 'day')}
        />
      </Form.Item>
      <StaffItem name="visitorIds" label={L.visitors} open={open} />
      <TextAreaItem
        label={L.outcome}
        name="outcome"
        max={1000}
        rows={3}
        placeholder={L.outcomePlaceholder}
      />
      <Form.Item
        label={L.receiptNo}
        name="receiptNo"
        extra={L.receiptHelp}
        rules={[maxLength(L.receiptNo, 40)]}
      >
        <Input maxLength={40} style={{ width: 260 }} />
      </Form.Item>
    </FormModal>
  );
}

/** 取消: with a reason the requester is told by SMS. */
export function CancelVisitModal({
  open,
  visit,
  onClose,
}: {
  open: boolean;
  visit: VisitRow | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const save = useFeedbackMutation({
    mutationFn: (v: { reason: string }) => visitsApi.cancel(visit!, v.reason.trim()),
    success: L.cancelled,
    invalidate: [visitKeys.all],
    errors: { target: { form, fields: ['reason'] }, refetch: [visitKeys.all] },
    onSuccess: onClose,
  });
  return (
    <FormModal<{ reason: string }>
      open={open}
      title={L.cancelTitle}
      formName="cancelVisitForm"
      form={form}
      mutation={save}
      onClose={onClose}
    >
      {visit ? (
        <Typography.Paragraph>
          {visit.requesterName}，{visit.address}
        </Typography.Paragraph>
      ) : null}
      <TextAreaItem label={L.cancelReason} name="reason" max={200} rows={2} extra={L.cancelHelp} />
    </FormModal>
  );
}
