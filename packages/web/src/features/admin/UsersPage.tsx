import {
  Alert,
  Button,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import { KeyOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { ERRORS, ROLE_LABELS } from '@bianmin/contracts';
import { mayGrant, ROLES, type Role } from '@bianmin/domain';
import { api, keys, type Staff, type User } from '../../api/endpoints.ts';
import { useStaffQuery, useUsersQuery } from '../../api/queries.ts';
import { useCan, useMe } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { ConfirmPasswordItem } from '../../components/FormItems.tsx';
import { FormModal, useModalState, type RecordModalProps } from '../../components/FormModal.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { EditButton, ListTable, RowAction } from '../../components/ListTable.tsx';
import { useFeedbackMutation, useSaveMutation } from '../../lib/apiFeedback.ts';
import {
  maxLength,
  passwordRule,
  passwordRuleWithUsernameField,
  required,
} from '../../lib/rules.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.users;

export default function UsersPage() {
  const canManage = useCan('users.manage');
  const edit = useModalState<User>();
  const reset = useModalState<User>();
  return (
    <ListPage
      title={L.title}
      description={L.description}
      createLabel={L.create}
      canCreate={canManage}
      onCreate={edit.openCreate}
    >
      <UsersTable canManage={canManage} onEdit={edit.openEdit} onReset={reset.openEdit} />
      <UserModal open={edit.open} record={edit.record} onClose={edit.close} />
      <ResetPasswordModal open={reset.open} record={reset.record} onClose={reset.close} />
    </ListPage>
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
  const listKey = keys.users(scope.centerId);

  const toggle = useFeedbackMutation({
    mutationFn: (u: User) =>
      u.disabled
        ? api.users.enable(scope.query, u.id, u.version)
        : api.users.disable(scope.query, u.id, u.version),
    success: (u) => (u.disabled ? L.disabledOk : L.enabledOk),
    invalidate: [listKey],
    errors: { refetch: [listKey] },
  });

  const columns: TableColumnsType<User> = [
    {
      title: L.username,
      dataIndex: 'username',
      width: 110,
      sorter: (a, b) => a.username.localeCompare(b.username),
      defaultSortOrder: 'ascend',
    },
    {
      title: L.displayName,
      dataIndex: 'displayName',
      width: 130,
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
      width: 104,
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
      // A date never breaks in two (1366 px with the menu open fits the table).
      className: 'nowrap-cell',
      render: (at: string | null) => (at ? formatDateTime(at) : L.never),
    },
  ];
  if (canManage) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 260,
      render: (_, u) => {
        const self = u.id === me.id;
        // An account with a role this admin may not grant is the county admin's to manage.
        if (!self && u.roles.some((r) => !mayGrant(me.roles, r)))
          return (
            <Tooltip title={L.notManagedHelp}>
              <Tag>{L.notManaged}</Tag>
            </Tooltip>
          );
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
            <EditButton name={u.username} onClick={() => onEdit(u)} />
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
            <RowAction
              icon={<KeyOutlined aria-hidden />}
              label={L.resetPassword}
              name={u.username}
              onClick={() => onReset(u)}
            />
          </Space>
        );
      },
    });
  }

  return (
    <ListTable
      query={list}
      rows={list.data ?? []}
      columns={columns}
      empty={L.empty}
      scroll={{ x: 1020 }}
    />
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

function UserModal({ open, record, onClose }: RecordModalProps<User>) {
  const me = useMe();
  const scope = useCenterScope();
  const [form] = Form.useForm<UserValues>();
  const staff = useStaffQuery('', true, open);
  const self = record?.id === me.id;

  // A center's accounts never get the county role; nobody grants more than he or she may.
  const roleOptions = ROLES.filter(
    (r) => (r !== 'county_admin' && mayGrant(me.roles, r)) || record?.roles.includes(r),
  ).map((r) => ({ value: r, label: ROLE_LABELS[r], disabled: !mayGrant(me.roles, r) }));

  // One account per person: staff who already have an account are not offered.
  const users = useUsersQuery(open);
  const linked = new Set(
    (users.data ?? []).filter((u) => u.id !== record?.id).map((u) => u.staffId),
  );
  const staffOptions = (staff.data ?? [])
    .filter((s) => (s.inPostTo === null && !linked.has(s.id)) || s.id === record?.staffId)
    .map(staffOption);

  const save = useSaveMutation({
    record,
    mutationFn: (v: UserValues) =>
      record
        ? api.users.update(scope.query, record.id, {
            displayName: v.displayName.trim(),
            // Nobody changes his or her own roles or the person the account stands for.
            ...(self ? {} : { roles: v.roles, staffId: v.staffId ?? null }),
            version: record.version,
          })
        : api.users.create(scope.query, {
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            password: v.password,
            roles: v.roles,
            staffId: v.staffId ?? null,
          }),
    listKey: keys.users(scope.centerId),
    target: {
      form,
      fields: ['username', 'displayName', 'password', 'roles', 'staffId'],
      labels: { password: L.initialPassword },
      // The server names the field of every refusal but this one.
      codes: { CANNOT_CHANGE_SELF: 'roles' },
    },
    onClose,
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
      mutation={save}
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
          <ConfirmPasswordItem of="password" />
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
      <Form.Item label={L.staff} name="staffId" extra={self ? L.selfStaffHelp : L.staffHelp}>
        <Select<number>
          allowClear
          disabled={self}
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

function ResetPasswordModal({ open, record, onClose }: RecordModalProps<User>) {
  const scope = useCenterScope();
  const [form] = Form.useForm<ResetValues>();
  const listKey = keys.users(scope.centerId);

  const reset = useFeedbackMutation({
    mutationFn: (v: ResetValues) => {
      if (!record) throw new Error('no user to reset');
      return api.users.resetPassword(scope.query, record.id, {
        newPassword: v.newPassword,
        version: record.version,
      });
    },
    success: L.resetOk,
    invalidate: [listKey],
    errors: {
      target: {
        form,
        fields: ['newPassword'],
        alias: { password: 'newPassword' },
      },
      refetch: [listKey],
    },
    onSuccess: onClose,
  });

  return (
    <FormModal<ResetValues>
      open={open}
      title={record ? L.resetTitle(record.displayName) : L.resetPassword}
      formName="resetPasswordForm"
      form={form}
      mutation={reset}
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
      <ConfirmPasswordItem of="newPassword" />
    </FormModal>
  );
}
