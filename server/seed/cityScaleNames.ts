/**
 * Vocabulary of the city-scale seed: people's names, enterprise names, union groups, Nantong area codes
 * and mobile prefixes. Names are built from a surname × given-name vocabulary so that millions of members
 * share about a hundred thousand distinct names, and the pinyin of each distinct name is computed once.
 */
import { brandWords, industries } from './nantong';

/**
 * Surnames with a rough frequency weight: the national top list plus names common around Nantong
 * (顾, 施, 陆, 季, 缪, 葛, 冒) and a few that read differently as surnames (曾 zeng, 单 shan, 仇 qiu).
 */
export const weightedSurnames: readonly (readonly [string, number])[] = [
  ['张', 90],
  ['王', 90],
  ['李', 80],
  ['陈', 80],
  ['刘', 60],
  ['徐', 55],
  ['朱', 45],
  ['顾', 45],
  ['施', 40],
  ['黄', 40],
  ['周', 40],
  ['吴', 40],
  ['杨', 35],
  ['陆', 35],
  ['沈', 30],
  ['曹', 25],
  ['季', 25],
  ['孙', 25],
  ['葛', 20],
  ['姜', 20],
  ['钱', 20],
  ['马', 18],
  ['胡', 18],
  ['郭', 15],
  ['何', 15],
  ['高', 15],
  ['林', 15],
  ['缪', 12],
  ['冒', 8],
  ['袁', 12],
  ['蔡', 12],
  ['丁', 12],
  ['范', 12],
  ['严', 10],
  ['宋', 10],
  ['唐', 10],
  ['许', 10],
  ['韩', 10],
  ['冯', 10],
  ['邓', 10],
  ['曾', 8],
  ['彭', 8],
  ['肖', 8],
  ['田', 8],
  ['董', 8],
  ['潘', 8],
  ['蒋', 8],
  ['余', 8],
  ['杜', 8],
  ['叶', 8],
  ['程', 8],
  ['苏', 8],
  ['魏', 8],
  ['吕', 8],
  ['任', 8],
  ['姚', 8],
  ['卢', 8],
  ['崔', 6],
  ['钟', 6],
  ['谭', 6],
  ['汪', 6],
  ['金', 6],
  ['石', 6],
  ['贾', 6],
  ['夏', 6],
  ['方', 6],
  ['邹', 6],
  ['秦', 6],
  ['江', 6],
  ['薛', 6],
  ['倪', 6],
  ['单', 4],
  ['仇', 3],
  ['龚', 4],
  ['邵', 4],
  ['毛', 4],
  ['殷', 4],
  ['瞿', 3],
  ['郁', 3],
  ['欧阳', 2],
  ['司马', 1],
];

/** Characters common in given names; single-character names use them directly. */
export const givenNameChars = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文辉玲燕红梅斌鹏宇浩波琴云峰俊亮晶婷雪飞鑫凤新东海春林',
  ...'志秀英丹萍坤健慧晓蕾莉颖佳倩欣怡瑶琳宁涵子轩博凯晨阳帅翔宏斌荣兵庆彬立德龙成松江卫忠海燕红霞美玉金凤',
  ...'振华永福仁义礼智信和睿思悦雯嘉诚晖铭锦程彤萌冉',
].filter((c, i, all) => all.indexOf(c) === i);

/** Two-character given names that read naturally, besides the ones paired at random below. */
const classicGivenNames = [
  '建国',
  '秀英',
  '海燕',
  '志强',
  '丽华',
  '红梅',
  '国平',
  '晓东',
  '春兰',
  '卫东',
  '建华',
  '建军',
  '玉兰',
  '桂英',
  '秀兰',
  '海峰',
  '文华',
  '志刚',
  '明辉',
  '晓燕',
  '子涵',
  '浩然',
  '欣怡',
  '梓轩',
  '雨桐',
  '一鸣',
  '思远',
  '佳怡',
  '俊杰',
  '晨阳',
];

/**
 * About 1,500 given names: the characters alone, the classic pairs, and pairs drawn by a fixed stride
 * through the character list (deterministic, so every run yields the same vocabulary).
 */
export const givenNames: readonly string[] = (() => {
  const names = new Set<string>([...givenNameChars, ...classicGivenNames]);
  const n = givenNameChars.length;
  for (let i = 0; names.size < 1500; i++) {
    const a = givenNameChars[(i * 7) % n] as string;
    const b = givenNameChars[(i * 13 + Math.floor(i / n)) % n] as string;
    if (a !== b) names.add(a + b);
  }
  return [...names];
})();

/** Brand words for enterprise names: the demo's plus more, so a town's ~300 enterprises rarely repeat. */
export const enterpriseBrands = [
  ...brandWords,
  '长青',
  '振华',
  '华泰',
  '中洲',
  '鸿运',
  '金陵',
  '苏通',
  '通富',
  '星辰',
  '巨龙',
  '恒力',
  '大生',
  '文峰',
  '南洋',
  '华东',
  '九洲',
  '四海',
  '金海',
  '银河',
  '天元',
  '光明',
  '百川',
  '众诚',
  '鼎盛',
  '海天',
  '华能',
  '申通',
  '中远',
  '润达',
  '华信',
];
export const enterpriseIndustries = [
  ...industries,
  '五金',
  '塑业',
  '针织',
  '木业',
  '电缆',
  '环保科技',
  '光伏',
  '新能源',
  '信息技术',
  '钢结构',
  '玻璃',
  '农产品',
  '冷链物流',
  '装饰工程',
  '软件',
];
export const enterpriseSuffixes = ['有限公司', '有限公司', '有限公司', '股份有限公司', '集团有限公司', '实业有限公司'];

/** Names of union groups (分工会、工会小组) inside an enterprise, unique within one union. */
export const unionGroupNames = [
  '第一车间工会小组',
  '第二车间工会小组',
  '第三车间工会小组',
  '第四车间工会小组',
  '机加工车间工会小组',
  '装配车间工会小组',
  '质检部工会小组',
  '仓储物流部工会小组',
  '销售部工会小组',
  '研发中心分工会',
  '生产部分工会',
  '行政后勤工会小组',
  '财务部工会小组',
  '设备动力部工会小组',
  '安环部工会小组',
  '采购部工会小组',
];

/**
 * Nantong area codes as they appear in residents' ID numbers, weighted roughly by population: current
 * codes and the retired ones that people born before a change still carry (GB/T 2260).
 */
export const weightedIdAreaCodes: readonly (readonly [string, number])[] = [
  ['320612', 10], // 通州区
  ['320683', 6], // 通州市 (until 2009)
  ['320613', 8], // 崇川区
  ['320602', 6], // 崇川区 (until 2020)
  ['320611', 3], // 港闸区 (until 2020)
  ['320614', 6], // 海门区
  ['320684', 6], // 海门市 (until 2020)
  ['320623', 10], // 如东县
  ['320681', 10], // 启东市
  ['320682', 13], // 如皋市
  ['320685', 6], // 海安市
  ['320621', 6], // 海安县 (until 2018)
];

/** Mobile prefixes of the seeded roster; the demo roster uses 135–139, so the two never collide. */
export const seedMobilePrefixes = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '198',
  '199',
];

/** Mobile prefixes of generated import files, apart from the seeded roster's. */
export const importMobilePrefixes = ['170', '171', '173', '175', '176', '178', '191', '193', '195', '196', '197'];
