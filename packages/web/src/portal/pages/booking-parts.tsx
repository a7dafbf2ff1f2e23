import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { BookingSlots, PublicBooking } from '@bianmin/contracts';
import { portalApi } from '../api.ts';
import { displayBookingCode, halfDays, placesLeft } from '../booking.ts';
import { P } from '../strings.ts';
import { BigCode, Rows } from './form-parts.tsx';

const B = P.book;

type BookingDay = BookingSlots['days'][number];

export const bookingKeys = {
  slots: (center: string, item: string) => ['portal', 'booking-slots', center, item] as const,
};

/** The days and slots one may book for an item; places change, so they are read again soon. */
export function useSlots(center: string, item: string | null) {
  return useQuery({
    queryKey: bookingKeys.slots(center, item ?? ''),
    queryFn: () => portalApi.bookingSlots(center, item!),
    enabled: item !== null,
    staleTime: 10_000,
  });
}

/**
 * A step's heading, focused when the step changes (not on the first view): a screen reader says
 * where the person now is, and a phone shows the top of the new step.
 */
export function StepHeading({
  step,
  name,
  focusOnMount = false,
  level = 2,
}: {
  step: number;
  name: string;
  focusOnMount?: boolean;
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const ref = useRef<HTMLHeadingElement>(null);
  const first = useRef(!focusOnMount);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [step]);
  return (
    <Heading className="step" ref={ref} tabIndex={-1}>
      {B.step(step, name)}
    </Heading>
  );
}

/** The bookable days as big buttons: weekday, 调休上班, and 约满 (disabled) when nothing is left. */
export function DayPicker({
  slots,
  onChoose,
  label,
}: {
  slots: BookingSlots;
  onChoose: (date: string) => void;
  label: string;
}) {
  return (
    <>
      {slots.days.length === 0 ? <p className="notice">{B.noDays}</p> : null}
      <ul className="choices days" aria-label={label}>
        {slots.days.map((d) => (
          <li key={d.date}>
            <DayButton day={d} onChoose={onChoose} />
          </li>
        ))}
      </ul>
      {slots.calendarMissingFrom ? (
        <p className="hint">{B.calendarMissing(slots.calendarMissingFrom)}</p>
      ) : null}
    </>
  );
}

function DayButton({ day, onChoose }: { day: BookingDay; onChoose: (date: string) => void }) {
  const left = placesLeft(day);
  const [date, weekday] = B.day(day.date).split(' ');
  return (
    <button
      type="button"
      className="choice"
      disabled={left === 0}
      onClick={() => onChoose(day.date)}
    >
      <span className="choice-main">
        <strong className="nowrap">{date}</strong> <span className="nowrap">{weekday}</span>
      </span>{' '}
      {day.kind === 'makeUpWorkday' ? <span className="tag">{B.makeUp}</span> : null}{' '}
      <span className={left === 0 ? 'choice-full' : 'choice-open'}>
        {left === 0 ? B.full : B.open}
      </span>
    </button>
  );
}

/**
 * A day's slots, 上午 and 下午: "09:00–09:30 余2"; a full slot, and the person's own current one
 * when moving a booking, are shown but cannot be chosen.
 */
export function SlotPicker({
  day,
  onChoose,
  current,
}: {
  day: BookingDay;
  onChoose: (start: string) => void;
  current?: string | undefined;
}) {
  return (
    <>
      {placesLeft(day) === 0 ? <p className="notice notice-bad">{B.dayFull}</p> : null}
      {halfDays(day.slots).map((half) => (
        <div key={half.name}>
          <h3>{half.name}</h3>
          <ul className="choices slots">
            {half.slots.map((s) => {
              const mine = s.start === current;
              return (
                <li key={s.start}>
                  <button
                    type="button"
                    className="choice"
                    disabled={s.left <= 0 || mine}
                    onClick={() => onChoose(s.start)}
                  >
                    <strong className="nowrap">{B.slot(s.start, s.end)}</strong>{' '}
                    <span className={s.left > 0 && !mine ? 'choice-open' : 'choice-full'}>
                      {mine ? B.current : s.left > 0 ? B.left(s.left) : B.full}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </>
  );
}

/** The booking code, large and on one line. */
export function BookingCode({ code }: { code: string }) {
  return <BigCode label={B.code} code={displayBookingCode(code)} />;
}

/** Where and when: the item, the day and time, the windows, the address (and the status). */
export function BookingFacts({
  booking: b,
  withStatus = false,
}: {
  booking: PublicBooking;
  withStatus?: boolean;
}) {
  const windows = b.windows.length > 0 ? `（${b.windows.join('、')}）` : '';
  return (
    <Rows
      rows={[
        ...(withStatus
          ? ([[B.status, B.statusWords[b.status], `status-${b.status}`]] as [
              string,
              string,
              string,
            ][])
          : []),
        [B.item, b.itemName],
        [B.date, B.day(b.date), 'nowrap'],
        [B.time, B.slot(b.start, b.end), 'nowrap'],
        [B.window, `${b.windowUnitName}${windows}`],
        [B.address, b.centerAddress ? `${b.centerName}，${b.centerAddress}` : b.centerName],
        [
          B.phone,
          b.centerPhone ? (
            <a className="nowrap" href={`tel:${b.centerPhone}`}>
              {b.centerPhone}
            </a>
          ) : null,
        ],
        ...(withStatus
          ? ([[B.who, `${b.nameMasked} ${b.phoneMasked}`]] as [string, string][])
          : []),
      ]}
    />
  );
}

/** The papers to bring, numbered (一次性告知). */
export function Materials({ list, headingLevel = 2 }: { list: string[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <Heading>{B.bring}</Heading>
      {list.length > 0 ? (
        <>
          <ol className="materials">
            {list.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ol>
          <p className="hint">{B.bringHint}</p>
        </>
      ) : (
        <p>{B.noMaterials}</p>
      )}
    </>
  );
}
