import { useState } from 'react';
import { Alert, Form } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { assessmentApi, assessmentKeys, type Finding } from '../../api/assessment.ts';
import { useMe } from '../../auth/session.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { RowAction } from '../../components/ListTable.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.inspections;
const S = t.assessmentShared;

/**
 * 作废 on a finding, for the group (decision 0014): not for its recorder (who sees that another
 * member must do it), not for the person it is about, not on a finding that already counts for
 * nothing. The server decides the rest (settled, rated, appeal pending) and says why.
 */
export function VoidAction({ finding, canManage }: { finding: Finding; canManage: boolean }) {
  const me = useMe();
  const [open, setOpen] = useState(false);
  if (!canManage || finding.revoked) return null;
  if (me.staffId !== null && finding.staffId === me.staffId) return null;
  if (me.staffId !== null && finding.recordedByStaffId === me.staffId)
    return <span className="muted void-by-other">{L.voidByOther}</span>;
  const what = `${finding.staffName} ${S.findingNo(finding.id)}`;
  return (
    <>
      <RowAction
        icon={<StopOutlined aria-hidden />}
        label={L.void}
        name={what}
        onClick={() => setOpen(true)}
      />
      <VoidModal finding={open ? finding : null} onClose={() => setOpen(false)} />
    </>
  );
}

/** Who voided a finding, when and why: shown under it. */
export function VoidedNote({ finding }: { finding: Finding }) {
  if (!finding.voided) return null;
  const v = finding.voided;
  return (
    <p className="finding-voided-note">{L.voidedLine(v.byName, formatDateTime(v.at), v.reason)}</p>
  );
}

function VoidModal({ finding, onClose }: { finding: Finding | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const what = finding ? `${finding.staffName} ${S.findingNo(finding.id)}` : '';
  const save = useFeedbackMutation({
    mutationFn: (v: { reason: string }) =>
      assessmentApi.findings.void(finding!.id, {
        version: finding!.version,
        reason: v.reason.trim(),
      }),
    success: L.voided(what),
    invalidate: [assessmentKeys.all],
    errors: { target: { form, fields: ['reason'] }, refetch: [assessmentKeys.all] },
    onSuccess: onClose,
  });
  return (
    <FormModal<{ reason: string }>
      open={finding !== null}
      title={L.voidTitle(what)}
      formName="voidFindingForm"
      form={form}
      mutation={save}
      onClose={onClose}
      okText={L.void}
    >
      {finding ? (
        <>
          <Alert type="warning" showIcon className="block-gap" title={L.voidHint} />
          <p>
            {finding.date} {finding.description}
          </p>
          <TextAreaItem
            label={L.voidReason}
            name="reason"
            max={1000}
            rows={4}
            placeholder={L.voidReasonPlaceholder}
          />
        </>
      ) : null}
    </FormModal>
  );
}
