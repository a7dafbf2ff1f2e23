import type { Role } from '@bianmin/domain';

/** Chinese names of roles, shown in the console and in audit entries. */
export const ROLE_LABELS: Record<Role, string> = {
  county_admin: '县级管理员',
  center_admin: '中心管理员（中心办公室）',
  director: '中心主任',
  window_staff: '窗口工作人员',
  duty_officer: '值班人员',
  business_section: '中心业务科',
  supervising_leader: '分管领导',
  assessment_leader: '考核小组组长',
  assessment_deputy: '考核小组副组长',
  assessment_member: '考核小组成员',
};

/** Chinese names of input fields, so that a validation error names the field a clerk sees. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  displayName: '姓名',
  roles: '角色',
  staffId: '对应工作人员',
  centerId: '便民服务中心',
  code: '编号',
  name: '名称',
  region: '所属区域',
  windowUnitId: '窗口单位',
  number: '窗口号',
  staffNo: '工号',
  position: '职务',
  windowId: '所在窗口',
  supervisorId: '分管领导',
  inPostFrom: '到岗日期',
  inPostTo: '离岗日期',
  active: '是否启用',
  version: '版本号',
  id: '编号',
  page: '页码',
  pageSize: '每页条数',
  from: '开始时间',
  to: '结束时间',
  action: '操作',
  entityType: '对象类型',
  entityId: '对象编号',
  actorUserId: '操作人',
  q: '搜索内容',
};

/** Chinese names of audited actions. */
export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.password_change': '修改密码',
  'center.create': '新建中心',
  'center.update': '修改中心',
  'window_unit.create': '新建窗口单位',
  'window_unit.update': '修改窗口单位',
  'window.create': '新建窗口',
  'window.update': '修改窗口',
  'staff.create': '新建工作人员',
  'staff.update': '修改工作人员',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.reset_password': '重置密码',
  'system.seed': '初始化演示数据',
};

export const ENTITY_LABELS: Record<string, string> = {
  center: '便民服务中心',
  window_unit: '窗口单位',
  window: '窗口',
  staff: '工作人员',
  user: '账号',
  session: '会话',
};
