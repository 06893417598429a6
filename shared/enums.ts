/** Enumerations with their Chinese labels, shared by the server (validation) and the web (display). */

export const orgTypes = {
  city_federation: '市总工会',
  county_federation: '县（市、区）总工会',
  industry_union: '产业工会',
  town_federation: '乡镇（街道）、园区总工会',
  grassroots_enterprise: '企业工会',
  grassroots_institution: '机关事业单位工会',
  grassroots_joint: '联合工会',
  grassroots_trade: '行业工会',
  union_group: '分工会、工会小组',
} as const;
export type OrgType = keyof typeof orgTypes;
export const orgTypeCodes = Object.keys(orgTypes) as [OrgType, ...OrgType[]];

export const grassrootsTypes: readonly OrgType[] = [
  'grassroots_enterprise',
  'grassroots_institution',
  'grassroots_joint',
  'grassroots_trade',
];

/** Which parent types each org type may be created under; an empty list marks a root type. */
export const allowedParentTypes: Record<OrgType, readonly OrgType[]> = {
  city_federation: [],
  county_federation: ['city_federation'],
  industry_union: ['city_federation', 'county_federation'],
  town_federation: ['city_federation', 'county_federation'],
  grassroots_enterprise: ['city_federation', 'county_federation', 'industry_union', 'town_federation'],
  grassroots_institution: ['city_federation', 'county_federation', 'industry_union', 'town_federation'],
  grassroots_joint: ['city_federation', 'county_federation', 'industry_union', 'town_federation'],
  grassroots_trade: ['city_federation', 'county_federation', 'industry_union', 'town_federation'],
  union_group: [...grassrootsTypes, 'union_group'],
};

/** Org types that have departments (部室). */
export const federationTypes: readonly OrgType[] = ['city_federation', 'county_federation'];

/** The departments every federation is created with (DOMAIN.md). */
export const defaultDepartments = [
  '办公室',
  '组织部（基层工作部）',
  '宣传教育和网络工作部',
  '劳动和经济工作部',
  '权益保障部',
  '法律工作部',
  '财务部',
  '女职工部',
  '经费审查委员会',
] as const;

export const orgStatuses = { active: '正常', merged: '已合并', dissolved: '已撤销' } as const;
export type OrgStatus = keyof typeof orgStatuses;
export const orgStatusCodes = Object.keys(orgStatuses) as [OrgStatus, ...OrgStatus[]];

export const accountStatuses = { active: '正常', locked: '已锁定' } as const;
export type AccountStatus = keyof typeof accountStatuses;
export const accountStatusCodes = Object.keys(accountStatuses) as [AccountStatus, ...AccountStatus[]];

export const auditResults = { success: '成功', failure: '失败', denied: '拒绝' } as const;
export type AuditResult = keyof typeof auditResults;
export const auditResultCodes = Object.keys(auditResults) as [AuditResult, ...AuditResult[]];

/** Every audit action code with its Chinese label; the audit page filters by these. */
export const auditActions = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.password_change': '修改密码',
  'auth.locked_out': '多次失败被锁定',
  'orgs.create': '新建组织',
  'orgs.update': '编辑组织',
  'orgs.move': '调整隶属关系',
  'orgs.dissolve': '撤销组织',
  'orgs.merge': '合并组织',
  'orgs.department_create': '新建部室',
  'accounts.create': '新建账号',
  'accounts.update': '编辑账号',
  'accounts.grant': '授予角色',
  'accounts.revoke': '撤销角色',
  'accounts.reset_password': '重置密码',
  'accounts.lock': '锁定账号',
  'accounts.unlock': '解锁账号',
  'sessions.end': '强制下线',
  'members.create': '登记会员',
  'members.update': '编辑会员',
  'members.status': '变更会员状态',
  'members.view': '查看会员详情',
  'members.search': '查询会员',
  'members.reveal': '查看完整个人信息',
  'members.export': '导出会员名册',
  'members.self_view': '会员查看本人信息',
  'members.self_export': '会员下载本人信息',
  'members.correction_request': '会员申请更正信息',
  'members.correction_approve': '通过信息更正申请',
  'members.correction_reject': '驳回信息更正申请',
  'members.import_preview': '上传会员导入文件',
  'members.import_commit': '提交会员导入',
  'members.import_report': '下载导入错误报告',
  'accounts.register': '注册账号（申请入会）',
  'members.join_request': '申请入会',
  'members.join_view': '查看入会申请',
  'members.join_reveal': '查看入会申请完整信息',
  'members.join_approve': '通过入会申请',
  'members.join_reject': '驳回入会申请',
  'members.transfer_request': '发起转会',
  'members.transfer_accept': '同意转会',
  'members.transfer_decline': '拒绝转会',
  'members.transfer': '会员转会',
  'workplans.create': '起草工作文件',
  'workplans.update': '修改工作文件',
  'workplans.delete': '删除工作文件草稿',
  'workplans.publish': '发布工作文件',
  'workplans.close': '结束工作文件',
  'workplans.report': '填报工作进度',
  'workplans.review': '审核工作进度',
  'workplans.split': '分解目标任务',
  'workplans.comment': '督查意见',
  'workplans.export': '导出工作进度',
  'metrics.records': '查看统计指标明细',
  'access.denied': '越权访问被拒绝',
} as const;
export type AuditAction = keyof typeof auditActions;
export const auditActionCodes = Object.keys(auditActions) as [AuditAction, ...AuditAction[]];

export const auditTargetTypes = {
  org: '组织',
  account: '账号',
  session: '会话',
  department: '部室',
  member: '会员',
  member_join: '入会申请',
  member_import: '会员导入',
  workplan_document: '工作文件',
  workplan_report: '进度填报',
} as const;
export type AuditTargetType = keyof typeof auditTargetTypes;

/** Chinese names of the keys that appear in audit details (the audit page shows these). */
export const auditDetailKeys: Record<string, string> = {
  reason: '原因',
  fileName: '文件名',
  total: '总行数',
  valid: '有效行数',
  invalid: '错误行数',
  added: '新增会员数',
  skipped: '跳过行数',
  username: '用户名',
  changes: '变更',
  before: '修改前',
  after: '修改后',
  grants: '授权',
  grantId: '授权编号',
  role: '角色',
  orgId: '组织编号',
  orgName: '组织',
  parentId: '上级组织编号',
  fromParentId: '原上级组织编号',
  toParentId: '新上级组织编号',
  fromPath: '原路径',
  toPath: '新路径',
  changed: '更新行数',
  mergedIntoId: '并入组织编号',
  sessionsEnded: '结束的会话数',
  otherSessionsEnded: '结束的其他会话数',
  ended: '结束的会话数',
  failures: '连续失败次数',
  route: '接口',
  permission: '所需权限',
  name: '名称',
  shortName: '简称',
  displayName: '姓名',
  mobile: '手机号',
  areaCode: '行政区划代码',
  creditCode: '统一社会信用代码',
  address: '地址',
  contactName: '联系人',
  contactPhone: '联系电话',
  termStart: '任期开始',
  termEnd: '任期结束',
  field: '字段',
  filters: '查询条件',
  results: '结果条数',
  revealed: '含完整证件号的条数',
  comment: '处理意见',
  correctionId: '更正申请编号',
  joinId: '入会申请编号',
  memberId: '会员编号',
  transferId: '转会申请编号',
  fromOrg: '转出工会',
  toOrg: '转入工会',
  initiatedBy: '发起方',
  cardNo: '会员卡号',
  idNumber: '身份证号',
  note: '说明',
  status: '状态',
  date: '日期',
  metric: '指标',
  from: '开始日期',
  to: '结束日期',
  documentId: '工作文件编号',
  format: '文件格式',
  cells: '单位指标数',
};

/** Chinese labels of the coded reasons in audit details. */
export const auditReasons: Record<string, string> = {
  unknown_user: '用户名不存在',
  wrong_password: '密码错误',
  locked_out: '账号处于锁定期',
  disabled: '账号已被管理员锁定',
};
