/** Place names of the demo city: Nantong's current districts (GB/T 2260) and their towns, streets and parks. */

export const city = { name: '南通市总工会', shortName: '市总工会', areaCode: '320600', address: '南通市崇川区工农路 486 号' };

export const districts = [
  { key: 'tongzhou', name: '通州区总工会', areaCode: '320612', place: '通州' },
  { key: 'chongchuan', name: '崇川区总工会', areaCode: '320613', place: '崇川' },
  { key: 'haimen', name: '海门区总工会', areaCode: '320614', place: '海门' },
  { key: 'rudong', name: '如东县总工会', areaCode: '320623', place: '如东' },
  { key: 'qidong', name: '启东市总工会', areaCode: '320681', place: '启东' },
  { key: 'rugao', name: '如皋市总工会', areaCode: '320682', place: '如皋' },
  { key: 'haian', name: '海安市总工会', areaCode: '320685', place: '海安' },
] as const;

export type DistrictKey = (typeof districts)[number]['key'];

/** Towns, streets and parks; each becomes a 乡镇（街道）、园区总工会. */
export const towns: Record<DistrictKey, string[]> = {
  tongzhou: ['金沙街道', '西亭镇', '二甲镇', '东社镇', '三余镇', '十总镇', '石港镇', '刘桥镇', '平潮镇', '兴东街道', '先锋街道', '张芝山镇', '川姜镇', '通州高新技术产业开发区'],
  chongchuan: ['和平桥街道', '任港街道', '新城桥街道', '虹桥街道', '学田街道', '钟秀街道', '文峰街道', '观音山街道', '狼山镇街道', '幸福街道', '陈桥街道', '秦灶街道', '唐闸镇街道', '天生港镇街道', '永兴街道', '南通市北高新区'],
  haimen: ['常乐镇', '三厂街道', '海门街道', '悦来镇', '临江镇', '正余镇', '包场镇', '余东镇', '四甲镇', '叠石桥国际家纺产业园区', '海门经济技术开发区', '三厂工业园区'],
  rudong: ['掘港街道', '栟茶镇', '洋口镇', '岔河镇', '双甸镇', '马塘镇', '河口镇', '曹埠镇', '袁庄镇', '如东经济开发区'],
  qidong: ['汇龙镇', '南阳镇', '北新镇', '王鲍镇', '合作镇', '海复镇', '近海镇', '寅阳镇', '吕四港镇', '启东经济开发区'],
  rugao: ['如城街道', '东陈镇', '丁堰镇', '白蒲镇', '下原镇', '九华镇', '石庄镇', '长江镇', '搬经镇', '如皋经济技术开发区'],
  haian: ['海安街道', '城东镇', '曲塘镇', '李堡镇', '角斜镇', '大公镇', '雅周镇', '白甸镇', '南莫镇', '海安高新技术产业开发区'],
};

/** Industry unions directly under the city federation. */
export const industryUnions = ['市教育工会', '市卫生健康工会', '市建设工会', '市交通运输工会', '市机关工会', '市金融工会'];

/** Name parts for plausible enterprise names. */
export const brandWords = [
  '通达', '华汇', '恒瑞', '金鼎', '兴盛', '瑞丰', '宏图', '天润', '博远', '鑫源', '长江', '江海', '海润', '中天', '德誉',
  '新港', '东方', '锦程', '富华', '永固', '嘉禾', '佳宁', '蓝海', '绿洲', '紫琅', '濠河', '狼山', '启航', '如意', '安泰',
  '明达', '立信', '盛泰', '同创', '远洋', '精工', '凯德', '华伦', '晟泰', '国信', '汇丰', '联发', '荣盛', '宝丽', '万达',
];
export const industries = [
  '纺织', '家纺', '机械', '电子', '建设工程', '船舶重工', '化工', '物流', '食品', '服饰', '精密制造', '新材料', '医药',
  '电力设备', '海洋工程', '汽车零部件', '印染', '包装', '建材', '智能装备',
];
export const institutionKinds = ['中心小学', '初级中学', '卫生院', '社区卫生服务中心', '便民服务中心', '文化站'];
export const jointKinds = ['快递物流行业联合工会', '商务楼宇联合工会', '村（社区）联合工会', '小微企业联合工会'];
export const tradeKinds = ['餐饮行业工会', '建筑行业工会', '家纺行业工会', '货运行业工会', '网约车行业工会'];
export const surnames = ['张', '王', '李', '陈', '刘', '杨', '黄', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭', '何', '高', '林', '顾', '施'];
export const givenNames = ['建国', '秀英', '海燕', '志强', '丽华', '伟', '静', '敏', '磊', '军', '红梅', '国平', '晓东', '春兰', '卫东'];
