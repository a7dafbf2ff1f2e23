import { useState } from 'react';
import { Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { NOTICE_TITLES } from '@bianmin/contracts';
import {
  casesApi,
  type CaseDetail,
  type CorrectNoticeBody,
  type NoticeRef,
} from '../../api/cases.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { maxLength, required } from '../../lib/rules.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { PrintNoticeButton } from '../notices/PrintNoticeButton.tsx';
import { MaterialsField } from './MaterialsField.tsx';
import { materialsBody, sameRemarks } from './materials.ts';
import { useCaseMutation } from './serverErrors.ts';

const L = t.caseDetail;

/** The case's notices: print any, correct the current one (a new notice supersedes it). */
export function CaseNotices({ detail }: { detail: CaseDetail }) {
  const canWork = useCan('cases.work');
  const [correcting, setCorrecting] = useState<NoticeRef | null>(null);
  const [open, setOpen] = useState(false);
  const numberOf = (id: number | null) =>
    detail.notices.find((n) => n.id === id)?.number ?? t.common.none;

  return (
    <Card title={<h2 className="card-title">{L.notices}</h2>} className="case-section">
      <Table<NoticeRef>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.notices}
        locale={{ emptyText: <Typography.Text type="secondary">{L.noNotices}</Typography.Text> }}
        scroll={{ x: 800 }}
        columns={[
          { title: L.noticeNumber, dataIndex: 'number', width: 180 },
          {
            title: L.noticeTitle,
            dataIndex: 'type',
            width: 150,
            render: (_, n) => NOTICE_TITLES[n.type],
          },
          {
            title: L.noticeIssuedAt,
            dataIndex: 'issuedAt',
            width: 140,
            render: (v: string) => formatDateTime(v),
          },
          {
            title: L.noticeState,
            key: 'state',
            render: (_, n) => (
              <Space size={4} wrap>
                {n.supersededById !== null ? (
                  <Tag>{`${L.noticeSuperseded}（${numberOf(n.supersededById)}）`}</Tag>
                ) : (
                  <Tag color="success">{L.noticeCurrent}</Tag>
                )}
                {n.supersedesId !== null ? (
                  <Tag color="processing">{`${L.noticeCorrects}（${numberOf(n.supersedesId)}）`}</Tag>
                ) : null}
              </Space>
            ),
          },
          {
            title: t.common.actions,
            key: 'actions',
            width: 160,
            render: (_, n) => (
              <Space size={0}>
                <PrintNoticeButton noticeId={n.id} type="link" aria-label={L.printLabel(n.number)}>
                  {L.print}
                </PrintNoticeButton>
                {canWork && detail.holdsCase && n.supersededById === null ? (
                  <Button
                    type="link"
                    icon={<EditOutlined aria-hidden />}
                    aria-label={L.correctLabel(n.number)}
                    onClick={() => {
                      setCorrecting(n);
                      setOpen(true);
                    }}
                  >
                    {L.correct}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {correcting ? (
        <CorrectModal
          key={correcting.id}
          notice={correcting}
          detail={detail}
          open={open}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </Card>
  );
}

interface CorrectValues {
  reason: string;
  applicantName: string;
  materials?: string[];
  remarks?: Record<string, string>;
  reasons?: string;
}

function CorrectModal({
  notice,
  detail,
  open,
  onClose,
}: {
  notice: NoticeRef;
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
}) {
  const scope = useCenterScope();
  const [form] = Form.useForm<CorrectValues>();
  const isSupplement = notice.type === 'supplement';
  const isReturned = notice.type === 'returned';

  const mutation = useCaseMutation({
    mutationFn: (v: CorrectValues) => {
      const body: CorrectNoticeBody = { reason: v.reason.trim() };
      const name = v.applicantName.trim();
      if (name !== detail.applicant.name) body.applicantName = name;
      const sameList = (a: readonly string[], b: readonly string[]) =>
        a.length === b.length && a.every((m) => b.includes(m));
      if (isSupplement && v.materials && !sameList(v.materials, detail.materials))
        body.materials = v.materials;
      // The remarks on the papers (缺少公章) are corrected with the list, or alone.
      if (isSupplement && v.materials) {
        const { remarks } = materialsBody(v);
        if (!sameRemarks(remarks, detail.materialRemarks)) body.remarks = remarks;
      }
      const reasons = v.reasons?.trim();
      if (isReturned && reasons !== undefined && reasons !== detail.reasons) body.reasons = reasons;
      return casesApi.correctNotice(scope.query, notice.id, body);
    },
    success: (created) => L.corrected(created.number),
    target: {
      form,
      fields: {
        reason: ['reason'],
        applicantName: ['applicantName'],
        materials: ['materials'],
        remarks: ['materials'],
        reasons: ['reasons'],
      },
      codes: {
        NO_MATERIALS: ['materials'],
        MATERIAL_NOT_IN_CHECKLIST: ['materials'],
        NOT_CORRECTABLE: ['reason'],
      },
    },
    onSuccess: onClose,
  });

  return (
    <FormModal<CorrectValues>
      open={open}
      title={`${L.correctTitle(NOTICE_TITLES[notice.type])} ${notice.number}`}
      formName="notice-correct"
      form={form}
      initialValues={{
        applicantName: detail.applicant.name,
        materials: detail.materials,
        remarks: detail.materialRemarks,
        reasons: detail.reasons,
      }}
      mutation={mutation}
      onClose={onClose}
      okText={L.correct}
    >
      <Typography.Paragraph type="secondary">{L.correctHint}</Typography.Paragraph>
      <TextAreaItem label={L.correctReason} name="reason" max={500} rows={2} />
      <Form.Item
        label={L.correctApplicantName}
        name="applicantName"
        rules={[required(L.correctApplicantName), maxLength(L.correctApplicantName, 100)]}
      >
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      {isSupplement ? (
        <MaterialsField label={L.correctMaterials} checklist={detail.itemMaterials} />
      ) : null}
      {isReturned ? (
        <TextAreaItem label={L.correctReasons} name="reasons" max={2000} rows={3} />
      ) : null}
    </FormModal>
  );
}
