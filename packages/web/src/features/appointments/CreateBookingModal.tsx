import { useState } from 'react';
import {
  Alert,
  Button,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import { CHANNEL_LABELS } from '@bianmin/contracts';
import { formatBookingCode } from '@bianmin/domain';
import { useServiceItemsQuery } from '../../api/catalog.ts';
import { itemSearch } from '../../lib/itemPicker.ts';
import { useCenterScope } from '../../center/scope.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { optionsOf } from '../../lib/options.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';
import { bookingKeys, bookingsApi, type BookingRow, type StaffChannel } from './api.ts';
import { whenOf } from './format.ts';
import { SLOT_ERRORS, SlotItem, type SlotChoice } from './SlotPicker.tsx';

const L = t.appointments;
const CHANNELS: readonly StaffChannel[] = ['phone', 'letter', 'email'];

interface Values {
  channel: StaffChannel;
  itemId?: number;
  slot?: SlotChoice | null;
  name: string;
  phone: string;
  note?: string;
}

const FIELDS = ['channel', 'itemId', 'slot', 'name', 'phone', 'note'] as const;

/**
 * 登记预约: a booking that came by phone, letter or e-mail. Once made, its code is shown large
 * enough to read out on the phone.
 */
export function CreateBookingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const scope = useCenterScope();
  const [form] = Form.useForm<Values>();
  const [made, setMade] = useState<BookingRow | null>(null);
  const items = useServiceItemsQuery({ enabled: open });
  const bookable = (items.data ?? []).filter((i) => i.active && i.appointment);
  const itemId = Form.useWatch('itemId', form) ?? null;
  const item = bookable.find((i) => i.id === itemId);

  const save = useFeedbackMutation({
    mutationFn: (v: Values) =>
      bookingsApi.create(scope.query, {
        channel: v.channel,
        itemId: v.itemId!,
        date: v.slot!.date,
        start: v.slot!.start,
        name: v.name.trim(),
        phone: v.phone.trim(),
        note: (v.note ?? '').trim(),
      }),
    success: L.doneTitle,
    invalidate: [bookingKeys.all],
    errors: {
      target: {
        form,
        fields: FIELDS,
        alias: SLOT_ERRORS.alias,
        codes: { ...SLOT_ERRORS.codes, ITEM_NOT_BOOKABLE: 'itemId' },
      },
      // A slot taken meanwhile: the places shown are read again.
      refetch: [bookingKeys.all],
    },
    onSuccess: (row) => {
      setMade(row);
      onClose();
    },
  });

  return (
    <>
      <FormModal<Values>
        open={open}
        title={L.createTitle}
        formName="createBookingForm"
        form={form}
        width={760}
        okText={L.createOk}
        initialValues={{ channel: 'phone' }}
        mutation={save}
        onClose={onClose}
      >
        <Typography.Paragraph type="secondary">{L.createIntro}</Typography.Paragraph>
        <Form.Item label={L.channel} name="channel" rules={[required(L.channel, true)]}>
          <Radio.Group optionType="button" options={optionsOf(CHANNELS, CHANNEL_LABELS)} />
        </Form.Item>
        <Form.Item
          label={L.item}
          name="itemId"
          rules={[required(L.item, true)]}
          extra={
            item
              ? L.itemUnit(item.windowUnitName)
              : items.isSuccess && bookable.length === 0
                ? L.noBookableItems
                : undefined
          }
        >
          <Select<number>
            showSearch={itemSearch(bookable)}
            loading={items.isPending}
            placeholder={L.itemPlaceholder}
            options={bookable.map((i) => ({ value: i.id, label: `${i.name}（${i.code}）` }))}
            onChange={() => form.setFieldValue('slot', null)}
          />
        </Form.Item>
        <SlotItem itemId={itemId} />
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item label={L.name} name="name" rules={[required(L.name), maxLength(L.name, 50)]}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              label={L.mobile}
              name="phone"
              extra={L.mobileHint}
              rules={[
                required(L.mobile),
                { pattern: /^\s*1[3-9]\d{9}\s*$/, message: L.mobileWrong },
              ]}
            >
              <Input maxLength={11} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <TextAreaItem
          label={`${L.note}（${L.optional}）`}
          name="note"
          max={500}
          rows={2}
          optional
          placeholder={L.notePlaceholder}
        />
      </FormModal>
      <BookingMadeModal booking={made} onClose={() => setMade(null)} />
    </>
  );
}

/** The new booking's code, large, to read out; and that the SMS is on its way. */
function BookingMadeModal({
  booking,
  onClose,
}: {
  booking: BookingRow | null;
  onClose: () => void;
}) {
  return (
    <Modal
      open={booking !== null}
      title={L.doneTitle}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {L.doneClose}
        </Button>
      }
      destroyOnHidden
    >
      {booking ? (
        <>
          <div className="booking-code">
            <span className="booking-code-label">{L.code}</span>
            <strong className="booking-code-value">{formatBookingCode(booking.code)}</strong>
          </div>
          <Typography.Paragraph>{L.codeReadOut}</Typography.Paragraph>
          <Descriptions column={1} size="small" bordered className="block-gap">
            <Descriptions.Item label={L.item}>{booking.itemName}</Descriptions.Item>
            <Descriptions.Item label={L.doneWhen}>{whenOf(booking)}</Descriptions.Item>
            <Descriptions.Item label={L.name}>{booking.applicantName}</Descriptions.Item>
          </Descriptions>
          <Alert type="success" showIcon title={L.smsQueued(booking.phoneMasked)} />
        </>
      ) : null}
    </Modal>
  );
}
