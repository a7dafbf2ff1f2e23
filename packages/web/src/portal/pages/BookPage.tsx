import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type Dispatch,
  type FormEvent,
  type ReactNode,
  type SetStateAction,
} from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type {
  BookingSlots,
  PortalCenter,
  PortalGuideItem,
  PublicBooking,
} from '@bianmin/contracts';
import { portalApi, PortalError } from '../api.ts';
import {
  checkContact,
  checkMobile,
  CONTACT_FIELDS,
  refusalOf,
  searchWith,
  SMS_CODE_REFUSALS,
  type ContactField,
  type Refusal,
} from '../booking.ts';
import { WithCenter } from '../center.tsx';
import { Failed, Loading } from '../Layout.tsx';
import { searchItems } from '../../lib/itemSearch.ts';
import { P } from '../strings.ts';
import {
  BookingCode,
  BookingFacts,
  bookingKeys,
  DayPicker,
  Materials,
  SlotPicker,
  StepHeading,
  useSlots,
} from './booking-parts.tsx';
import {
  ContactFields,
  focusSoon,
  NO_CONTACT,
  useContactRefs,
  type Contact,
  NothingSent,
  useFocusedHeading,
} from './form-parts.tsx';
import { useGuide } from './GuidePage.tsx';

const B = P.book;

/** What the done screen is given (in the page's history entry, never in its address). */
export interface BookedState {
  booking: PublicBooking;
  phone: string;
}

/**
 * 网上预约 in four steps — the item, the day, the slot, then name, mobile and the SMS code. Each
 * choice is in the address (`?item=…&date=…&start=…`), so the phone's Back button goes back one
 * step and a link from the guide (`?item=MZ-001`) starts at the second.
 */
export default function BookPage() {
  return <WithCenter>{(center) => <Book center={center} />}</WithCenter>;
}

function Book({ center }: { center: PortalCenter }) {
  const [params, setParams] = useSearchParams();
  const itemCode = params.get('item');
  const date = params.get('date');
  const start = params.get('start');
  const guide = useGuide(center.code);
  const bookable = useMemo(
    () => guide.data?.items.filter((i) => i.appointment) ?? [],
    [guide.data],
  );
  const item = bookable.find((i) => i.code === itemCode) ?? null;
  const slots = useSlots(center.code, item ? item.code : null);
  // Why the person was sent back to choose another slot (it filled up meanwhile).
  const [slotNotice, setSlotNotice] = useState<string | null>(null);
  // What the person typed, kept while they go back to change the day or the slot.
  const [entries, setEntries] = useState<Contact>(NO_CONTACT);

  const go = (changes: Record<string, string | null>, replace = false) =>
    setParams(new URLSearchParams(searchWith(params, changes)), { replace });
  // Each step starts at the top of the page, with what was chosen so far.
  useEffect(() => {
    // (Braces: newer browsers answer scrollTo with a promise, which React would take for a cleanup.)
    window.scrollTo(0, 0);
  }, [itemCode, date, start]);

  if (guide.isError) return <Failed onRetry={() => void guide.refetch()} />;
  if (!guide.data) return <Loading />;

  const refused =
    slots.error instanceof PortalError && slots.error.status >= 400 && slots.error.status < 500
      ? slots.error.message || B.notBookable
      : null;
  const day = slots.data?.days.find((d) => d.date === date) ?? null;
  const slot = day?.slots.find((s) => s.start === start) ?? null;
  const step = !item || refused ? 1 : !day ? 2 : !slot ? 3 : 4;
  const stepName = B.steps[step - 1]!;

  let body: ReactNode;
  if (step === 1) {
    body = (
      <ItemChooser
        items={bookable}
        notice={refused ?? (itemCode && !item ? B.notBookable : null)}
      />
    );
  } else if (slots.isError) {
    body = <Failed onRetry={() => void slots.refetch()} />;
  } else if (!slots.data) {
    body = <Loading />;
  } else if (step === 2) {
    body = (
      <DayPicker
        slots={slots.data}
        label={stepName}
        onChoose={(d) => {
          setSlotNotice(null);
          go({ date: d, start: null });
        }}
      />
    );
  } else if (step === 3) {
    body = (
      <>
        {slotNotice ? (
          <p className="notice notice-bad" role="alert">
            {slotNotice}
          </p>
        ) : null}
        <SlotPicker day={day!} onChoose={(s) => go({ start: s })} />
      </>
    );
  } else {
    body = (
      <BookingForm
        center={center}
        entries={entries}
        setEntries={setEntries}
        slots={slots.data}
        date={day!.date}
        start={slot!.start}
        onSlotGone={(message) => {
          setSlotNotice(message);
          go({ start: null }, true);
        }}
      />
    );
  }

  return (
    <>
      <title>{P.pageTitle(`${B.title}（${stepName}）`, center.name)}</title>
      <h1>{B.title}</h1>
      {step === 1 ? <p>{B.intro}</p> : null}
      {step > 1 && item ? (
        <Chosen
          params={params}
          item={item}
          date={step > 2 ? day!.date : null}
          slot={step > 3 ? B.slot(slot!.start, slot!.end) : null}
        />
      ) : null}
      <StepHeading step={step} name={stepName} />
      {body}
    </>
  );
}

/** What is chosen so far, each with a way to change it (which drops the later choices). */
function Chosen({
  params,
  item,
  date,
  slot,
}: {
  params: URLSearchParams;
  item: PortalGuideItem;
  date: string | null;
  slot: string | null;
}) {
  const change = (what: string, changes: Record<string, string | null>) => (
    <Link
      className="change"
      to={{ search: searchWith(params, changes) }}
      aria-label={B.changeLabel(what)}
    >
      {B.change}
    </Link>
  );
  return (
    <section className="chosen" aria-label={B.chosen}>
      <dl className="rows">
        <div className="row">
          <dt>{B.item}</dt>
          <dd>
            {item.name} {change(B.item, { item: null, date: null, start: null })}
          </dd>
        </div>
        {date ? (
          <div className="row">
            <dt>{B.date}</dt>
            <dd>
              <span className="nowrap">{B.day(date)}</span>{' '}
              {change(B.date, { date: null, start: null })}
            </dd>
          </div>
        ) : null}
        {slot ? (
          <div className="row">
            <dt>{B.time}</dt>
            <dd>
              <span className="nowrap">{slot}</span> {change(B.time, { start: null })}
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

/** Step 1: the items that take bookings, searchable when there are many. */
function ItemChooser({ items, notice }: { items: PortalGuideItem[]; notice: string | null }) {
  const [params, setParams] = useSearchParams();
  const typed = params.get('q') ?? '';
  const id = useId();
  const found = searchItems(items, typed);
  return (
    <>
      {notice ? (
        <p className="notice notice-bad" role="alert">
          {notice}
        </p>
      ) : null}
      {items.length === 0 ? <p className="notice">{B.noItems}</p> : null}
      {items.length > 6 ? (
        <div className="field">
          <label htmlFor={`${id}-q`}>{B.searchItems}</label>
          <input
            id={`${id}-q`}
            type="search"
            enterKeyHint="search"
            autoComplete="off"
            aria-describedby={`${id}-hint`}
            value={typed}
            onChange={(e) =>
              setParams(new URLSearchParams(searchWith(params, { q: e.target.value || null })), {
                replace: true,
              })
            }
          />
          <span className="hint" id={`${id}-hint`}>
            {B.searchHint}
          </span>
          {found.length === 0 ? (
            <p className="count" role="status">
              {B.noneFound}
            </p>
          ) : null}
        </div>
      ) : null}
      <ul className="tiles">
        {found.map((i) => (
          <li key={i.code}>
            <Link
              className="tile"
              to={{
                search: searchWith(params, { item: i.code, q: null, date: null, start: null }),
              }}
            >
              <strong>{i.name}</strong>
              <span>{i.windowUnitName}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Refusals that mean: choose another slot. */
const SLOT_GONE = new Set(['SLOT_FULL', 'SLOT_NOT_OFFERED']);

/** Step 4: who comes, the mobile, the SMS code, and the booking. */
function BookingForm({
  center,
  entries,
  setEntries,
  slots,
  date,
  start,
  onSlotGone,
}: {
  center: PortalCenter;
  entries: Contact;
  setEntries: Dispatch<SetStateAction<Contact>>;
  slots: BookingSlots;
  date: string;
  start: string;
  onSlotGone: (message: string) => void;
}) {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const enter = (change: Partial<Contact>) => setEntries((was) => ({ ...was, ...change }));
  const [errors, setErrors] = useState<Partial<Record<ContactField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const refs = useContactRefs();
  const generalRef = useRef<HTMLParagraphElement>(null);

  const showRefusal = (r: Refusal<ContactField>) => {
    setErrors(r.fields);
    setGeneral(r.general);
    const first = CONTACT_FIELDS.find((f) => r.fields[f]);
    if (first) focusSoon(refs[first]);
    else focusSoon(generalRef);
  };

  const book = useMutation({
    mutationFn: portalApi.book,
    onSuccess: (booking) => {
      void queryClient.invalidateQueries({
        queryKey: bookingKeys.slots(center.code, slots.itemCode),
      });
      const c = new URLSearchParams(location.search).get('c');
      void navigate(
        { pathname: '/book/done', search: c ? searchWith('', { c }) : '' },
        {
          replace: true,
          state: { booking, phone: checkedPhone(entries.phone) } satisfies BookedState,
        },
      );
      setEntries(NO_CONTACT);
    },
    onError: (e) => {
      const r = refusalOf(e, CONTACT_FIELDS, SMS_CODE_REFUSALS);
      if (SLOT_GONE.has(r.code)) {
        void queryClient.invalidateQueries({
          queryKey: bookingKeys.slots(center.code, slots.itemCode),
        });
        onSlotGone(r.general ?? B.failed);
        return;
      }
      showRefusal(r);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkContact(entries);
    if ('errors' in checked)
      return showRefusal({ code: 'VALIDATION_FAILED', fields: checked.errors, general: null });
    setErrors({});
    setGeneral(null);
    book.mutate({
      centerCode: center.code,
      itemCode: slots.itemCode,
      date,
      start,
      ...checked.value,
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ContactFields
        centerCode={center.code}
        purpose="booking"
        contact={entries}
        onChange={enter}
        errors={errors}
        onPhoneError={(phone) => setErrors((was) => ({ ...was, phone }))}
        refs={refs}
        nameHint={B.nameHint}
        mobileHint={B.mobileHint}
      />
      {general ? (
        <div className="notice notice-bad" role="alert">
          <p ref={generalRef} tabIndex={-1}>
            {general}
          </p>
          {center.phone ? (
            <p>
              {B.callUs}
              <a className="nowrap" href={`tel:${center.phone}`}>
                {center.phone}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      <button type="submit" className="button" disabled={book.isPending}>
        {book.isPending ? B.submitting : B.submit}
      </button>
    </form>
  );
}

const checkedPhone = (typed: string) => {
  const p = checkMobile(typed);
  return 'value' in p ? p.value : typed;
};

/** The done screen: the code, where and when, what to bring, and how to change it. */
export function BookedPage() {
  const location = useLocation();
  const state = location.state as Partial<BookedState> | null;
  const headingRef = useFocusedHeading();
  const b = state?.booking;
  if (!b)
    return (
      <NothingSent title={B.title} text={B.noDone} to="/book/manage" linkText={B.manageTitle} />
    );
  const manage = (act: string) => ({
    pathname: '/book/manage',
    search: searchWith('', { code: b.code, act }),
  });
  const keep = { phone: state.phone ?? '' };
  return (
    <article className="booked">
      <title>{P.pageTitle(B.doneTitle, b.centerName)}</title>
      <h1 ref={headingRef} tabIndex={-1}>
        {B.doneTitle}
      </h1>
      <div className="card">
        <BookingCode code={b.code} />
        <p className="hint">{B.codeKeep}</p>
        <BookingFacts booking={b} />
        <p className="notice">
          <strong>{B.arrive}</strong>
        </p>
        <p>{B.smsSent(b.phoneMasked)}</p>
      </div>
      <Materials list={b.materials} />
      <div className="actions">
        <Link className="button button-secondary" to={manage('move')} state={keep}>
          {B.move}
        </Link>
        <Link className="button button-secondary button-danger" to={manage('cancel')} state={keep}>
          {B.cancel}
        </Link>
      </div>
      <p>
        <Link to="/book">{B.another}</Link>
      </p>
    </article>
  );
}
