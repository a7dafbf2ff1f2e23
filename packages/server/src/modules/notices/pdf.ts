/**
 * An issued notice (通知书) as an A4 PDF, from its frozen content. The web app prints the same
 * layout from the same content (packages/web/src/features/notices/NoticeSheet.tsx); keep the
 * words of NOTICE_LABELS the same in both.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { noticeFoot, type NoticeContent } from '@bianmin/contracts';
import QRCode from 'qrcode';

/** Words of the layout itself (the same as NOTICE_LABELS in NoticeSheet.tsx). */
const NOTICE_LABELS = {
  receiptNo: '受理编号',
  queryCode: '查询码',
  itemName: '办理事项',
  seal: '（盖章）',
  handler: '经办人',
  correction: (supersedes: string) => `本通知书更正并取代${numbered(supersedes)}通知书。`,
  correctionReason: '更正理由：',
  page: (n: number, total: number) => `第 ${n} 页\u3000共 ${total} 页`,
} as const;

/** Notice numbers are printed as 〔2026〕补字第0007号; anything else gets 第 … 号 around it. */
function numbered(number: string): string {
  return /第.*号$/.test(number) ? number : `第 ${number} 号`;
}

const NOTO = '/usr/share/fonts/opentype/noto';
const REGULAR = { path: `${NOTO}/NotoSansCJK-Regular.ttc`, family: 'NotoSansCJKsc-Regular' };
const BOLD = { path: `${NOTO}/NotoSansCJK-Bold.ttc`, family: 'NotoSansCJKsc-Bold' };

type Face = { path: string; family?: string };

/** The regular and bold faces: BIANMIN_CJK_FONT overrides the regular one (and then serves both). */
function faces(): { regular: Face; bold: Face } {
  const override = process.env.BIANMIN_CJK_FONT;
  const path = override || REGULAR.path;
  if (!existsSync(path)) {
    throw new Error(
      `CJK font not found at ${path}: install the Debian package fonts-noto-cjk ` +
        '(apt-get install fonts-noto-cjk), or set BIANMIN_CJK_FONT to a font file.',
    );
  }
  // A font collection needs the face's name; a single .ttf/.otf takes none.
  const regular = { path, family: /\.(ttc|otc)$/i.test(path) ? REGULAR.family : undefined };
  return { regular, bold: !override && existsSync(BOLD.path) ? BOLD : regular };
}

/** Font files are large (~20 MB): read each once per process. */
const fontData = new Map<string, Promise<Buffer>>();
function load(path: string): Promise<Buffer> {
  let data = fontData.get(path);
  if (!data) {
    data = readFile(path);
    data.catch(() => fontData.delete(path));
    fontData.set(path, data);
  }
  return data;
}

/** 2026年3月2日 → midnight of that day in Beijing time, for the PDF's creation date. */
function issuedDate(issuedOn: string): Date | undefined {
  const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(issuedOn.trim());
  return m
    ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - 8 * 3600_000)
    : undefined;
}

const MARGIN = 56;
const SIZE = { center: 11, title: 20, field: 11.5, body: 12, hint: 9 };
const GAP = { field: 3, body: 6, item: 3, sign: 3 };

/**
 * `origin`: the portal's address as the applicant's phone reaches it; the QR code on the notice
 * opens the case's query there.
 */
export async function renderNoticePdf(content: NoticeContent, origin: string): Promise<Buffer> {
  const { regular, bold } = faces();
  const created = issuedDate(content.issuedOn);
  // Loaded at the first PDF rather than at start-up (docs/perf.md, "The embedded server …").
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${content.title} ${content.number}`,
      Author: content.centerName,
      ...(created ? { CreationDate: created } : {}),
    },
  });
  doc.registerFont('cjk', await load(regular.path), regular.family);
  doc.registerFont('cjk-bold', await load(bold.path), bold.family);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const foot = noticeFoot(content, origin);
  const qr = await QRCode.toBuffer(foot.queryUrl, {
    margin: 0,
    width: 240,
    errorCorrectionLevel: 'M',
  });
  layout(doc, content, { ...foot, qr });
  doc.end();
  return done;
}

type Foot = ReturnType<typeof noticeFoot> & { qr: Buffer };
const QR_SIZE = 62;

function layout(doc: PDFKit.PDFDocument, c: NoticeContent, foot: Foot): void {
  const L = NOTICE_LABELS;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  /** Start a new page unless `height` more points fit on this one. */
  const room = (height: number) => {
    if (doc.y + height > doc.page.maxY()) doc.addPage();
  };

  // Heading: center, title, number.
  doc.font('cjk').fontSize(SIZE.center).fillColor('#333').text(c.centerName, { align: 'center' });
  doc.moveDown(0.6);
  doc.font('cjk-bold').fontSize(SIZE.title).fillColor('#000');
  doc.text(c.title, { align: 'center', characterSpacing: 2 });
  doc.moveDown(0.2);
  doc.font('cjk').fontSize(SIZE.field).text(c.number, { align: 'right' });
  doc.moveDown(1);

  // Label/value block, in two columns.
  const rows: [string, string][] = [
    [L.receiptNo, c.receiptNo],
    [L.queryCode, c.queryCode],
    [c.applicantLabel, c.applicantName],
    ...(c.idMasked === null ? [] : [[c.idLabel, c.idMasked] as [string, string]]),
    [L.itemName, c.itemName],
    ...c.fields.map((f): [string, string] => [f.label, f.value]),
  ];
  const labelW = Math.min(
    width * 0.35,
    Math.max(...rows.map(([l]) => doc.widthOfString(`${l}：`))),
  );
  const valueX = left + labelW + 8;
  const valueW = left + width - valueX;
  const lo = { lineGap: GAP.field, width: labelW };
  const vo = { lineGap: GAP.field, width: valueW };
  for (const [label, value] of rows) {
    const h = Math.max(doc.heightOfString(`${label}：`, lo), doc.heightOfString(value, vo));
    room(h);
    const y = doc.y;
    doc.fillColor('#444').text(`${label}：`, left, y, lo);
    doc.fillColor('#000').text(value, valueX, y, vo);
    doc.x = left;
    doc.y = y + h;
  }
  doc.moveDown(0.8);

  // A correction, boxed.
  if (c.correction) {
    const text = `${L.correction(c.correction.supersedes)}${L.correctionReason}${c.correction.reason}`;
    const pad = 8;
    const opts = { lineGap: GAP.field, width: width - 2 * pad };
    const h = doc.heightOfString(text, opts) + 2 * pad;
    room(h);
    const y = doc.y;
    doc.rect(left, y, width, h).lineWidth(0.8).strokeColor('#000').stroke();
    doc.text(text, left + pad, y + pad, opts);
    doc.x = left;
    doc.y = y + h + 14;
  }

  // Body paragraphs, first line indented by two characters.
  doc.fontSize(SIZE.body);
  for (const p of c.paragraphs) {
    doc.text(p, left, doc.y, { width, indent: 2 * SIZE.body, lineGap: GAP.body, paragraphGap: 6 });
  }

  // The numbered list, items hanging after their numbers.
  if (c.list) {
    doc.moveDown(0.4);
    room(2 * doc.currentLineHeight(true));
    doc.font('cjk-bold').text(c.list.heading, left, doc.y, { width, lineGap: GAP.body });
    doc.font('cjk');
    const numX = left + 2 * SIZE.body;
    const numW = doc.widthOfString(`${c.list.items.length}.`);
    const itemX = numX + numW + 6;
    const itemW = left + width - itemX;
    c.list.items.forEach((item, i) => {
      const h = doc.heightOfString(item, { width: itemW, lineGap: GAP.item });
      room(h);
      const y = doc.y;
      doc.text(`${i + 1}.`, numX, y, { width: numW, align: 'right', lineGap: GAP.item });
      doc.text(item, itemX, y, { width: itemW, lineGap: GAP.item });
      doc.x = left;
      doc.y = y + h + 1;
    });
  }

  // Signature block (room above it for the seal) and, at the foot of the last page, the hint.
  doc.font('cjk').fontSize(SIZE.body);
  const sign = [
    `${c.centerName}${L.seal}`,
    [c.windowName, `${L.handler}：${c.issuedByName}`].filter(Boolean).join('\u3000'),
    c.issuedOn,
  ];
  const signW = Math.min(width * 0.7, Math.max(...sign.map((s) => doc.widthOfString(s))) + 4);
  const signOpts = { width: signW, align: 'center', lineGap: GAP.sign } as const;
  const signH = sign.reduce((h, s) => h + doc.heightOfString(s, signOpts), 0);
  doc.fontSize(SIZE.hint);
  const hintH = doc.heightOfString(c.queryHint, { width, lineGap: 2 });
  const sealGap = 32;
  // Beside the center's signature (the seal goes over it, on the right): the QR code to the case
  // and how to reach the center, on the left. Under both, the line the applicant signs.
  const footW = width - signW - QR_SIZE - 20;
  doc.fontSize(SIZE.hint + 0.5);
  const footH = foot.lines.reduce(
    (h, l) => h + doc.heightOfString(l, { width: footW, lineGap: 2 }) + 2,
    0,
  );
  const bandH = Math.max(sealGap + signH, 8 + QR_SIZE, 8 + footH);
  const applicantH = SIZE.body + 16;
  room(bandH + applicantH + 14 + hintH);
  const top = doc.y;
  doc.image(foot.qr, left, top + 8, { width: QR_SIZE, height: QR_SIZE });
  doc.fillColor('#000');
  let lineY = top + 8;
  for (const line of foot.lines) {
    doc.text(line, left + QR_SIZE + 8, lineY, { width: footW, lineGap: 2 });
    lineY = doc.y + 2;
  }
  doc.fontSize(SIZE.body);
  doc.y = top + sealGap;
  for (const line of sign) doc.text(line, left + width - signW, doc.y, signOpts);
  const signY = top + bandH + 12;
  const signLabelW = doc.widthOfString(foot.signature.label);
  const dateW = doc.widthOfString(foot.signature.date);
  doc.text(foot.signature.label, left, signY, { lineBreak: false });
  const underline = signY + SIZE.body + 2;
  doc.moveTo(left + signLabelW + 4, underline).lineTo(left + width - dateW - 24, underline);
  doc.lineWidth(0.6).strokeColor('#000').stroke();
  doc.text(foot.signature.date, left + width - dateW, signY, { lineBreak: false });
  const hintY = doc.page.maxY() - hintH - 2;
  doc.moveTo(left, hintY - 6).lineTo(left + width, hintY - 6);
  doc.lineWidth(0.5).strokeColor('#888').stroke();
  doc.fontSize(SIZE.hint).fillColor('#444').text(c.queryHint, left, hintY, { width, lineGap: 2 });

  // Page numbers in the bottom margin, when there is more than one page.
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; count > 1 && i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(SIZE.hint).fillColor('#444');
    doc.text(L.page(i - start + 1, count), left, doc.page.height - bottom / 2 - 4, {
      width,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
