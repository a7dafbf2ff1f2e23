import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { portalApi, PortalError } from '../api.ts';
import { Loading } from '../Layout.tsx';
import { dateText } from '../receipt.ts';
import { P } from '../strings.ts';
import { Rows } from './form-parts.tsx';
import { RatingPanel } from './rating-parts.tsx';

const R = P.rate;
const Q = P.query;

/**
 * The page of the SMS link (短信评价链接): the token opens the rating of one case, and nothing else —
 * no receipt number or query code to type.
 */
export default function RatePage() {
  const { token = '' } = useParams();
  const client = useQueryClient();
  const queryKey = ['rating-link', token];
  const state = useQuery({
    queryKey,
    queryFn: () => portalApi.ratingByLink(token),
    staleTime: 0,
  });
  const invalid =
    state.error instanceof PortalError &&
    (state.error.status === 404 || state.error.status === 400);
  return (
    <>
      <title>{P.pageTitle(R.title)}</title>
      <h1>{R.title}</h1>
      {state.isPending ? <Loading /> : null}
      {state.isError ? (
        <div className="notice notice-bad" role="alert">
          <p>{invalid ? R.linkInvalid : R.failed}</p>
          <p>
            <Link className="big-link" to="/query">
              {R.toQuery}
            </Link>
          </p>
        </div>
      ) : null}
      {state.data ? (
        <section className="card" aria-labelledby="rate-case">
          <h2 id="rate-case">{state.data.itemName}</h2>
          <p className="hint">{state.data.centerName}</p>
          <Rows
            rows={[
              [Q.receiptNo, state.data.receiptNo, 'nowrap'],
              [Q.closedAt, dateText(state.data.closedAt)],
            ]}
          />
          <RatingPanel
            state={state.data}
            send={(body) => portalApi.rateByLink(token, body)}
            onRated={(next) => client.setQueryData(queryKey, next)}
          />
        </section>
      ) : null}
    </>
  );
}
