import { useQuery } from '@tanstack/react-query';
import type { PortalAnnouncement, PortalCenter } from '@bianmin/contracts';
import { portalApi } from '../api.ts';
import { announcementRows } from '../announcements.ts';
import { centerKeys, WithCenter } from '../center.tsx';
import { Failed, Loading } from '../Layout.tsx';
import { P } from '../strings.ts';
import { Rows } from './form-parts.tsx';

const A = P.announcements;

/**
 * 办结公告: the center's public board on the phone. The cases completed of items that must be
 * published, newest first, each for its publication period: anyone may read and question them.
 */
export default function AnnouncementsPage() {
  return <WithCenter>{(center) => <Board center={center} />}</WithCenter>;
}

function Board({ center }: { center: PortalCenter }) {
  const board = useQuery({
    queryKey: centerKeys.announcements(center.code),
    queryFn: () => portalApi.announcements(center.code),
  });
  return (
    <>
      <title>{P.pageTitle(A.title, center.name)}</title>
      <h1>{A.title}</h1>
      <p>{A.intro}</p>
      {board.isError ? <Failed onRetry={() => void board.refetch()} /> : null}
      {board.isPending ? <Loading /> : null}
      {board.data && board.data.items.length === 0 ? <p className="notice">{A.none}</p> : null}
      {board.data && board.data.items.length > 0 ? (
        <ul className="board">
          {board.data.items.map((a) => (
            <Announcement key={a.receiptNo} announcement={a} />
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Announcement({ announcement: a }: { announcement: PortalAnnouncement }) {
  return (
    <li className="board-card">
      <h2>{a.itemName}</h2>
      <Rows rows={announcementRows(a)} />
    </li>
  );
}
