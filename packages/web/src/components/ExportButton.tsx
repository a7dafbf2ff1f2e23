import { App, Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useApiErrorHandler } from '../lib/apiFeedback.ts';
import { saveFile } from '../lib/download.ts';
import { t } from '../locale/zh-CN.ts';

/**
 * 导出 Excel: the list as the server writes it, with the filters the list shows (every page, not
 * only this one), saved under the name the server gives it.
 */
export function ExportButton({
  fetchFile,
  fallbackName,
}: {
  fetchFile: () => Promise<{ blob: Blob; fileName: string | null }>;
  /** The name when the server gives none. */
  fallbackName: string;
}) {
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const exporting = useMutation({
    mutationFn: fetchFile,
    onSuccess: ({ blob, fileName }) => {
      const name = fileName ?? fallbackName;
      saveFile(blob, name);
      void message.success(t.exports.done(name));
    },
    onError: (e) => handleError(e),
  });
  return (
    <Tooltip title={t.exports.hint}>
      <Button
        icon={<DownloadOutlined aria-hidden />}
        loading={exporting.isPending}
        onClick={() => exporting.mutate()}
      >
        {t.exports.button}
      </Button>
    </Tooltip>
  );
}
