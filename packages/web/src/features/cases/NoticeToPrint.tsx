import { Alert } from 'antd';
import { NOTICE_TITLES } from '@bianmin/contracts';
import type { CaseDetail, NoticeRef } from '../../api/cases.ts';
import { t } from '../../locale/zh-CN.ts';
import { PrintNoticeButton } from '../notices/PrintNoticeButton.tsx';

/** The notice an action issued: the newest of the case's notices that it did not have before. */
export function newNotice(before: CaseDetail, after: CaseDetail): NoticeRef | null {
  const had = new Set(before.notices.map((n) => n.id));
  return [...after.notices].reverse().find((n) => !had.has(n.id)) ?? null;
}

/**
 * After an action that issued a notice (受理, 补正, 退回, 答复, 延期): what to do now, in the words
 * of the action ("已受理，请打印受理通知书交给群众"), with the print button right beside them, on
 * the page until the clerk closes it — not a message that fades before the printer is found.
 */
export function NoticeToPrint({
  text,
  notice,
  onClose,
}: {
  text: string;
  notice: NoticeRef;
  onClose: () => void;
}) {
  return (
    <Alert
      type="success"
      showIcon
      className="block-gap notice-to-print"
      closable={{ onClose, 'aria-label': t.printAfter.close }}
      title={
        <span className="notice-to-print-line">
          <span>{text}</span>
          <PrintNoticeButton noticeId={notice.id} type="primary" size="small">
            {t.printAfter.printTitle(NOTICE_TITLES[notice.type])}
          </PrintNoticeButton>
        </span>
      }
    />
  );
}
