/** Enumerations of the member roster with their Chinese labels (server validation and web display). */

export const genders = { male: '男', female: '女' } as const;
export type Gender = keyof typeof genders;
export const genderCodes = Object.keys(genders) as [Gender, ...Gender[]];

export const memberStatuses = { active: '在册', transferred_out: '转出', left: '退会', deceased: '去世' } as const;
export type MemberStatus = keyof typeof memberStatuses;
export const memberStatusCodes = Object.keys(memberStatuses) as [MemberStatus, ...MemberStatus[]];

/** Worker categories, including the new forms of employment the federation organises (seed 004). */
export const workerCategories = {
  regular: '普通职工',
  migrant: '农民工',
  dispatched: '劳务派遣',
  courier: '快递员',
  food_delivery: '外卖骑手',
  ride_hailing: '网约车司机',
  truck_driver: '货车司机',
  flexible: '其他灵活就业',
} as const;
export type WorkerCategory = keyof typeof workerCategories;
export const workerCategoryCodes = Object.keys(workerCategories) as [WorkerCategory, ...WorkerCategory[]];
/** The new-employment-form categories (新就业形态劳动者). */
export const newEmploymentCategories: readonly WorkerCategory[] = [
  'courier',
  'food_delivery',
  'ride_hailing',
  'truck_driver',
];

export const educationLevels = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下'] as const;
export const politicalStatuses = [
  '中共党员',
  '中共预备党员',
  '共青团员',
  '民主党派成员',
  '无党派人士',
  '群众',
] as const;

/** The 56 ethnic groups as written on resident ID cards, plus the two other entries the card allows. */
export const ethnicities = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
  '穿青人',
  '其他',
] as const;

/** Age bands of the member statistics. */
export const ageBands = [
  { code: 'under_25', label: '25 岁以下', min: 0, max: 24 },
  { code: '25_34', label: '25–34 岁', min: 25, max: 34 },
  { code: '35_44', label: '35–44 岁', min: 35, max: 44 },
  { code: '45_54', label: '45–54 岁', min: 45, max: 54 },
  { code: '55_plus', label: '55 岁及以上', min: 55, max: 200 },
] as const;

/** The states of a join application (入会申请), as the applicant and the union read them. */
export const joinStatuses = { pending: '待审核', approved: '已通过', rejected: '未通过' } as const;
export type JoinStatus = keyof typeof joinStatuses;
export const joinStatusCodes = Object.keys(joinStatuses) as [JoinStatus, ...JoinStatus[]];

/** The states of a transfer (转会). */
export const transferStatuses = { pending: '待确认', accepted: '已转入', declined: '未同意' } as const;
export type TransferStatus = keyof typeof transferStatuses;
export const transferStatusCodes = Object.keys(transferStatuses) as [TransferStatus, ...TransferStatus[]];

/** Who started a transfer; the side that did not must agree (for a member's own request, the receiving union). */
export const transferInitiators = { sending: '转出工会', receiving: '转入工会', member: '会员本人' } as const;
export type TransferInitiator = keyof typeof transferInitiators;
export const transferInitiatorCodes = Object.keys(transferInitiators) as [TransferInitiator, ...TransferInitiator[]];
