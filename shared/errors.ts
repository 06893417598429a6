/**
 * The error catalog: every error the API can answer, with a stable id ("module/reason"), its HTTP
 * status and the Chinese message a user sees. The server throws by id; the web shows `message`.
 */
export const errorCatalog = {
  'common/invalid_input': { status: 400, message: '提交的数据有误，请检查后重试' },
  'common/malformed_json': { status: 400, message: '请求内容不是有效的 JSON' },
  'common/unsupported_media_type': { status: 415, message: '不支持的请求内容类型' },
  'common/payload_too_large': { status: 413, message: '提交的内容过大' },
  'common/not_found': { status: 404, message: '请求的资源不存在' },
  'common/method_not_allowed': { status: 405, message: '不支持的请求方法' },
  'common/rate_limited': { status: 429, message: '操作过于频繁，请稍后再试' },
  'common/internal': { status: 500, message: '系统繁忙，请稍后再试' },
  'common/conflict': { status: 409, message: '数据已被他人修改，请刷新后重试' },
  'auth/unauthenticated': { status: 401, message: '请先登录' },
  'auth/session_expired': { status: 401, message: '登录已过期，请重新登录' },
  'auth/invalid_credentials': { status: 401, message: '用户名或密码错误' },
  'auth/account_locked': { status: 423, message: '账号已锁定，请稍后再试或联系管理员' },
  'auth/account_disabled': { status: 403, message: '账号已被管理员锁定，请联系管理员' },
  'auth/csrf': { status: 403, message: '页面已过期，请刷新后重试' },
  'auth/forbidden': { status: 403, message: '没有权限执行此操作' },
  'auth/password_change_required': { status: 403, message: '首次登录请先修改密码' },
  'auth/weak_password': {
    status: 400,
    message: '密码至少 10 位，且包含大写字母、小写字母、数字、符号中的至少三类',
  },
  'auth/wrong_password': { status: 400, message: '当前密码不正确' },
  'auth/same_password': { status: 400, message: '新密码不能与当前密码相同' },
  'orgs/not_found': { status: 404, message: '组织不存在' },
  'orgs/invalid_parent_type': { status: 400, message: '该类型的组织不能建在所选上级组织之下' },
  'orgs/duplicate_credit_code': { status: 409, message: '统一社会信用代码已被其他组织使用' },
  'orgs/duplicate_name': { status: 409, message: '同一上级组织下已有同名组织' },
  'orgs/invalid_credit_code': { status: 400, message: '统一社会信用代码校验位错误' },
  'orgs/move_into_own_subtree': { status: 400, message: '不能把组织移动到它自己或它的下级组织之下' },
  'orgs/move_root': { status: 400, message: '不能移动最高一级组织' },
  'orgs/own_scope_top': { status: 403, message: '不能调整或撤销本级组织，请联系上级工会办理' },
  'orgs/not_active': { status: 409, message: '该组织已撤销或合并，不能执行此操作' },
  'orgs/has_active_children': { status: 409, message: '该组织还有未撤销的下级组织，请先处理下级组织' },
  'orgs/invalid_merge_target': { status: 400, message: '合并目标组织无效' },
  'orgs/invalid_term': { status: 400, message: '任期结束日期不能早于开始日期' },
  'orgs/department_not_allowed': { status: 400, message: '只有总工会可以设置部室' },
  'orgs/duplicate_department': { status: 409, message: '已有同名部室' },
  'accounts/not_found': { status: 404, message: '账号不存在' },
  'accounts/duplicate_username': { status: 409, message: '用户名已被使用' },
  'accounts/duplicate_mobile': { status: 409, message: '手机号已被其他账号使用' },
  'accounts/role_not_grantable': { status: 403, message: '不能授予超出自己权限的角色' },
  'accounts/grant_not_found': { status: 404, message: '授权不存在' },
  'accounts/duplicate_grant': { status: 409, message: '该账号在此组织已有相同角色' },
  'accounts/department_mismatch': { status: 400, message: '所选部室不属于该组织' },
  'accounts/cannot_change_self': { status: 400, message: '不能对自己的账号执行此操作' },
  'members/not_found': { status: 404, message: '会员不存在' },
  'members/duplicate_id_number': {
    status: 409,
    message: '该身份证号码已登记为会员（一人只能是一个工会的会员），可发起转会',
  },
  'members/gender_mismatch': { status: 400, message: '性别与身份证号码不符' },
  'members/birth_date_mismatch': { status: 400, message: '出生日期与身份证号码不符' },
  'members/age_out_of_range': { status: 400, message: '入会时年龄应在 16 至 100 周岁之间' },
  'members/joined_in_future': { status: 400, message: '入会日期不能晚于今天' },
  'members/invalid_union': { status: 400, message: '会员只能属于基层工会或其下的分工会、工会小组' },
  'members/not_linked': { status: 404, message: '您的账号尚未关联会员信息，请先申请入会或联系所在工会' },
  'members/correction_pending': { status: 409, message: '您已有一条更正申请正在审核，请等待工会处理' },
  'members/correction_not_found': { status: 404, message: '更正申请不存在' },
  'members/correction_decided': { status: 409, message: '该更正申请已处理' },
  'members/same_status': { status: 409, message: '会员已是该状态' },
  'audit/not_found': { status: 404, message: '日志不存在' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorId = keyof typeof errorCatalog;

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: ErrorId;
  message: string;
  details?: unknown;
}
