import { useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, keys } from '../../api/endpoints.ts';
import { useMe } from '../../auth/session.ts';
import { ConfirmPasswordItem } from '../../components/FormItems.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { passwordRule } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const;

export default function ChangePasswordPage() {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const change = useFeedbackMutation({
    mutationFn: (v: Values) =>
      api.auth.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
    success: t.password.changed,
    errors: {
      target: {
        form,
        fields: FIELDS,
        alias: { password: 'newPassword' },
      },
    },
    onSuccess: async () => {
      form.resetFields();
      // Until the new "me" is in, the guard would send a must-change user straight back here.
      await queryClient.invalidateQueries({ queryKey: keys.me });
      void navigate('/', { replace: true });
    },
  });

  return (
    <>
      <PageHeader title={t.password.title} />
      {me.mustChangePassword ? (
        <Alert type="warning" showIcon title={t.password.mustChange} className="block-gap" />
      ) : null}
      <Card style={{ maxWidth: 560 }}>
        <Form<Values>
          form={form}
          name="changePassword"
          layout="vertical"
          onFinish={(v) => change.mutate(v)}
          disabled={change.isPending}
        >
          {/* Lets password managers tie the new password to this account. */}
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={me.username}
            readOnly
            hidden
          />
          <Form.Item
            label={t.password.current}
            name="currentPassword"
            rules={[{ required: true, message: t.common.pleaseInput(t.password.current) }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label={t.password.new}
            name="newPassword"
            extra={t.password.rule}
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: t.common.pleaseInput(t.password.new) },
              passwordRule(me.username),
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value && value === getFieldValue('currentPassword')
                    ? Promise.reject(new Error(t.password.sameAsOld))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <ConfirmPasswordItem of="newPassword" />
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t.password.submit}
          </Button>
        </Form>
      </Card>
    </>
  );
}
