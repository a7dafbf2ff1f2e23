import { useState } from 'react';
import { Alert, Empty, Form, Radio, Skeleton, Tag, Typography } from 'antd';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { t } from '../../locale/zh-CN.ts';
import { useBookingSlotsQuery, type BookingSlots } from './api.ts';
import { dayLabel, openingDay, placesOfDay } from './format.ts';

const L = t.appointments;

/** A chosen slot: its day and start ('HH:MM'). */
export interface SlotChoice {
  date: string;
  start: string;
}

/** The form's `slot` field: a day and a slot of the item must be chosen. */
export function SlotItem({ itemId, current }: { itemId: number | null; current?: SlotChoice }) {
  return (
    <Form.Item
      label={L.slotField}
      name="slot"
      rules={[
        {
          validator: (_, v: SlotChoice | null | undefined) =>
            v ? Promise.resolve() : Promise.reject(new Error(L.slotRequired)),
        },
      ]}
    >
      <SlotPicker itemId={itemId} current={current} />
    </Form.Item>
  );
}

/** What the server names when it refuses a slot: the form shows it on the `slot` field. */
export const SLOT_ERRORS = {
  alias: { date: 'slot', start: 'slot' },
  codes: { SLOT_FULL: 'slot', SLOT_NOT_OFFERED: 'slot' },
} as const;

/**
 * The bookable days of an item and, for the day chosen, its slots with the places left. A full day
 * or slot is shown but cannot be chosen; so is the booking's own slot when moving it (`current`).
 * Inside a Form.Item: `value` and `onChange` are the item's.
 */
export function SlotPicker({
  itemId,
  value,
  onChange,
  current,
  id,
}: {
  itemId: number | null;
  value?: SlotChoice | null;
  onChange?: (v: SlotChoice | null) => void;
  current?: SlotChoice;
  id?: string;
}) {
  const slots = useBookingSlotsQuery(itemId);
  if (itemId === null)
    return <Typography.Text type="secondary">{L.chooseItemFirst}</Typography.Text>;
  if (slots.isError)
    return <QueryErrorAlert error={slots.error} onRetry={() => void slots.refetch()} />;
  if (!slots.data) return <Skeleton active title={false} paragraph={{ rows: 3 }} />;
  // Keyed by item: another item starts again on its own first open day.
  return (
    <Days
      key={itemId}
      id={id}
      slots={slots.data}
      value={value ?? null}
      onChange={(v) => onChange?.(v)}
      current={current}
    />
  );
}

function Days({
  slots,
  value,
  onChange,
  current,
  id,
}: {
  slots: BookingSlots;
  value: SlotChoice | null;
  onChange: (v: SlotChoice | null) => void;
  current: SlotChoice | undefined;
  id: string | undefined;
}) {
  const [date, setDate] = useState(() => openingDay(slots, value?.date ?? current?.date));
  const day = slots.days.find((d) => d.date === date);
  return (
    <div className="slot-picker" id={id}>
      {slots.calendarMissingFrom ? (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={L.calendarMissing(slots.calendarMissingFrom)}
        />
      ) : null}
      {slots.days.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L.noDays} />
      ) : (
        <>
          <Radio.Group
            aria-label={L.days}
            className="slot-picker-days"
            optionType="button"
            value={date}
            onChange={(e) => {
              setDate(e.target.value as string);
              onChange(null);
            }}
            options={slots.days.map((d) => {
              const left = placesOfDay(d);
              return {
                value: d.date,
                disabled: left === 0,
                label: (
                  <span className="slot-picker-day">
                    <strong>{dayLabel(d.date)}</strong>
                    {d.kind === 'makeUpWorkday' ? <Tag className="slot-tag">{L.makeUp}</Tag> : null}
                    <span className={left === 0 ? 'slot-full' : 'slot-left'}>
                      {left === 0 ? L.full : L.left(left)}
                    </span>
                  </span>
                ),
              };
            })}
          />
          {day ? (
            <Slots
              day={day}
              value={value?.date === day.date ? value.start : null}
              current={current?.date === day.date ? current.start : null}
              onChoose={(start) => onChange({ date: day.date, start })}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

function Slots({
  day,
  value,
  current,
  onChoose,
}: {
  day: BookingSlots['days'][number];
  value: string | null;
  current: string | null;
  onChoose: (start: string) => void;
}) {
  if (placesOfDay(day) === 0) return <Alert type="info" showIcon title={L.dayFull} />;
  const halves = [
    { name: L.morning, slots: day.slots.filter((s) => s.start < '12:00') },
    { name: L.afternoon, slots: day.slots.filter((s) => s.start >= '12:00') },
  ].filter((h) => h.slots.length > 0);
  return (
    <div className="slot-picker-slots">
      {halves.map((h) => (
        <div key={h.name} className="slot-picker-half">
          <span className="slot-picker-half-name">{h.name}</span>
          <Radio.Group
            aria-label={`${dayLabel(day.date)} ${h.name}${L.slots}`}
            optionType="button"
            value={value}
            onChange={(e) => onChoose(e.target.value as string)}
            options={h.slots.map((s) => {
              const mine = s.start === current;
              return {
                value: s.start,
                disabled: s.left <= 0 || mine,
                label: (
                  <span className="slot-picker-slot">
                    <strong>{L.slot(s.start, s.end)}</strong>
                    <span className={s.left > 0 && !mine ? 'slot-left' : 'slot-full'}>
                      {mine ? L.currentSlot : s.left > 0 ? L.left(s.left) : L.full}
                    </span>
                  </span>
                ),
              };
            })}
          />
        </div>
      ))}
    </div>
  );
}
