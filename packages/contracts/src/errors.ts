/**
 * Stable error codes of the API. Each code has a zh-CN and an English message;
 * the server picks one by Accept-Language (zh-CN default). Clients switch on `code`.
 */
export const errorMessages = {
  VALIDATION_FAILED: { 'zh-CN': '提交的数据不符合要求', en: 'The submitted data is invalid' },
  BAD_REQUEST: { 'zh-CN': '请求格式错误', en: 'Malformed request' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Please log in' },
  SESSION_EXPIRED: { 'zh-CN': '会话已过期，请重新登录', en: 'Your session has expired; please log in again' },
  INVALID_CREDENTIALS: {
    'zh-CN': '用户名或密码错误，或账号暂时不可用',
    en: 'Wrong username or password, or the account is temporarily unavailable',
  },
  PASSWORD_CHANGE_REQUIRED: { 'zh-CN': '首次登录须先修改密码', en: 'You must change your password first' },
  PASSWORD_POLICY: { 'zh-CN': '密码不符合安全要求', en: 'The password does not meet the policy' },
  WRONG_PASSWORD: { 'zh-CN': '原密码错误', en: 'The current password is wrong' },
  TOTP_REQUIRED: { 'zh-CN': '请输入身份验证器中的动态验证码', en: 'Enter the code from your authenticator app' },
  TOTP_INVALID: { 'zh-CN': '动态验证码错误或已使用', en: 'The code is wrong or has already been used' },
  TOTP_ENROLMENT_REQUIRED: {
    'zh-CN': '您的角色须启用两步验证，请先绑定身份验证器',
    en: 'Your role requires two-step verification; set up an authenticator first',
  },
  CSRF_FAILED: {
    'zh-CN': '安全校验失败，请刷新页面后重试',
    en: 'Security token missing or wrong; reload the page and try again',
  },
  FORBIDDEN: { 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { 'zh-CN': '记录不存在', en: 'Not found' },
  ROUTE_NOT_FOUND: { 'zh-CN': '接口不存在', en: 'No such endpoint' },
  VERSION_CONFLICT: { 'zh-CN': '该记录已被他人修改，请刷新后重试', en: 'Someone else changed this record; reload and try again' },
  DUPLICATE: { 'zh-CN': '记录已存在', en: 'The record already exists' },
  REFERENCE_INVALID: { 'zh-CN': '引用的记录不存在', en: 'A referenced record does not exist' },
  ILLEGAL_TRANSITION: { 'zh-CN': '不允许的阶段变更', en: 'This stage change is not allowed' },
  IN_USE: { 'zh-CN': '记录仍被引用，无法删除', en: 'The record is still in use and cannot be deleted' },
  INVALID_STATE: { 'zh-CN': '当前状态下不能执行此操作', en: 'Not possible in the current state' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '提交的内容过大', en: 'The request is too large' },
  UNSUPPORTED_FILE_TYPE: { 'zh-CN': '不支持的文件类型', en: 'Unsupported file type' },
  RATE_LIMITED: { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的请求内容类型', en: 'Unsupported request content type' },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-CN': '该幂等键已用于另一内容不同的请求',
    en: 'This Idempotency-Key was already used for a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    'zh-CN': '相同幂等键的请求正在处理，请稍后重试',
    en: 'A request with this Idempotency-Key is still being processed; retry shortly',
  },
  INTERNAL: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
} as const;

export type ErrorCode = keyof typeof errorMessages;
export type Locale = 'zh-CN' | 'en';

export const errorCodes = Object.keys(errorMessages) as ErrorCode[];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** One invalid field in a VALIDATION_FAILED error's `details`. */
export interface FieldIssue {
  field: string;
  message: string;
}
