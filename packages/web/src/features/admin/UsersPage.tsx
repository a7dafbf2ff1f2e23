import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import {
  EditOutlined,
  KeyOutlined,
  PlusOutlined,
  StopOutlined,
  CheckCircleOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ERRORS, ROLE_LABELS } from '@bianmin/contracts';
import { mayGrant, ROLES, type Role } from '@bianmin/domain';
import { api, keys, type Staff, type User } from '../../api/endpoints.ts';
import { useStaffQuery, useUsersQuery } from '../../api/queries.ts';
import { useCan, useMe } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CenterRequired } from '../../components/CenterRequired.tsx';
import { FormModal, useModalState } from '../../components/FormModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useApiErrorHandler } from '../../lib/apiFeedback.ts';
import {
  maxLength,
  passwordRule,
  passwordRuleWithUsernameField,
  required,
  sameAs,
} from '../../lib/rules.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.users;

export default function UsersPage() {
  const scope = useCenterScope();
  const canManage = useCan('users.manage');
  const edit = useModalState<User>();
  const reset = useModalState<User>();
  return (
    <>
      <PageHeader
        title={L.title}
        description={L.description}
        extra={
          canManage && scope.ready ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={edit.openCreate}>
              {L.create}
            </Button>
          ) : null
        }
      />
      <CenterRequired>
        <UsersTable canManage={canManage} onEdit={edit.openEdit} onReset={reset.openEdit} />
        <UserModal open={edit.open} record={edit.record} onClose={edit.close} />
        <ResetPasswordModal open={reset.open} record={reset.record} onClose={reset.close} />
      </CenterRequired>
    </>
  );
}

function RoleTags({ roles }: { roles: readonly Role[] }) {
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((r) => (
        <Tag key={r}>{ROLE_LABELS[r]}</Tag>
      ))}
    </Space>
  );
}

function UsersTable({
  canManage,
  onEdit,
  onReset,
}: {
  canManage: boolean;
  onEdit: (u: User) => void;
  onReset: (u: User) => void;
}) {
  const me = useMe();
  const scope = useCenterScope();
  const list = useUsersQuery();
  const staff = useStaffQuery('', true);
  const staffName = new Map((staff.data ?? []).map((s) => [s.id, `${s.name}（${s.staffNo}）`]));
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const listKey = keys.users(scope.centerId);

  const toggle = useMutation({
    mutationFn: (u: User) =>
      u.disabled
        ? api.users.enable(scope.query, u.id, u.version)
        : api.users.disable(scope.query, u.id, u.version),
    onSuccess: (u) => {
      void message.success(u.disabled ? L.disabledOk : L.enabledOk);
      void queryClient.invalidateQueries({ queryKey: listKey });
    },
    onError: (e) => handleError(e, { refetch: [listKey] }),
  });

  const columns: TableColumnsType<User> = [
    {
      title: L.username,
      dataIndex: 'username',
      width: 130,
      sorter: (a, b) => a.username.localeCompare(b.username),
      defaultSortOrder: 'ascend',
    },
    {
      title: L.displayName,
      dataIndex: 'displayName',
      width: 150,
      render: (name: string, u) => (u.id === me.id ? `${name}${L.self}` : name),
    },
    {
      title: L.roles,
      dataIndex: 'roles',
      render: (roles: Role[]) => <RoleTags roles={roles} />,
      filters: ROLES.map((r) => ({ text: ROLE_LABELS[r], value: r })),
      onFilter: (value, u) => u.roles.includes(value as Role),
    },
    {
      title: L.staff,
      dataIndex: 'staffId',
      render: (id: number | null) =>
        id === null ? t.common.none : (staffName.get(id) ?? `#${id}`),
    },
    {
      title: L.status,
      dataIndex: 'disabled',
      width: 150,
      render: (disabled: boolean, u) => (
        <Space size={[4, 4]} wrap>
          {disabled ? (
            <Tag color="error">{L.disabled}</Tag>
          ) : (
            <Tag color="success">{L.enabled}</Tag>
          )}
          {u.mustChangePassword && !disabled ? <Tag color="warning">{L.mustChange}</Tag> : null}
        </Space>
      ),
      filters: [
        { text: L.enabled, value: false },
        { text: L.disabled, value: true },
      ],
      onFilter: (value, u) => u.disabled === value,
    },
    {
      title: L.lastLogin,
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (at: string | null) => (at ? formatDateTime(at) : L.never),
    },
  ];
  if (canManage) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 300,
      render: (_, u) => {
        const self = u.id === me.id;
        const toggleButton = (
          <Button
            type="link"
            danger={!u.disabled}
            icon={u.disabled ? <CheckCircleOutlined aria-hidden /> : <StopOutlined aria-hidden />}
            disabled={self}
            loading={toggle.isPending && toggle.variables.id === u.id}
            aria-label={`${u.disabled ? L.enable : L.disable} ${u.username}`}
          >
            {u.disabled ? L.enable : L.disable}
          </Button>
        );
        return (
          <Space size={0}>
            <Button
              type="link"
              icon={<EditOutlined aria-hidden />}
              onClick={() => onEdit(u)}
              aria-label={`${t.common.edit} ${u.username}`}
            >
              {t.common.edit}
            </Button>
            {self ? (
              <Tooltip title={ERRORS.CANNOT_CHANGE_SELF.message}>{toggleButton}</Tooltip>
            ) : (
              <Popconfirm
                title={
                  u.disabled ? L.enableConfirm(u.displayName) : L.disableConfirm(u.displayName)
                }
                okText={u.disabled ? L.enable : L.disable}
                cancelText={t.common.cancel}
                okButtonProps={{ danger: !u.disabled }}
                onConfirm={() => toggle.mutate(u)}
              >
                {toggleButton}
              </Popconfirm>
            )}
            <Button
              type="link"
              icon={<KeyOutlined aria-hidden />}
              onClick={() => onReset(u)}
              aria-label={`${L.resetPassword} ${u.username}`}
            >
              {L.resetPassword}
            </Button>
          </Space>
        );
      },
    });
  }

  return (
    <Card>
      {list.isError ? (
        <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : null}
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: t.common.total }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L.empty} /> }}
        scroll={{ x: 1150 }}
      />
    </Card>
  );
}

interface UserValues {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
  roles: Role[];
  staffId?: number | null;
}

function staffOption(s: Staff) {
  return { value: s.id, label: `${s.name}（${s.staffNo} · ${s.position}）` };
}

function UserModal({
  open,
  record,
  onClose,
}: {
  open: boolean;
  record: User | null;
  onClose: () => void;
}) {
  const me = useMe();
  const scope = useCenterScope();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<UserValues>();
  const staff = useStaffQuery('', true, open);
  const listKey = keys.users(scope.centerId);
  const self = record?.id === me.id;

  // A center's accounts never get the county role; nobody grants more than he or she may.
  const roleOptions = ROLES.filter(
    (r) => (r !== 'county_admin' && mayGrant(me.roles, r)) || record?.roles.includes(r),
  ).map((r) => ({ value: r, label: ROLE_LABELS[r], disabled: !mayGrant(me.roles, r) }));

  const staffOptions = (staff.data ?? [])
    .filter((s) => s.inPostTo === null || s.id === record?.staffId)
    .map(staffOption);

  const save = useMutation({
    mutationFn: (v: UserValues) =>
      record
        ? api.users.update(scope.query, record.id, {
            displayName: v.displayName.trim(),
            ...(self ? {} : { roles: v.roles }),
            staffId: v.staffId ?? null,
            version: record.version,
          })
        : api.users.create(scope.query, {
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            password: v.password,
            roles: v.roles,
            staffId: v.staffId ?? null,
          }),
    onSuccess: () => {
      void message.success(record ? t.common.updated : t.common.created);
      void queryClient.invalidateQueries({ queryKey: listKey });
      onClose();
    },
    onError: (e) =>
      handleError(e, {
        target: {
          form,
          fields: ['username', 'displayName', 'password', 'roles', 'staffId'],
          labels: { password: L.initialPassword },
          codes: {
            DUPLICATE: 'username',
            PASSWORD_TOO_SHORT: 'password',
            PASSWORD_TOO_LONG: 'password',
            PASSWORD_TOO_WEAK: 'password',
            ROLE_NOT_GRANTABLE: 'roles',
            CANNOT_CHANGE_SELF: 'roles',
          },
        },
        refetch: [listKey],
      }),
  });

  return (
    <FormModal<UserValues>
      open={open}
      title={record ? L.editTitle : L.create}
      formName="userForm"
      form={form}
      width={600}
      initialValues={
        record
          ? {
              username: record.username,
              displayName: record.displayName,
              roles: record.roles,
              staffId: record.staffId,
            }
          : { roles: [] }
      }
      submitting={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onClose={onClose}
    >
      <Form.Item
        label={L.username}
        name="username"
        extra={record ? undefined : L.usernameHelp}
        rules={
          record
            ? []
            : [
                required(L.username),
                { min: 3, max: 32, message: L.usernameHelp },
                { pattern: /^[a-z0-9_.-]+$/, message: L.usernamePattern },
              ]
        }
      >
        <Input disabled={!!record} autoComplete="off" autoCapitalize="none" spellCheck={false} />
      </Form.Item>
      <Form.Item
        label={L.displayName}
        name="displayName"
        rules={[required(L.displayName), maxLength(L.displayName, 50)]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      {record ? null : (
        <>
          <Form.Item
            label={L.initialPassword}
            name="password"
            extra={`${t.password.rule}。${L.initialPasswordHelp}`}
            dependencies={['username']}
            rules={[required(L.initialPassword), passwordRuleWithUsernameField('username')]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t.password.confirm}
            name="confirm"
            dependencies={['password']}
            rules={[required(t.password.confirm), sameAs('password', t.password.mismatch)]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </>
      )}
      <Form.Item
        label={L.roles}
        name="roles"
        extra={self ? L.selfRolesHelp : undefined}
        rules={[{ required: true, type: 'array', min: 1, message: t.common.pleaseSelect(L.roles) }]}
      >
        <Select<Role[]>
          mode="multiple"
          options={roleOptions}
          disabled={self}
          placeholder={t.common.pleaseSelect(L.roles)}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item label={L.staff} name="staffId" extra={L.staffHelp}>
        <Select<number>
          allowClear
          options={staffOptions}
          loading={staff.isPending}
          placeholder={L.noStaff}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
    </FormModal>
  );
}

interface ResetValues {
  newPassword: string;
  confirm: string;
}

function ResetPasswordModal({
  open,
  record,
  onClose,
}: {
  open: boolean;
  record: User | null;
  onClose: () => void;
}) {
  const scope = useCenterScope();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<ResetValues>();
  const listKey = keys.users(scope.centerId);

  const reset = useMutation({
    mutationFn: (v: ResetValues) => {
      if (!record) throw new Error('no user to reset');
      return api.users.resetPassword(scope.query, record.id, {
        newPassword: v.newPassword,
        version: record.version,
      });
    },
    onSuccess: () => {
      void message.success(L.resetOk);
      void queryClient.invalidateQueries({ queryKey: listKey });
      onClose();
    },
    onError: (e) =>
      handleError(e, {
        target: {
          form,
          fields: ['newPassword'],
          alias: { password: 'newPassword' },
          codes: {
            PASSWORD_TOO_SHORT: 'newPassword',
            PASSWORD_TOO_LONG: 'newPassword',
            PASSWORD_TOO_WEAK: 'newPassword',
          },
        },
        refetch: [listKey],
      }),
  });

  return (
    <FormModal<ResetValues>
      open={open}
      title={record ? L.resetTitle(record.displayName) : L.resetPassword}
      formName="resetPasswordForm"
      form={form}
      submitting={reset.isPending}
      onSubmit={(v) => reset.mutate(v)}
      onClose={onClose}
      okText={L.resetPassword}
    >
      <Alert type="info" showIcon title={L.resetHint} className="block-gap" />
      <Form.Item
        label={t.password.new}
        name="newPassword"
        extra={t.password.rule}
        rules={[required(t.password.new), passwordRule(record?.username ?? '')]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t.password.confirm}
        name="confirm"
        dependencies={['newPassword']}
        rules={[required(t.password.confirm), sameAs('newPassword', t.password.mismatch)]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
