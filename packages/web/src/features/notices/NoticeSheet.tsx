import { noticeFoot, type NoticeContent } from '@bianmin/contracts';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import './noticeSheet.css';

/**
 * Words of the notice layout itself. The server's PDF (packages/server/src/modules/notices/pdf.ts)
 * prints the same words from the same content: change both together.
 */
export const NOTICE_LABELS = {
  receiptNo: '受理编号',
  queryCode: '查询码',
  itemName: '办理事项',
  seal: '（盖章）',
  handler: '经办人',
  correction: (supersedes: string) => `本通知书更正并取代${numbered(supersedes)}通知书。`,
  correctionReason: '更正理由：',
} as const;

/** Notice numbers are printed as 〔2026〕补字第0007号; anything else gets 第 … 号 around it. */
function numbered(number: string): string {
  return /第.*号$/.test(number) ? number : `第 ${number} 号`;
}

/**
 * An issued notice as an A4 sheet: white paper on screen; when printed, only the sheet (inside a
 * `.notice-print-root`, with toolbars marked `.no-print`) goes on the page.
 */
export function NoticeSheet({ content: c }: { content: NoticeContent }) {
  const L = NOTICE_LABELS;
  const foot = noticeFoot(c, window.location.origin);
  const rows: [string, string][] = [
    [L.receiptNo, c.receiptNo],
    [L.queryCode, c.queryCode],
    [c.applicantLabel, c.applicantName],
    ...(c.idMasked === null ? [] : [[c.idLabel, c.idMasked] as [string, string]]),
    [L.itemName, c.itemName],
    ...c.fields.map((f): [string, string] => [f.label, f.value]),
  ];
  return (
    <article className="notice-sheet">
      <header>
        <p className="notice-sheet__center">{c.centerName}</p>
        <h1 className="notice-sheet__title">{c.title}</h1>
        <p className="notice-sheet__number">{c.number}</p>
      </header>

      <dl className="notice-sheet__fields">
        {rows.map(([label, value], i) => (
          <div className="notice-sheet__row" key={`${i}-${label}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      {c.correction && (
        <p className="notice-sheet__correction">
          {L.correction(c.correction.supersedes)}
          {L.correctionReason}
          {c.correction.reason}
        </p>
      )}

      <div className="notice-sheet__body">
        {c.paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>

      {c.list && (
        <section className="notice-sheet__list">
          <h2>{c.list.heading}</h2>
          <ol>
            {c.list.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ol>
        </section>
      )}

      <div className="notice-sheet__band">
        <NoticeQr content={c} />
        <div className="notice-sheet__sign">
          <p>
            {c.centerName}
            {L.seal}
          </p>
          <p className="notice-sheet__handler">
            {c.windowName && <span>{c.windowName}</span>}
            <span>
              {L.handler}：{c.issuedByName}
            </span>
          </p>
          <p>{c.issuedOn}</p>
        </div>
      </div>

      <p className="notice-sheet__applicant">
        <span>{foot.signature.label}</span>
        <span className="notice-sheet__line" />
        <span>{foot.signature.date}</span>
      </p>

      <footer className="notice-sheet__hint">
        <p>{c.queryHint}</p>
      </footer>
    </article>
  );
}

/**
 * The QR code to the case's query on the portal, with how to reach the center: the same foot as the
 * PDF's (contracts/notice-foot.ts). The code is drawn here, as an SVG, from this site's address.
 */
function NoticeQr({ content }: { content: NoticeContent }) {
  const foot = noticeFoot(content, window.location.origin);
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toString(foot.queryUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }).then(
      (s) => live && setSvg(s),
    );
    return () => {
      live = false;
    };
  }, [foot.queryUrl]);
  return (
    <div className="notice-sheet__qr">
      {svg && (
        <img
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
          alt={foot.lines[0]}
          width={84}
          height={84}
        />
      )}
      <div>
        {foot.lines.map((l) => (
          <p key={l}>{l}</p>
        ))}
      </div>
    </div>
  );
}
