import { useState, type Key } from 'react';
import { Alert, App, Button, Upload, type TableColumnsType } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  assessmentApi,
  assessmentKeys,
  EVIDENCE_MAX_BYTES,
  useInspectionsQuery,
  type Finding,
  type Inspection,
} from '../../api/assessment.ts';
import { useCan } from '../../auth/session.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { useApiErrorHandler } from '../../lib/apiFeedback.ts';
import { formatDate, parseDate } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { evidenceProblem, evidenceTypeOf, formatBytes, itemLabel } from './format.ts';
import { FindingsList } from './FindingsList.tsx';
import { InspectionModal } from './InspectionModal.tsx';
import type { InspectionValues } from './inspection.ts';
import { CalloutReviewCard } from '../visits/CalloutReviewCard.tsx';
import { calloutFindingText } from '../visits/format.ts';
import { EvidenceLinks, FindingTags } from './shared.tsx';
import { VoidAction, VoidedNote } from './VoidFinding.tsx';
import { ReferAction, ReferralsSection } from '../reports/ReferralsSection.tsx';
import './assessment.css';

const L = t.inspections;
const S = t.assessmentShared;

export default function InspectionsPage() {
  const canManage = useCan('assessment.manage');
  const canReviewCallouts = useCan('callouts.review');
  const [open, setOpen] = useState(false);
  // A finding prompted by an unanswered or late holiday call-out: the form starts from it.
  const [initial, setInitial] = useState<Partial<InspectionValues> | undefined>(undefined);
  const list = useInspectionsQuery();
  const rows = [...(list.data ?? [])].sort(
    (a, b) => b.inspectedOn.localeCompare(a.inspectedOn) || b.id - a.id,
  );
  // The newest inspection opens by itself; after that the user decides.
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const newest = rows.find((r) => r.findings.length > 0);
  const expandedKeys = expanded ?? (newest ? [newest.id] : []);

  const columns: TableColumnsType<Inspection> = [
    { title: L.inspectedOn, dataIndex: 'inspectedOn', width: 120, render: formatDate },
    {
      title: L.level,
      dataIndex: 'level',
      width: 110,
      render: (l: string) => S.levels[l] ?? l,
    },
    { title: L.inspectors, dataIndex: 'inspectors', minWidth: 180 },
    {
      title: L.findingCount,
      key: 'count',
      width: 110,
      render: (_, i) => L.findingCountValue(i.findings.length),
    },
    {
      title: L.note,
      dataIndex: 'note',
      minWidth: 160,
      render: (v: string) => v || t.common.none,
    },
  ];

  return (
    <ListPage
      title={L.title}
      description={L.description}
      createLabel={L.create}
      canCreate={canManage}
      onCreate={() => {
        setInitial(undefined);
        setOpen(true);
      }}
    >
      {canManage ? null : (
        <Alert type="info" showIcon className="block-gap" title={L.readOnlyHint} />
      )}
      <ListTable<Inspection>
        query={list}
        rows={rows}
        columns={columns}
        empty={L.empty}
        size="middle"
        scroll={{ x: 900 }}
        expandable={{
          expandedRowKeys: expandedKeys,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          rowExpandable: (i) => i.findings.length > 0,
          expandedRowRender: (i) => <InspectionFindings inspection={i} canManage={canManage} />,
        }}
      />
      <FindingsList />
      <InspectionModal open={open} initial={initial} onClose={() => setOpen(false)} />
      {canReviewCallouts ? (
        <CalloutReviewCard
          canManage={canManage}
          onEnter={(c) => {
            setInitial({
              level: 'town',
              inspectedOn: parseDate(c.date),
              findings: [
                {
                  staffId: c.staffId,
                  description: calloutFindingText(c),
                  circulated: false,
                  serious: false,
                },
              ],
            });
            setOpen(true);
          }}
        />
      ) : null}
      <ReferralsSection canManage={canManage} />
    </ListPage>
  );
}

function InspectionFindings({
  inspection,
  canManage,
}: {
  inspection: Inspection;
  canManage: boolean;
}) {
  return (
    <section aria-label={L.findingsTitle}>
      <ol className="inspection-findings">
        {inspection.findings.map((f) => (
          <li key={f.id} className="inspection-finding">
            <div className="inspection-finding-head">
              <strong>{f.staffName}</strong>
              <FindingTags f={f} />
              <span>{itemLabel(f.item)}</span>
              <span className="muted">{S.findingNo(f.id)}</span>
              <ReferAction finding={f} canManage={canManage} />
              <VoidAction finding={f} canManage={canManage} />
            </div>
            <p className={`inspection-finding-desc${f.revoked ? ' finding-revoked-text' : ''}`}>
              {f.description}
            </p>
            <VoidedNote finding={f} />
            <div className="inspection-evidence">
              <span>{S.evidenceLabel}</span>
              <EvidenceLinks f={f} />
              {canManage ? <EvidenceUpload finding={f} /> : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Adds a photo or scan to a finding: the file's own bytes, checked here for type and size first. */
function EvidenceUpload({ finding }: { finding: Finding }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const handleError = useApiErrorHandler();
  const upload = useMutation({
    mutationFn: (file: File) =>
      assessmentApi.findings.addEvidence(finding.id, file, file.name, evidenceTypeOf(file)!),
    onSuccess: (_, file) => {
      void message.success(L.uploaded(file.name));
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
    },
    onError: (e) => handleError(e),
  });
  const what = `${finding.staffName} ${S.findingNo(finding.id)}`;
  return (
    <span className="evidence-upload">
      <Upload
        accept=".jpg,.jpeg,.png,.pdf"
        showUploadList={false}
        beforeUpload={(file) => {
          const problem = evidenceProblem(file);
          if (problem) {
            void message.error(problem);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          upload.mutateAsync(file as File).then(
            (result) => onSuccess?.(result),
            (e: unknown) => onError?.(e instanceof Error ? e : new Error(String(e))),
          );
        }}
      >
        <Button
          size="small"
          icon={<UploadOutlined aria-hidden />}
          loading={upload.isPending}
          aria-label={L.uploadFor(what)}
        >
          {L.upload}
        </Button>
      </Upload>{' '}
      <span className="muted">
        {L.uploadHint(S.evidenceTypes, formatBytes(EVIDENCE_MAX_BYTES))}
      </span>
    </span>
  );
}
