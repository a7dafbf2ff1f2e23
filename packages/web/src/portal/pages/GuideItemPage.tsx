import { Link, useParams } from 'react-router';
import type { PortalCenter } from '@bianmin/contracts';
import { WithCenter } from '../center.tsx';
import { Failed, Loading } from '../Layout.tsx';
import { P } from '../strings.ts';
import { useGuide } from './GuidePage.tsx';
import { termText } from './guide-text.ts';

const G = P.guide;

/** One item of the guide, everything on one printable page (一次性告知). */
export default function GuideItemPage() {
  return <WithCenter>{(center) => <GuideItem center={center} />}</WithCenter>;
}

function GuideItem({ center }: { center: PortalCenter }) {
  const { code } = useParams();
  const guide = useGuide(center.code);
  if (guide.isError) return <Failed onRetry={() => void guide.refetch()} />;
  if (!guide.data) return <Loading />;
  const item = guide.data.items.find((i) => i.code === code);
  if (!item)
    return (
      <>
        <h1>{G.title}</h1>
        <p>{G.itemMissing}</p>
        <p>
          <Link to="/guide">{G.toList}</Link>
        </p>
      </>
    );
  const phone = center.phone;
  return (
    <article>
      <title>{P.pageTitle(item.name, center.name)}</title>
      <p className="no-print">
        <Link to="/guide">{G.toList}</Link>
      </p>
      <h1>{item.name}</h1>
      {item.aliases.length > 0 ? <p className="hint">{G.aliases(item.aliases)}</p> : null}
      <dl className="facts">
        <div>
          <dt>{G.window}</dt>
          <dd>
            {item.windowUnitName}
            {item.windows.length > 0 ? `（${item.windows.join('、')}）` : ''}
          </dd>
        </div>
        <div>
          <dt>{G.term}</dt>
          <dd>{termText(item)}</dd>
        </div>
      </dl>

      <h2>{G.materials}</h2>
      {item.materials.length > 0 ? (
        <>
          <ol className="materials">
            {item.materials.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ol>
          <p className="hint">{G.materialsHint}</p>
        </>
      ) : (
        <p>{G.noMaterials}</p>
      )}

      <h2>{G.fees}</h2>
      {item.fees.length > 0 ? (
        <ul className="fees">
          {item.fees.map((f) => (
            <li key={f.name}>
              <strong>{G.fee(f.name, f.amount)}</strong>
              <span className="hint">{G.basis(f.basis)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>
          <strong>{G.free}</strong>
        </p>
      )}

      <h2>{G.services}</h2>
      {item.appointment ? (
        <>
          <p>{G.appointmentText}</p>
          <p className="no-print">
            <Link
              className="button"
              to={{ pathname: '/book', search: `?item=${encodeURIComponent(item.code)}` }}
            >
              {G.bookNow}
            </Link>
          </p>
        </>
      ) : null}
      {item.homeVisit ? (
        <>
          <p>{G.homeVisitText}</p>
          <p className="no-print">
            <Link
              className="button"
              to={{ pathname: '/visit', search: `?item=${encodeURIComponent(item.code)}` }}
            >
              {G.visitNow}
            </Link>
          </p>
        </>
      ) : null}
      {item.appointment || item.homeVisit ? (
        phone ? (
          <p>
            <a href={`tel:${phone}`}>{G.byPhone(phone, item.homeVisit)}</a>
          </p>
        ) : null
      ) : (
        <p>{G.noServices}</p>
      )}

      <p className="print-line">
        {center.name}
        {center.address ? ` · ${center.address}` : ''}
        {phone ? ` · ${phone}` : ''}
      </p>
      <button type="button" className="button button-secondary no-print" onClick={() => print()}>
        {G.print}
      </button>
    </article>
  );
}
