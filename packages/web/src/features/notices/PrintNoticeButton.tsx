import { Button, type ButtonProps } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { noticePrintPath } from '../../api/cases.ts';

/** Opens a notice's print page in a new tab. */
export function PrintNoticeButton({
  noticeId,
  ...props
}: { noticeId: number } & Omit<ButtonProps, 'href' | 'icon' | 'target' | 'rel'>) {
  return (
    <Button
      icon={<PrinterOutlined aria-hidden />}
      href={noticePrintPath(noticeId)}
      target="_blank"
      rel="noopener"
      {...props}
    />
  );
}
