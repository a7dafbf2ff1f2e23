import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Typography,
  type InputRef,
  type RefSelectProps,
} from 'antd';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  ACCEPTED_KIND_LABELS,
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  ERRORS,
  NOTICE_TITLES,
} from '@bianmin/contracts';
import {
  ACCEPTABLE_KINDS,
  APPLICANT_TYPES,
  CHANNELS,
  checkIdentifier,
  checkPhone,
  displayReceiptNo,
  termBounds,
  type AcceptedKind,
  type ApplicantType,
  type Channel,
  type TermBounds,
} from '@bianmin/domain';
import { useCaseSettingsQuery } from '../../api/catalog.ts';
import {
  casesApi,
  useServiceItemsQuery,
  type CaseDetail,
  type ServiceItem,
} from '../../api/cases.ts';
import { useMe } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { DaysInput, TextAreaItem } from '../../components/FormItems.tsx';
import { optionsOf } from '../../lib/options.ts';
import { itemSearch } from '../../lib/itemPicker.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';
import { bookingKeys } from '../appointments/api.ts';
import { whenOf } from '../appointments/format.ts';
import { PrintNoticeButton } from '../notices/PrintNoticeButton.tsx';
import { DeadlinePreview } from './DeadlinePreview.tsx';
import { HANDOVER_FIELDS, handOverBody, HandOverFields } from './HandOverFields.tsx';
import { MaterialsField } from './MaterialsField.tsx';
import { useCaseErrorHandler, useCaseMutation, type CaseFormTarget } from './serverErrors.ts';
import {
  bookingValues,
  defaultChoice,
  fieldsOf,
  intakeBody,
  NEEDS_ITEM,
  type BookingHandOff,
  type IntakeChoice,
  type IntakeValues,
} from './intake.ts';

const L = t.workbench;

/** The choices that need more input first, in a panel under the buttons. */
type Panel = Exclude<IntakeChoice, 'immediate' | 'promised'>;

type Values = IntakeValues;

/** What the last registration did, for the message with the print button. */
interface Done {
  detail: CaseDetail;
  choice: IntakeChoice;
  handedTo: string | null;
  handOverFailed: boolean;
  /** The visitor had a booking (预约), now marked arrived with this case. */
  fromBooking: boolean;
}

const INITIAL: Partial<Values> = {
  applicant: { type: 'person', name: '' },
  channel: 'window',
  urgent: false,
  method: 'escorted',
  toBusinessSection: false,
};

/**
 * The intake form (接待登记): the fast path is item, name, Enter. With a `booking` (a visitor who
 * booked, handed over from 预约登记) it starts from the booking's item and name and registers the
 * case together with the booking's arrival; `onBookingClose` drops the booking (done or declined).
 */
export function IntakeForm({
  booking = null,
  onBookingClose,
}: {
  booking?: BookingHandOff | null;
  onBookingClose?: () => void;
} = {}) {
  const me = useMe();
  const scope = useCenterScope();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleError = useCaseErrorHandler();
  const [form] = Form.useForm<Values>();
  const items = useServiceItemsQuery();
  const itemRef = useRef<RefSelectProps>(null);
  const nameRef = useRef<InputRef>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const choiceRef = useRef<IntakeChoice>('promised');
  const [panel, setPanel] = useState<Panel | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  const itemId = Form.useWatch('itemId', form);
  const applicantType = Form.useWatch(['applicant', 'type'], form) ?? 'person';
  const kind = Form.useWatch('kind', form);
  const urgent = !!Form.useWatch('urgent', form);
  const termDays = Form.useWatch<number | null | undefined>('termDays', form);
  const otherTermDays = Form.useWatch<number | null | undefined>('otherTermDays', form);
  const active = useMemo(() => (items.data ?? []).filter((i) => i.active), [items.data]);
  const item = active.find((i) => i.id === itemId);
  const enterChoice = defaultChoice(item);
  // The terms the catalog allows the item, as the domain counts them with the center's settings.
  const policy = useCaseSettingsQuery().data;
  const boundsOf = (k: AcceptedKind): TermBounds | null => {
    if (!item || !policy) return null;
    const b = termBounds(k, item, policy);
    return b.ok ? b.value : null;
  };
  const otherKind = item?.defaultKind === 'reported' ? 'reported' : 'petition';
  const promisedBounds = boundsOf('promised');
  const otherBounds = boundsOf(otherKind);
  const maxOf = (b: TermBounds | null) => (b ? (urgent ? b.urgent : b.standard) : null);
  const allows = (k: AcceptedKind) => !item || ACCEPTABLE_KINDS[item.defaultKind].includes(k);

  // A new item brings its own terms (the urgent ones when urgent); the item's panels start afresh.
  useEffect(() => {
    form.setFieldsValue({ materials: [], kind: otherKind });
  }, [form, item, otherKind]);
  const promisedMax = maxOf(promisedBounds);
  const otherMax = maxOf(otherBounds);
  useEffect(() => {
    form.setFieldsValue({
      termDays: promisedMax ?? (urgent ? null : (item?.promisedDays ?? null)),
      otherTermDays: otherMax,
    });
  }, [form, item, urgent, promisedMax, otherMax]);

  // A booking's visitor: its item and name are filled in; the clerk checks them and goes on.
  useEffect(() => {
    if (!booking) return;
    form.setFieldsValue(bookingValues(booking));
    window.setTimeout(() => nameRef.current?.focus(), 0);
  }, [form, booking]);

  // Move the cursor into a panel when it opens.
  useEffect(() => {
    if (!panel) return;
    const first = panelRef.current?.querySelector<HTMLElement>(
      'input:not([type="hidden"]):not([disabled]), textarea',
    );
    first?.focus();
  }, [panel]);

  // Refusals on the accepted term, on the field the choice used.
  const termField = () => (choiceRef.current === 'other' ? 'otherTermDays' : 'termDays');
  const target: CaseFormTarget = {
    form,
    fields: (path) => {
      const [head, second] = path;
      if (head === 'applicant' && typeof second === 'string') return ['applicant', second];
      if (head === 'then') {
        if (second === 'termDays') return [termField()];
        return typeof second === 'string' ? [second] : null;
      }
      // The domain names the fields of an acceptance without the `then.` of the intake body.
      if (head === 'termDays') return [termField()];
      if (head === 'kind') return [choiceRef.current === 'other' ? 'kind' : 'itemId'];
      if (head === 'urgent') return ['urgent'];
      if (typeof head === 'string' && HANDOVER_FIELDS[head] && choiceRef.current === 'handOver')
        return HANDOVER_FIELDS[head];
      if (head === 'itemId' || head === 'subject' || head === 'channel' || head === 'note')
        return [head];
      if (head === 'remarks') return ['materials'];
      return null;
    },
    codes: {
      ITEM_REQUIRED: ['itemId'],
      ITEM_INACTIVE: ['itemId'],
      ITEM_OR_SUBJECT_REQUIRED: ['subject'],
      NO_MATERIALS: ['materials'],
      MATERIAL_NOT_IN_CHECKLIST: ['materials'],
      HANDOVER_TARGET_REQUIRED: ['toStaffId'],
      HANDOVER_TO_HOLDER: ['toStaffId'],
      TERM_REQUIRED: ['termDays'],
      PROMISE_EXCEEDS_LEGAL: ['termDays'],
      BAD_TERM: ['termDays'],
    },
  };

  const register = useCaseMutation({
    mutationFn: async ({ values, choice }: { values: Values; choice: IntakeChoice }) => {
      const fromBooking = booking !== null;
      const created = await casesApi.create(scope.query, intakeBody(values, choice, booking?.id));
      if (choice !== 'handOver')
        return { detail: created, choice, handedTo: null, handOverFailed: false, fromBooking };
      try {
        const handed = await casesApi.command(
          scope.query,
          created.id,
          'hand-over',
          handOverBody(values, created.version),
        );
        const to = handed.atBusinessSection
          ? t.caseShared.businessSection
          : (handed.holderName ?? '');
        return { detail: handed, choice, handedTo: to, handOverFailed: false, fromBooking };
      } catch (e) {
        handleError(e, target);
        return { detail: created, choice, handedTo: null, handOverFailed: true, fromBooking };
      }
    },
    success: (result: Done) =>
      `${doneTitle(result)}，${L.done.receipt(displayReceiptNo(result.detail.receiptNo))}`,
    target,
    onSuccess: (result) => {
      setDone(result);
      form.resetFields();
      setPanel(null);
      if (result.fromBooking) {
        void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
        onBookingClose?.();
      }
      window.setTimeout(() => itemRef.current?.focus(), 0);
    },
  });

  /** Check what the choice needs, then register. */
  const run = async (choice: IntakeChoice) => {
    choiceRef.current = choice;
    if (me.staffId === null) {
      void message.error(t.caseShared.noStaff);
      return;
    }
    try {
      await form.validateFields(fieldsOf(choice));
      register.mutate({ values: form.getFieldsValue(true) as Values, choice });
    } catch {
      // antd shows the messages on the fields and scrolls to the first.
    }
  };

  const open = (p: Panel) => {
    choiceRef.current = p;
    setPanel((current) => (current === p ? null : p));
  };

  const itemOptions = active.map((i) => ({
    value: i.id,
    label: `${i.name}（${i.code}）`,
  }));

  const isPerson = applicantType === 'person';
  /** An acceptance the catalog does not allow for the chosen item is not offered. */
  const kindAllowed = (choice: IntakeChoice) =>
    choice === 'immediate'
      ? allows('immediate')
      : choice === 'promised'
        ? allows('promised')
        : choice === 'other'
          ? allows('petition') || allows('reported')
          : true;
  const button = (choice: IntakeChoice, label: string, onClick: () => void) => (
    <Button
      size="large"
      type={choice === enterChoice ? 'primary' : panel === choice ? 'dashed' : 'default'}
      onClick={onClick}
      loading={register.isPending && choiceRef.current === choice}
      disabled={(register.isPending && choiceRef.current !== choice) || !kindAllowed(choice)}
      aria-expanded={choice === 'immediate' || choice === 'promised' ? undefined : panel === choice}
    >
      {label}
      {choice === enterChoice ? <span className="enter-mark">{L.enterHint}</span> : null}
    </Button>
  );

  return (
    <Card
      title={<h2 className="card-title">{L.intake}</h2>}
      className="intake-card block-gap"
      extra={<Typography.Text type="secondary">{L.intakeHint}</Typography.Text>}
    >
      {done ? <DoneAlert done={done} onClose={() => setDone(null)} /> : null}
      {booking ? (
        <BookingAlert
          booking={booking}
          onDrop={() => {
            form.resetFields();
            onBookingClose?.();
          }}
        />
      ) : null}
      <Form<Values>
        form={form}
        name="intake"
        layout="vertical"
        initialValues={INITIAL}
        requiredMark={false}
        className="intake-form"
      >
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Form.Item
              label={L.item}
              name="itemId"
              extra={item ? <ItemInfo item={item} /> : undefined}
              rules={[
                {
                  validator: (_, value: number | null | undefined) =>
                    value || !NEEDS_ITEM.includes(choiceRef.current)
                      ? Promise.resolve()
                      : Promise.reject(new Error(L.itemRequired)),
                },
              ]}
            >
              <Select<number>
                ref={itemRef}
                autoFocus
                allowClear
                size="large"
                options={itemOptions}
                loading={items.isPending}
                placeholder={L.itemPlaceholder}
                showSearch={itemSearch(active)}
                onChange={(v) => {
                  if (v) window.setTimeout(() => nameRef.current?.focus(), 0);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={L.applicantType} name={['applicant', 'type']}>
              <Radio.Group
                aria-label={L.applicantType}
                optionType="button"
                options={optionsOf(APPLICANT_TYPES, APPLICANT_TYPE_LABELS)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={L.channel} name="channel">
              <Select<Channel> options={optionsOf(CHANNELS, CHANNEL_LABELS)} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              label={isPerson ? L.name : L.enterpriseName}
              name={['applicant', 'name']}
              rules={[
                required(isPerson ? L.name : L.enterpriseName),
                maxLength(isPerson ? L.name : L.enterpriseName, 100),
              ]}
            >
              <Input
                ref={nameRef}
                size="large"
                autoComplete="off"
                onPressEnter={(e) => {
                  e.preventDefault();
                  if (enterChoice === 'other') open('other');
                  else void run(enterChoice);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={`${isPerson ? L.idNumber : L.creditCode}（${L.optional}）`}
              name={['applicant', 'idNumber']}
              dependencies={[['applicant', 'type']]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) => {
                    if (!value || value.trim() === '') return Promise.resolve();
                    const type = getFieldValue(['applicant', 'type']) as ApplicantType;
                    const checked = checkIdentifier(type, value);
                    return checked.ok
                      ? Promise.resolve()
                      : Promise.reject(new Error(ERRORS[checked.code].message));
                  },
                }),
              ]}
            >
              <Input size="large" autoComplete="off" maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={`${L.phone}（${L.optional}）`}
              name={['applicant', 'phone']}
              rules={[
                {
                  validator: (_, value: string | undefined) => {
                    if (!value || value.trim() === '') return Promise.resolve();
                    const checked = checkPhone(value);
                    return checked.ok
                      ? Promise.resolve()
                      : Promise.reject(new Error(ERRORS[checked.code].message));
                  },
                },
              ]}
            >
              <Input size="large" autoComplete="off" inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item
              label={L.termDays}
              name="termDays"
              extra={promisedMax ? L.termHelpOf(promisedMax, urgent) : L.termHelp}
            >
              <DaysInput style={{ width: '100%' }} max={promisedMax ?? undefined} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label={t.caseShared.urgent}
              name="urgent"
              valuePropName="checked"
              extra={
                promisedBounds &&
                promisedBounds.urgent === null &&
                (!otherBounds || otherBounds.urgent === null)
                  ? L.urgentNotPossible
                  : undefined
              }
            >
              <Checkbox>{L.urgent}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={`${L.note}（${L.optional}）`}
              name="note"
              rules={[maxLength(L.note, 1000)]}
            >
              <Input autoComplete="off" maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>

        {/* The deadline Enter would give; not while another outcome's panel is open. */}
        {item && panel === null && (enterChoice === 'immediate' || enterChoice === 'promised') ? (
          <DeadlinePreview
            itemId={item.id}
            kind={enterChoice}
            termDays={enterChoice === 'promised' ? termDays : null}
            urgent={enterChoice === 'promised' && urgent}
          />
        ) : null}
        <div className="intake-actions" role="group" aria-label={L.outcome}>
          {button('immediate', L.actions.immediate, () => void run('immediate'))}
          {button('promised', L.actions.promised, () => void run('promised'))}
          {button('other', L.actions.other, () => open('other'))}
          {button('supplement', L.actions.supplement, () => open('supplement'))}
          {button('return', L.actions.return, () => open('return'))}
          {button('answer', L.actions.answer, () => open('answer'))}
          {button('handOver', L.actions.handOver, () => open('handOver'))}
        </div>

        {panel ? (
          <div className="intake-panel" ref={panelRef}>
            <h3 className="intake-panel-title">{L.panels[panel]}</h3>
            <PanelFields
              panel={panel}
              item={item}
              kind={kind}
              otherMax={otherMax}
              urgent={urgent}
            />
            {panel === 'other' && item && kind ? (
              <DeadlinePreview
                itemId={item.id}
                kind={kind}
                termDays={otherTermDays}
                urgent={urgent}
              />
            ) : null}
            <Space>
              <Button
                type="primary"
                size="large"
                loading={register.isPending}
                onClick={() => void run(panel)}
              >
                {L.confirm[panel]}
              </Button>
              <Button size="large" onClick={() => setPanel(null)}>
                {L.closePanel}
              </Button>
            </Space>
          </div>
        ) : null}
      </Form>
    </Card>
  );
}

/** The booking the visitor came with, and a way to register without it. */
function BookingAlert({ booking: b, onDrop }: { booking: BookingHandOff; onDrop: () => void }) {
  const B = t.appointments;
  return (
    <Alert
      type="info"
      showIcon
      className="block-gap"
      title={B.fromBooking}
      description={
        <>
          <div>{B.fromBookingLine(b.code, whenOf(b), b.itemName)}</div>
          <div>{B.bookingPhone(b.phoneMasked)}</div>
        </>
      }
      action={<Button onClick={onDrop}>{B.dropBooking}</Button>}
    />
  );
}

function ItemInfo({ item }: { item: ServiceItem }) {
  const parts = [L.itemInfo(ACCEPTED_KIND_LABELS[item.defaultKind], item.windowUnitName)];
  if (item.promisedDays !== null && item.defaultKind !== 'immediate')
    parts.push(L.itemTerm(item.promisedDays));
  parts.push(L.itemMaterials(item.materials.length));
  return <span className="item-info">{parts.join(' · ')}</span>;
}

function PanelFields({
  panel,
  item,
  kind,
  otherMax,
  urgent,
}: {
  panel: Panel;
  item: ServiceItem | undefined;
  kind: AcceptedKind | undefined;
  /** The longest term the catalog allows the chosen kind (urgent: the urgent term). */
  otherMax: number | null;
  urgent: boolean;
}): ReactNode {
  const subject = (
    <Form.Item
      label={item ? `${L.subject}（${L.optional}）` : L.subject}
      name="subject"
      rules={[
        ...(item ? [] : [{ required: true, whitespace: true, message: L.subjectRequired }]),
        maxLength(L.subject, 200),
      ]}
    >
      <Input placeholder={L.subjectPlaceholder} maxLength={200} autoComplete="off" />
    </Form.Item>
  );
  switch (panel) {
    case 'other': {
      // The catalog's kind of the item: a petition or a reported case (without an item, both).
      const kinds = (['petition', 'reported'] as const).filter(
        (k) => !item || ACCEPTABLE_KINDS[item.defaultKind].includes(k),
      );
      const unit = kind === 'petition' ? t.caseDetail.calendarDayUnit : t.caseDetail.workingDayUnit;
      return (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label={L.kind} name="kind" rules={[required(L.kind, true)]}>
              <Radio.Group
                aria-label={L.kind}
                optionType="button"
                options={optionsOf(kinds, ACCEPTED_KIND_LABELS)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              label={L.otherTermDays}
              name="otherTermDays"
              extra={otherMax ? L.otherTermHelpOf(otherMax, unit, urgent) : L.otherTermHelp}
              rules={
                kind === 'reported' && !item?.promisedDays ? [required(L.otherTermDays, true)] : []
              }
            >
              <DaysInput max={otherMax ?? undefined} />
            </Form.Item>
          </Col>
        </Row>
      );
    }
    case 'supplement':
      return item && item.materials.length === 0 ? (
        <Alert type="warning" showIcon className="block-gap" title={L.noMaterials} />
      ) : (
        <MaterialsField label={L.materials} checklist={item?.materials ?? []} />
      );
    case 'return':
      return (
        <TextAreaItem
          label={L.reasons}
          name="reasons"
          max={2000}
          rows={3}
          placeholder={L.reasonsPlaceholder}
        />
      );
    case 'answer':
      return (
        <>
          {subject}
          <TextAreaItem
            label={L.answer}
            name="answer"
            max={2000}
            rows={4}
            placeholder={L.answerPlaceholder}
          />
        </>
      );
    case 'handOver':
      return (
        <>
          {item ? null : subject}
          <HandOverFields target={{ itemId: item?.id ?? null }} />
        </>
      );
  }
}

function doneTitle(done: Done): string {
  const d = L.done;
  switch (done.choice) {
    case 'immediate':
    case 'promised':
    case 'other':
      return d.accepted(
        done.detail.acceptedKind ? ACCEPTED_KIND_LABELS[done.detail.acceptedKind] : '',
      );
    case 'supplement':
      return d.supplement;
    case 'return':
      return d.returned;
    case 'answer':
      return d.answered;
    case 'handOver':
      return done.handedTo !== null ? d.handedOver(done.handedTo) : L.handOverFailed;
  }
}

/** After a registration: the receipt number, the notice and its print button. */
function DoneAlert({ done, onClose }: { done: Done; onClose: () => void }) {
  const d = done.detail;
  const notice = [...d.notices].reverse().find((n) => n.supersededById === null);
  const receipt = displayReceiptNo(d.receiptNo);
  return (
    <Alert
      type={done.handOverFailed ? 'warning' : 'success'}
      showIcon
      className="block-gap intake-done"
      closable={{ onClose }}
      title={doneTitle(done)}
      description={
        <div className="intake-done-body">
          <span className="intake-done-line">
            <strong>{L.done.receipt(receipt)}</strong>
            {notice ? (
              <span>{L.done.notice(NOTICE_TITLES[notice.type], notice.number)}</span>
            ) : null}
            <span>{L.done.queryCode(d.queryCode)}</span>
          </span>
          <Space wrap>
            {notice ? (
              <PrintNoticeButton noticeId={notice.id} type="primary">
                {t.caseShared.printNotice}
              </PrintNoticeButton>
            ) : null}
            <Link to={`/cases/${d.id}`}>{L.done.open}</Link>
            {done.fromBooking ? (
              <Link to="/appointments">{t.appointments.backToBookings}</Link>
            ) : null}
          </Space>
        </div>
      }
    />
  );
}
