/**
 * The one list of error codes. Every refusal the API sends carries one of these codes (stable, for
 * programs) and its Chinese message (for people). HTTP status lives here too, so the mapping is in
 * one place.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请按提示修改' },
  BAD_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  CENTER_REQUIRED: { status: 400, message: '请先选择便民服务中心' },
  IN_POST_RANGE: { status: 400, message: '离岗日期不能早于到岗日期' },
  SUPERVISOR_CYCLE: {
    status: 400,
    message: '分管领导不能是本人，也不能是本人（直接或间接）分管的人员',
  },
  WINDOW_UNIT_INACTIVE: { status: 400, message: '所选窗口单位已停用' },
  BAD_YEAR: { status: 400, message: '年份不正确' },
  NO_HOLIDAYS: { status: 400, message: '请至少录入一个法定节假日（每年至少有元旦）' },
  BAD_DATE: { status: 400, message: '日期格式应为 年-月-日，如 2027-01-01' },
  DATE_OUTSIDE_YEAR: { status: 400, message: '日期不在所录入的年份内' },
  DUPLICATE_DATE: { status: 400, message: '同一日期录入了两次' },
  WORKDAY_NOT_WEEKEND: { status: 400, message: '调休上班日应是周六或周日' },
  HOLIDAY_IS_WORKDAY: { status: 400, message: '同一天不能既放假又调休上班' },
  EMPTY_TIMETABLE: { status: 400, message: '请至少录入一套作息时间' },
  BAD_MONTH_DAY: { status: 400, message: '起始日期应为 月-日，如 05-01' },
  DUPLICATE_FROM: { status: 400, message: '两套作息时间的起始日期相同' },
  BAD_TIME: { status: 400, message: '时间应为 时:分，如 08:30' },
  CLOSE_NOT_AFTER_OPEN: { status: 400, message: '下班时间应晚于上班时间' },
  PASSWORD_TOO_SHORT: { status: 400, message: '密码至少需要 10 位' },
  PASSWORD_TOO_LONG: { status: 400, message: '密码不能超过 200 位' },
  PASSWORD_TOO_WEAK: {
    status: 400,
    message: '密码需包含字母、数字或符号中的至少两类，且不能包含用户名',
  },
  WRONG_PASSWORD: { status: 400, message: '当前密码不正确' },
  CANNOT_CHANGE_SELF: { status: 400, message: '不能停用自己的账号或修改自己的角色' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '请先修改初始密码' },
  LOGIN_FAILED: { status: 401, message: '用户名或密码错误，或账号已停用' },
  FORBIDDEN: { status: 403, message: '您没有权限进行此操作' },
  ROLE_NOT_GRANTABLE: { status: 403, message: '您不能授予该角色' },
  NOT_FOUND: { status: 404, message: '要找的记录不存在' },
  ROUTE_NOT_FOUND: { status: 404, message: '没有这个接口' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持该请求方式' },
  VERSION_CONFLICT: { status: 409, message: '该记录刚被他人修改过，请刷新后再试' },
  DUPLICATE: { status: 409, message: '已存在相同编号的记录' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请求内容格式不受支持，请使用 JSON' },
  LOGIN_THROTTLED: { status: 429, message: '尝试次数过多，请稍后再试' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '系统出了点问题，请稍后再试；如反复出现请联系管理员' },
  UNAVAILABLE: { status: 503, message: '系统正在停止或维护，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERRORS, code);
