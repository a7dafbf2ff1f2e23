import { Form, Typography } from 'antd';
import { FormModal } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { t } from '../../locale/zh-CN.ts';
import { bookingKeys, bookingsApi, type BookingRow } from './api.ts';
import { whenOf } from './format.ts';
import { SLOT_ERRORS, SlotItem, type SlotChoice } from './SlotPicker.tsx';

const L = t.appointments;

interface Values {
  slot?: SlotChoice | null;
}

/** 改期: another day and slot for the same item; the booking keeps its code. */
export function MoveBookingModal({
  open,
  booking,
  onClose,
}: {
  open: boolean;
  booking: BookingRow | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const save = useFeedbackMutation({
    mutationFn: (v: Values) => bookingsApi.move(booking!, v.slot!),
    success: (row) => L.movedTo(whenOf(row)),
    invalidate: [bookingKeys.all],
    errors: {
      target: {
        form,
        fields: ['slot'],
        ...SLOT_ERRORS,
      },
      refetch: [bookingKeys.all],
    },
    onSuccess: onClose,
  });
  return (
    <FormModal<Values>
      open={open}
      title={L.moveTitle}
      formName="moveBookingForm"
      form={form}
      width={760}
      okText={L.moveOk}
      mutation={save}
      onClose={onClose}
    >
      {booking ? (
        <>
          <Typography.Paragraph>
            {L.moveIntro(booking.applicantName, booking.itemName)}
            <br />
            {L.currentSlot}：{whenOf(booking)}
          </Typography.Paragraph>
          <SlotItem
            itemId={booking.itemId}
            current={{ date: booking.date, start: booking.start }}
          />
        </>
      ) : null}
    </FormModal>
  );
}
