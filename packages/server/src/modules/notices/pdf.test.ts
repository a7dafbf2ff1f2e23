import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noticeFoot, type NoticeContent } from '@bianmin/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderNoticePdf } from './pdf.ts';

const FONT =
  process.env.BIANMIN_CJK_FONT || '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const missing = [
  spawnSync('pdftotext', ['-v']).error
    ? 'pdftotext/pdfinfo not on PATH (apt-get install poppler-utils)'
    : null,
  existsSync(FONT) ? null : `CJK font not found at ${FONT} (apt-get install fonts-noto-cjk)`,
]
  .filter(Boolean)
  .join('; ');
// CI sets BIANMIN_REQUIRE_BROWSER=1: there a missing tool fails instead of skipping.
const required = Boolean(process.env.BIANMIN_REQUIRE_BROWSER);
if (missing && !required) {
  console.warn(`\n!!! SKIPPING notice PDF rendering tests — ${missing}\n`);
}

const MATERIALS = [
  '个体工商户开业登记申请书（经营者签署）',
  '经营者身份证明（居民身份证原件及复印件）',
  '经营场所使用证明（房屋产权证明或租赁合同）',
  '名称自主申报告知书',
  '委托代理人办理的，提交经营者签署的委托书及代理人身份证明',
];

function notice(materials: string[]): NoticeContent {
  return {
    title: '补充件通知书',
    number: '〔2026〕补字第0008号',
    centerName: '青石镇便民服务中心',
    receiptNo: '001-20260302-0007',
    queryCode: 'K7Q2M9',
    applicantLabel: '申请人',
    applicantName: '王秀英',
    idLabel: '公民身份号码',
    idMasked: '330103********1234',
    itemName: '个体工商户设立登记',
    fields: [
      { label: '办理窗口', value: '市场监管窗口' },
      { label: '补正期限', value: '2026年3月9日前' },
    ],
    paragraphs: [
      '您于2026年3月2日申请办理的“个体工商户设立登记”事项，经审查，申请材料不齐全。请您自收到本通知书之日起5个工作日内补齐下列材料，并携带本通知书到本中心市场监管窗口办理。',
      '补齐全部材料后，本中心将依法受理您的申请；逾期未补正的，视为撤回申请。',
    ],
    list: { heading: '需补正的材料：', items: materials },
    correction: {
      supersedes: '〔2026〕补字第0007号',
      reason: '原通知书遗漏“经营场所使用证明”一项材料。',
    },
    issuedByName: '李明',
    windowName: '市场监管窗口',
    issuedOn: '2026年3月2日',
    queryHint: '凭受理编号和查询码，可在本中心“办件查询”页面查询办理进度。',
    centerPhone: '0571-8468 1230',
    centerHours: '工作日 08:30–17:30',
  };
}

/** Whitespace removed: pdftotext may space out CJK characters or break lines anywhere. */
const flat = (s: string) => s.replace(/\s+/g, '');

const ORIGIN = 'https://bianmin.example.cn';

describe('renderNoticePdf', () => {
  it('names the font path and the Debian package when the font is missing', async () => {
    const before = process.env.BIANMIN_CJK_FONT;
    process.env.BIANMIN_CJK_FONT = '/nonexistent/cjk.ttc';
    try {
      await expect(renderNoticePdf(notice(MATERIALS), ORIGIN)).rejects.toThrow(
        /\/nonexistent\/cjk\.ttc.*fonts-noto-cjk/,
      );
    } finally {
      if (before === undefined) delete process.env.BIANMIN_CJK_FONT;
      else process.env.BIANMIN_CJK_FONT = before;
    }
  });

  describe.skipIf(missing !== '' && !required)('rendered and read back with poppler', () => {
    let dir = '';
    beforeAll(() => {
      if (missing) throw new Error(`Cannot check notice PDFs: ${missing}`);
      dir = mkdtempSync(join(tmpdir(), 'bianmin-notice-'));
    });
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    async function render(content: NoticeContent) {
      const file = join(dir, `notice-${content.list?.items.length ?? 0}.pdf`);
      const pdf = await renderNoticePdf(content, ORIGIN);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      writeFileSync(file, pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      return {
        text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
        pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]),
        info,
        images: execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }),
      };
    }

    it('prints the heading, the numbers, the item, every material and the correction', async () => {
      const { text, pages, info } = await render(notice(MATERIALS));
      expect(pages).toBe(1);
      const t = flat(text);
      for (const s of [
        '补充件通知书',
        '〔2026〕补字第0008号',
        '受理编号：001-20260302-0007',
        '查询码：K7Q2M9',
        '申请人：王秀英',
        '公民身份号码：330103********1234',
        '办理事项：个体工商户设立登记',
        '补正期限：2026年3月9日前',
        '本通知书更正并取代〔2026〕补字第0007号通知书。更正理由：原通知书遗漏',
        '需补正的材料：',
        ...MATERIALS.map((m, i) => `${i + 1}.${m}`),
        '青石镇便民服务中心（盖章）',
        '经办人：李明',
        '2026年3月2日',
        '凭受理编号和查询码',
        '申请人签收：',
        '年月日',
        '手机扫码查询办理进度，或访问https://bianmin.example.cn/query',
        '咨询电话：0571-84681230',
        '办公时间：工作日08:30–17:30',
      ]) {
        expect(t).toContain(flat(s));
      }
      expect(info).toMatch(/^Title:\s+补充件通知书 〔2026〕补字第0008号$/m);
      expect(info).toMatch(/^Author:\s+青石镇便民服务中心$/m);
      expect(info).toMatch(/^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/m);
    });

    it('prints one QR code, to the query of this very case', async () => {
      const { images } = await render(notice(MATERIALS));
      // pdfimages -list: two heading lines, then one line per image (a PNG's alpha is an smask).
      const kinds = images
        .trim()
        .split('\n')
        .slice(2)
        .map((l) => l.trim().split(/\s+/)[2]);
      expect(kinds.filter((k) => k === 'image')).toHaveLength(1);
      expect(noticeFoot(notice(MATERIALS), ORIGIN).queryUrl).toBe(
        'https://bianmin.example.cn/query?receiptNo=001-20260302-0007&queryCode=K7Q2M9',
      );
    });

    it('leaves out the ID line when there is no ID', async () => {
      const { text } = await render({ ...notice(MATERIALS), idMasked: null, correction: null });
      expect(flat(text)).not.toContain('公民身份号码');
      expect(flat(text)).not.toContain('更正理由');
    });

    it('flows 40 materials onto a second page, keeping every one', async () => {
      const many = Array.from({ length: 40 }, (_, i) => `${MATERIALS[i % 5]}（第${i + 1}份）`);
      const { text, pages } = await render(notice(many));
      expect(pages).toBe(2);
      const t = flat(text);
      many.forEach((m, i) => expect(t).toContain(`${i + 1}.${flat(m)}`));
      // The signature and the hint come after the last material, on the last page.
      const lastPage = flat(text.split('\f')[1] ?? '');
      expect(lastPage).toContain(flat(`40.${many[39]}`));
      expect(lastPage).toContain('经办人：李明');
      expect(lastPage).toContain('第2页共2页');
    });
  });
});
