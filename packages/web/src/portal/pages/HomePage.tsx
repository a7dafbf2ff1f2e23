import type { PortalCenter } from '@bianmin/contracts';
import { Link } from 'react-router';
import { serverNow } from '../api.ts';
import { WithCenter } from '../center.tsx';
import { hoursText, openAt } from '../hours.ts';
import { P } from '../strings.ts';

const H = P.home;

/** The portal's front page: the center, whether it is open, and what a person can do here. */
export default function HomePage() {
  return <WithCenter>{(center) => <Home center={center} />}</WithCenter>;
}

function Home({ center }: { center: PortalCenter }) {
  const { today } = center;
  const openNow = openAt(today, serverNow());
  return (
    <>
      <title>{P.pageTitle('', center.name)}</title>
      <h1 className="center-name">{center.name}</h1>
      <section className="today" aria-label={P.hours.today}>
        <p className="today-line">
          <span>
            {P.hours.today} {P.hours.day(today.date)}
          </span>
          <strong>{hoursText(today)}</strong>
        </p>
        {today.open ? (
          <p className={openNow ? 'today-now today-now-open' : 'today-now'}>
            {openNow ? P.hours.openNow : P.hours.closedNow}
          </p>
        ) : null}
        {today.calendarMissing ? <p className="hint">{P.hours.guessed}</p> : null}
      </section>

      <h2>{H.entries}</h2>
      <ul className="tiles">
        <li>
          <Link className="tile" to="/guide">
            <strong>{H.guide}</strong>
            <span>{H.guideHint}</span>
          </Link>
        </li>
        <li>
          <Link className="tile" to="/book">
            <strong>{H.book}</strong>
            <span>{H.bookHint}</span>
          </Link>
        </li>
        <li>
          <Link className="tile" to="/query">
            <strong>{H.query}</strong>
            <span>{H.queryHint}</span>
          </Link>
        </li>
        <li>
          <Link className="tile" to="/book/manage">
            <strong>{H.myBooking}</strong>
            <span>{H.myBookingHint}</span>
          </Link>
        </li>
        <li>
          <Link className="tile" to="/visit">
            <strong>{H.visit}</strong>
            <span>{H.visitHint}</span>
          </Link>
        </li>
        <li>
          <Link className="tile" to="/visit/track">
            <strong>{H.visitTrack}</strong>
            <span>{H.visitTrackHint}</span>
          </Link>
        </li>
        <li>
          <Link className="tile" to="/report">
            <strong>{H.complain}</strong>
            <span>{H.complainHint}</span>
          </Link>
        </li>
        {center.phone ? (
          <li>
            <a className="tile" href={`tel:${center.phone}`}>
              <strong>{H.call}</strong>
              <span className="nowrap">{center.phone}</span>
            </a>
          </li>
        ) : null}
      </ul>

      <h2>{P.hours.week}</h2>
      <ul className="week">
        {center.week.map((d) => (
          <li key={d.date} className={d.open ? undefined : 'week-closed'}>
            <span>{P.hours.day(d.date)}</span>
            <span>{hoursText(d)}</span>
          </li>
        ))}
      </ul>
      {center.week.some((d) => d.calendarMissing) && !today.calendarMissing ? (
        <p className="hint">{P.hours.guessed}</p>
      ) : null}

      <dl className="contact">
        {center.address ? (
          <div>
            <dt>{H.address}</dt>
            <dd>{center.address}</dd>
          </div>
        ) : null}
        {center.phone ? (
          <div>
            <dt>{H.phone}</dt>
            <dd>
              <a href={`tel:${center.phone}`} className="nowrap">
                {center.phone}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>

      <h2>{P.announcements.homeTitle}</h2>
      <ul className="info">
        <li>
          <Link to="/announcements">{P.announcements.title}</Link>
          <span className="hint">{P.announcements.homeHint}</span>
        </li>
      </ul>
    </>
  );
}
