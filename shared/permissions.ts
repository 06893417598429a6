/**
 * Permission codes and roles: the shared vocabulary of the route guards, the menu, the buttons and
 * the audit log. A role is a named set of codes; an account holds role grants, each at an org, and a
 * grant's codes apply to that org's whole subtree.
 */
export const permissions = {
  'orgs.read': '查看组织',
  'orgs.create': '新建组织',
  'orgs.update': '编辑组织',
  'orgs.move': '调整隶属关系',
  'orgs.dissolve': '撤销、合并组织',
  'accounts.read': '查看账号',
  'accounts.manage': '管理账号与授权',
  'sessions.manage': '强制下线',
  'audit.read': '查看审计日志',
  'members.read': '查看会员',
  'members.manage': '登记、编辑会员',
  'members.reveal': '查看完整身份证号和手机号',
  'portal.use': '使用会员服务',
  'workplans.read': '查看工作部署与进度',
  'workplans.manage': '起草、发布工作文件',
  'workplans.report': '填报工作进度',
  'workplans.review': '审核工作进度、督查',
  'welfare.read': '查看帮扶救助、慰问和疗休养',
  'welfare.manage': '登记困难职工档案、帮扶申请、慰问和疗休养',
  'welfare.sensitive': '查看困难职工健康和收入信息',
  'assistance.review': '审核帮扶申请（基层工会）',
  'assistance.approve': '审批帮扶申请（县级以上）、管理帮扶资金',
  'assistance.disburse': '发放帮扶资金',
} as const;

export type PermissionCode = keyof typeof permissions;

export const roleCodes = ['platform_admin', 'federation_staff', 'union_admin', 'union_cadre', 'member'] as const;
export type RoleCode = (typeof roleCodes)[number];

export interface RoleDefinition {
  name: string;
  description: string;
  permissions: readonly PermissionCode[];
}

const adminCodes: PermissionCode[] = [
  'orgs.read',
  'orgs.create',
  'orgs.update',
  'orgs.move',
  'orgs.dissolve',
  'accounts.read',
  'accounts.manage',
  'sessions.manage',
  'audit.read',
  'members.read',
  'members.manage',
  'members.reveal',
  'workplans.read',
  'workplans.manage',
  'workplans.report',
  'workplans.review',
  'welfare.read',
  'welfare.manage',
  'welfare.sensitive',
  'assistance.review',
  'assistance.approve',
  'assistance.disburse',
];

export const roles: Record<RoleCode, RoleDefinition> = {
  platform_admin: {
    name: '平台管理员',
    description: '管理全平台的组织、账号与审计',
    permissions: adminCodes,
  },
  federation_staff: {
    name: '总工会工作人员',
    description: '总工会部室工作人员，查看本级及下级组织',
    permissions: [
      'orgs.read',
      'accounts.read',
      'members.read',
      'workplans.read',
      'workplans.manage',
      'workplans.review',
      'welfare.read',
      'welfare.manage',
      'welfare.sensitive',
      'assistance.approve',
      'assistance.disburse',
    ],
  },
  union_admin: {
    name: '工会管理员',
    description: '管理本工会及全部下级组织与账号',
    permissions: adminCodes,
  },
  union_cadre: {
    name: '工会干部',
    description: '查看本工会及下级组织与会员，填报工作',
    permissions: ['orgs.read', 'members.read', 'workplans.read', 'workplans.report', 'welfare.read', 'welfare.manage'],
  },
  member: {
    name: '会员',
    description: '只能查看和办理本人的事项',
    permissions: ['portal.use'],
  },
};

/** Roles that only a platform admin may grant. */
export const restrictedRoles: readonly RoleCode[] = ['platform_admin'];

/** Whether the permission code exists. */
export function isPermissionCode(code: string): code is PermissionCode {
  return code in permissions;
}
