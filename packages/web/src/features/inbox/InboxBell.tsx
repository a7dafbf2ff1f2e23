import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Badge, Button, Popover, Spin } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { INBOX_KINDS } from '@bianmin/domain';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { routeOf, useInboxCountQuery, useInboxListQuery, type InboxItem } from './api.ts';
import { useMarkRead } from './useMarkRead.ts';
import './inbox.css';

const L = t.inbox;
const LATEST = { filter: 'all', page: 1, pageSize: 6 } as const;

/** The header's bell: the unread count, and the latest items on a click. */
export function InboxBell() {
  const [open, setOpen] = useState(false);
  const count = useInboxCountQuery();
  const latest = useInboxListQuery(LATEST, open);
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const unread = count.data?.unread ?? 0;

  const go = (item: InboxItem) => {
    setOpen(false);
    if (!item.readAt) markRead.mutate(item.id);
    void navigate(routeOf(item.link));
  };

  const content = (
    <div className="inbox-bell-panel">
      {latest.isPending ? (
        <div className="inbox-bell-empty">
          <Spin size="small" />
        </div>
      ) : (latest.data?.items.length ?? 0) === 0 ? (
        <div className="inbox-bell-empty">{L.bellEmpty}</div>
      ) : (
        <ul className="inbox-bell-list">
          {latest.data!.items.map((item) => (
            <li key={item.id} className={item.readAt ? 'inbox-read' : 'inbox-unread'}>
              <button type="button" className="inbox-bell-item" onClick={() => go(item)}>
                <span className="inbox-bell-kind">
                  {item.readAt ? null : (
                    <span className="inbox-dot">
                      <span className="sr-only">{L.unread}</span>
                    </span>
                  )}
                  {INBOX_KINDS[item.kind]}
                  <span className="inbox-muted"> · {formatDateTime(item.createdAt)}</span>
                </span>
                <span className="inbox-bell-title">{item.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inbox-bell-foot">
        <Link to="/inbox" onClick={() => setOpen(false)}>
          {L.bellAll}
        </Link>
      </div>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={L.bellTitle}
      content={content}
      open={open}
      onOpenChange={setOpen}
    >
      <Button
        type="text"
        className="header-action inbox-bell"
        aria-label={L.bellCount(unread)}
        aria-haspopup="dialog"
        aria-expanded={open}
      >
        <Badge count={unread} overflowCount={99} size="small" offset={[4, -2]}>
          <BellOutlined aria-hidden className="inbox-bell-icon" />
        </Badge>
      </Button>
    </Popover>
  );
}
