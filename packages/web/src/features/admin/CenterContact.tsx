import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Skeleton, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { CENTER_PHONE } from '@bianmin/contracts';
import { api, keys, type Center } from '../../api/endpoints.ts';
import { useCan } from '../../auth/session.ts';
import { useCentersQuery } from '../../center/CenterScopeProvider.tsx';
import { useCenterScope } from '../../center/scope.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { maxLength } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.centers;

export interface ContactValues {
  address: string;
  phone: string;
}

/** The two boxes of a center's contact, as the citizens' portal shows it (both may stay empty). */
export function CenterContactItems() {
  return (
    <>
      <Form.Item
        label={L.address}
        name="address"
        rules={[maxLength(L.address, 200)]}
        extra={L.addressHelp}
      >
        <Input autoComplete="off" placeholder={L.addressPlaceholder} />
      </Form.Item>
      <Form.Item
        label={L.phone}
        name="phone"
        rules={[
          maxLength(L.phone, 40),
          { pattern: CENTER_PHONE.pattern, message: CENTER_PHONE.message },
        ]}
        extra={L.phoneHelp}
      >
        <Input autoComplete="off" inputMode="tel" placeholder={L.phonePlaceholder} />
      </Form.Item>
    </>
  );
}

export const contactOf = (v: Partial<ContactValues>): ContactValues => ({
  address: (v.address ?? '').trim(),
  phone: (v.phone ?? '').trim(),
});

/**
 * 中心地址和服务电话: what the public reads on the portal. Everyone sees them; the center's admin
 * (and the county admin) keep them right.
 */
export function CenterContactCard() {
  const scope = useCenterScope();
  const centers = useCentersQuery();
  const canEdit = useCan('centers.contact');
  const [open, setOpen] = useState(false);
  const center = centers.data?.find((c) => c.id === scope.centerId);
  return (
    <Card
      className="block-gap"
      title={<h2 className="card-title">{L.contactTitle}</h2>}
      extra={
        canEdit && center ? (
          <Button icon={<EditOutlined aria-hidden />} onClick={() => setOpen(true)}>
            {L.contactEdit}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{L.contactDescription}</Typography.Paragraph>
      {centers.isError ? (
        <QueryErrorAlert error={centers.error} onRetry={() => void centers.refetch()} />
      ) : !center ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <Descriptions column={{ xs: 1, lg: 2 }} size="small" bordered>
          <Descriptions.Item label={L.address}>{center.address || L.notEntered}</Descriptions.Item>
          <Descriptions.Item label={L.phone}>{center.phone || L.notEntered}</Descriptions.Item>
        </Descriptions>
      )}
      {center ? (
        <CenterContactModal open={open} center={center} onClose={() => setOpen(false)} />
      ) : null}
    </Card>
  );
}

function CenterContactModal({
  open,
  center,
  onClose,
}: {
  open: boolean;
  center: Center;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ContactValues>();
  const save = useFeedbackMutation({
    mutationFn: (v: ContactValues) =>
      api.centers.updateContact(center.id, { ...contactOf(v), version: center.version }),
    success: t.common.updated,
    invalidate: [keys.centers],
    errors: { target: { form, fields: ['address', 'phone'] }, refetch: [keys.centers] },
    onSuccess: onClose,
  });
  return (
    <FormModal<ContactValues>
      open={open}
      title={L.contactEditTitle(center.name)}
      formName="centerContactForm"
      form={form}
      initialValues={{ address: center.address, phone: center.phone }}
      mutation={save}
      onClose={onClose}
    >
      <CenterContactItems />
    </FormModal>
  );
}
