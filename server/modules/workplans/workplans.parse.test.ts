import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftDocument } from '../../../shared/schemas/workplans.draft';
import { extractTargets, parseChineseNumber, parseMonthPhrase, parseNotice, splitDepartments } from './workplans.parse';
import { TARGET_UNITS } from './workplans.parse.targets';
import { normalizeLines } from './workplans.parse.text';

const DIGITS = '零一二三四五六七八九';

/** Writes a whole number the way a notice would spell it in Chinese numerals (一千零五, 二十万三千). */
function toChinese(n: number): string {
  if (n === 0) return '零';
  const groups: Array<[number, string]> = [
    [100_000_000, '亿'],
    [10_000, '万'],
    [1, ''],
  ];
  let rest = n;
  let out = '';
  for (const [size, word] of groups) {
    const part = Math.floor(rest / size);
    rest %= size;
    if (part > 0) out += below10000(part) + word;
    else if (out !== '' && rest > 0 && !out.endsWith('零')) out += '零';
  }
  return out;
}

function below10000(n: number): string {
  const places: Array<[number, string]> = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
    [1, ''],
  ];
  let out = '';
  let rest = n;
  for (const [size, word] of places) {
    const digit = Math.floor(rest / size);
    rest %= size;
    if (digit > 0) out += DIGITS[digit] + word;
    else if (out !== '' && rest > 0 && !out.endsWith('零')) out += '零';
  }
  return out;
}

describe('parseChineseNumber', () => {
  it.each([
    ['5万', 50_000],
    ['2万', 20_000],
    ['一千', 1000],
    ['两千', 2000],
    ['1.5万', 15_000],
    ['2.2万', 22_000],
    ['3000余', 3000],
    ['220多万', 2_200_000],
    ['10万余', 100_000],
    ['约5万', 50_000],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['一百零五', 105],
    ['二十万三千', 203_000],
    ['一亿五千万', 150_000_000],
    ['1万5千', 15_000],
    ['二〇一八', 2018],
    ['１０', 10],
    ['1,000', 1000],
    ['90', 90],
    ['0.5', 0.5],
  ])('%s = %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each(['', 'abc', '十x', '1.2.3', '三十五五', '万一', '亿万'])('%s is not a number', (text) => {
    // 三十五五 has two digits with no place between them; 万一 (if by chance) and 亿万 (countless) are words.
    expect(parseChineseNumber(text)).toBeNull();
  });

  it('reads every whole number written in Arabic digits or in Chinese numerals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), (n) => {
        expect(parseChineseNumber(String(n))).toBe(n);
        expect(parseChineseNumber(toChinese(n))).toBe(n);
      }),
    );
  });

  it('applies 万 to decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), (tenths) => {
        expect(parseChineseNumber(`${tenths / 10}万`)).toBe(tenths * 1000);
      }),
    );
  });
});

describe('extractTargets', () => {
  it('reads the targets of seed 000, activity 6, one per counted item', () => {
    expect(
      extractTargets('完成10场次送教上门培训、200名转岗职工再就业培训、1000名班组长生态文明建设技能培训。'),
    ).toEqual([
      { metric: '送教上门培训', unit: '场次', value: 10, text: '10场次送教上门培训' },
      { metric: '再就业培训', unit: '名', value: 200, text: '200名转岗职工再就业培训' },
      { metric: '班组长', unit: '名', value: 1000, text: '1000名班组长生态文明建设技能培训' },
    ]);
  });

  it('names a count after the head the listed topics share', () => {
    expect(
      extractTargets('举办10场次习近平生态文明思想、生态文明法律法规、生态文明知识主题宣讲和基层巡演活动'),
    ).toEqual([
      {
        metric: '宣讲',
        unit: '场次',
        value: 10,
        text: '10场次习近平生态文明思想、生态文明法律法规、生态文明知识主题宣讲和基层巡演活动',
      },
    ]);
  });

  it.each([
    ['全年培训职工5万人次', { metric: '培训职工', unit: '人次', value: 50_000, text: '全年培训职工5万人次' }],
    ['发展会员2万名', { metric: '发展会员', unit: '名', value: 20_000, text: '发展会员2万名' }],
    ['整改率达到90%', { metric: '整改率', unit: '%', value: 90, text: '整改率达到90%' }],
    ['隐患整改率达到９０％', { metric: '隐患整改率', unit: '%', value: 90, text: '隐患整改率达到９０％' }],
    ['入会率不低于百分之九十', { metric: '入会率', unit: '%', value: 90, text: '入会率不低于百分之九十' }],
    ['慰问困难职工3000余人', { metric: '慰问困难职工', unit: '人', value: 3000, text: '慰问困难职工3000余人' }],
    ['投入资金436万元', { metric: '投入资金', unit: '万元', value: 436, text: '投入资金436万元' }],
    ['安排专项资金1.5亿元', { metric: '安排专项资金', unit: '万元', value: 15_000, text: '安排专项资金1.5亿元' }],
    ['发放慰问金5000元', { metric: '发放慰问金', unit: '元', value: 5000, text: '发放慰问金5000元' }],
    ['每月宣传3-5名劳模', { metric: '劳模', unit: '名', value: 3, text: '3-5名劳模' }],
    ['举办疗休养15期', { metric: '疗休养', unit: '期', value: 15, text: '举办疗休养15期' }],
    [
      '新建户外劳动者爱心服务站二十个',
      { metric: '新建户外劳动者爱心服务站', unit: '个', value: 20, text: '新建户外劳动者爱心服务站二十个' },
    ],
    ['涌现出的10名先进人物事迹', { metric: '先进人物', unit: '名', value: 10, text: '10名先进人物事迹' }],
  ])('%s', (sentence, target) => {
    expect(extractTargets(sentence)).toEqual([target]);
  });

  it('reads a top-ten list as items', () => {
    expect(extractTargets('评选节能减排十大“创新成果”、十大“操作法”。')).toEqual([
      { metric: '创新成果', unit: '项', value: 10, text: '十大“创新成果”' },
      { metric: '操作法', unit: '项', value: 10, text: '十大“操作法”' },
    ]);
  });

  it('gives a figure right after another the same metric (people and money of one activity)', () => {
    expect(extractTargets('帮扶救助困难职工2045人次220多万元')).toEqual([
      { metric: '帮扶救助困难职工', unit: '人次', value: 2045, text: '帮扶救助困难职工2045人次' },
      { metric: '帮扶救助困难职工', unit: '万元', value: 220, text: '220多万元' },
    ]);
  });

  it('names a count whose unit ends a list item by the words before it', () => {
    expect(extractTargets('新建职工书屋示范点1家、最美职工书屋1家').map((t) => [t.metric, t.value, t.unit])).toEqual([
      ['新建职工书屋示范点', 1, '家'],
      ['最美职工书屋', 1, '家'],
    ]);
  });

  it('keeps two percentages of one sentence apart', () => {
    expect(extractTargets('建会率95%、入会率达到90%').map((t) => [t.metric, t.value])).toEqual([
      ['建会率', 95],
      ['入会率', 90],
    ]);
  });

  it.each([
    ['争当“一个龙头、三个先锋”的目标要求', 'numbers inside a quoted slogan'],
    ['开展“百场电影进基层”活动', 'a named activity'],
    ['市委十二届六次全会、省总十四届二次全委会', 'meeting numbers'],
    ['举办第六届直属工会职工文化体育节', 'an ordinal'],
    ['建设一支懂业务、会履职的干部队伍，培育一批典型', 'the article 一'],
    ['千方百计为企业排忧解难，走进千家万户', 'idioms'],
    ['宁启铁路二期、盐通客运专线铁路', 'a project phase'],
    ['在轨道交通1号线', 'a line number'],
    ['2018年9月起，三年来', 'dates and years'],
    ['贯彻中国工会十八大部署', 'a congress'],
    ['每天工作三四个小时', 'an estimate'],
    ['用三个月时间集中开展', 'a duration'],
    ['为52.38万户外劳动者办实事', '户外 is not a household'],
    ['出台《促进产业工人队伍建设十条措施》', 'a document title'],
  ])('finds no target in %s (%s)', (sentence) => {
    expect(extractTargets(sentence)).toEqual([]);
  });

  it('reads every unit, with magnitudes applied', () => {
    const units = TARGET_UNITS.filter((unit) => !unit.endsWith('元'));
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9999 }), fc.constantFrom(...units), fc.boolean(), (n, unit, wan) => {
        const [target, ...more] = extractTargets(`全年完成${n}${wan ? '万' : ''}${unit}任务。`);
        expect(more).toEqual([]);
        expect(target).toMatchObject({ unit, value: wan ? n * 10_000 : n });
      }),
    );
  });

  it('keeps money in 万元 whatever way it is written', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), (n) => {
        expect(extractTargets(`投入${n}万元`)).toMatchObject([{ unit: '万元', value: n }]);
        expect(extractTargets(`投入${n}元`)).toMatchObject([{ unit: '元', value: n }]);
      }),
    );
  });
});

describe('parseMonthPhrase', () => {
  it.each([
    ['（2018年9月起）', '2018-09', null],
    ['(2019年3月起)', '2019-03', null],
    ['（２０１８年１０月起）', '2018-10', null],
    ['二〇一八年九月起', '2018-09', null],
    ['2018年9月—12月', '2018-09', '2018-12'],
    ['2018年9—12月', '2018-09', '2018-12'],
    ['2018年9月至2019年6月', '2018-09', '2019-06'],
    ['2018年11月-2月', '2018-11', '2019-02'],
    ['2019年3月', '2019-03', '2019-03'],
    ['2024年6月底前', null, '2024-06'],
    ['2024年上半年', '2024-01', '2024-06'],
    ['2024年下半年', '2024-07', '2024-12'],
    ['2024年第三季度', '2024-07', '2024-09'],
  ])('%s', (phrase, startMonth, endMonth) => {
    expect(parseMonthPhrase(phrase)).toEqual({ startMonth, endMonth, warning: null });
  });

  it('takes the year of the context for a phrase without one, and says so', () => {
    expect(parseMonthPhrase('（9月起）', 2018)).toEqual({
      startMonth: '2018-09',
      endMonth: null,
      warning: '“9月起”未写明年份，按2018年计',
    });
    expect(parseMonthPhrase('9月起')).toEqual({
      startMonth: null,
      endMonth: null,
      warning: '“9月起”未写明年份，起止月份留空',
    });
  });

  it.each([
    ['全年', '“全年”未写明具体月份，起止月份留空'],
    ['年内', '“年内”未写明具体月份，起止月份留空'],
    ['2024年全年', '“2024年全年”未写明具体月份，起止月份留空'],
    ['2018年13月起', '“2018年13月起”中的年份或月份无效，起止月份留空'],
    ['试点', '无法识别时间表述“试点”，起止月份留空'],
  ])('%s gives no months and a warning', (phrase, warning) => {
    expect(parseMonthPhrase(phrase, 2024)).toEqual({ startMonth: null, endMonth: null, warning });
  });

  it('reads every month of every year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const expected = `${year}-${String(month).padStart(2, '0')}`;
        expect(parseMonthPhrase(`（${year}年${month}月起）`).startMonth).toBe(expected);
        expect(parseMonthPhrase(`${year}年${month}月底前`).endMonth).toBe(expected);
      }),
    );
  });
});

describe('splitDepartments', () => {
  it.each([
    ['宣传教育和网络工作部', ['宣传教育和网络工作部']],
    ['劳动和经济工作部', ['劳动和经济工作部']],
    ['权益保障部、法律工作部', ['权益保障部', '法律工作部']],
    ['权益保障部和法律工作部', ['权益保障部', '法律工作部']],
    ['组织部及女职工部', ['组织部', '女职工部']],
    [
      '市劳动人民文化宫、市唐闸工人文化宫，各县（市）区总工会',
      ['市劳动人民文化宫', '市唐闸工人文化宫', '各县（市）区总工会'],
    ],
    ['市工人业余大学，各县（市）区总工会', ['市工人业余大学', '各县（市）区总工会']],
    ['各县（市、区）总工会等', ['各县（市、区）总工会']],
    ['办公室；财务部。', ['办公室', '财务部']],
    [' 组织部 、 ', ['组织部']],
  ])('%s', (text, names) => {
    expect(splitDepartments(text)).toEqual(names);
  });
});

describe('normalizeLines', () => {
  it('joins a paragraph a page break cut, but never a heading to its text', () => {
    expect(
      normalizeLines(
        '## 一、总体要求\n\n——全市职工生态文明技能比学活动普遍开展。充分发挥工\n\n会“大学校”作用。\n（一）“生态文明风尚我引领”\n将全面学习贯彻。',
      ),
    ).toEqual([
      '一、总体要求',
      '——全市职工生态文明技能比学活动普遍开展。充分发挥工会“大学校”作用。',
      '（一）“生态文明风尚我引领”',
      '将全面学习贯彻。',
    ]);
  });

  it('keeps glossary lines apart', () => {
    const glossary =
      '“推五全促三化”行动：五全，全域覆盖、全员参与、全面落实、全链畅通和全程贯穿；三化，规范化、体系化、实效化';
    expect(normalizeLines(`${glossary}\n“六型”班组：学习型、技能型`)).toHaveLength(2);
  });
});

/** A small notice written the way implementation opinions are: tasks numbered （一）, departments inline. */
const OPINION = `海工发〔2024〕5号
关于推进职工服务阵地建设的实施意见
各区镇总工会：
为更好服务职工，提出如下意见。
一、指导思想
坚持以职工为中心。
二、主要任务
（一）建设爱心服务站（2024年3月—6月）。新建户外劳动者爱心服务站20个。（牵头部门：权益保障部；协同单位：各区镇总工会）
（二）开展送清凉活动（全年）。慰问一线职工约5000人。
牵头部门：办公室
三、保障措施
（一）加强领导。各级工会要高度重视。
附件：1. 服务站建设标准
2. 统计表
海门区总工会
二〇二四年三月一日`;

describe('parseNotice', () => {
  it('reads an implementation opinion whose tasks are the （一） items', () => {
    const draft = parseNotice(OPINION);
    expect(draft).toMatchObject({
      type: 'implementation_opinion',
      docNumber: '海工发〔2024〕5号',
      title: '关于推进职工服务阵地建设的实施意见',
      issuer: '海门区总工会',
      issuedDate: '2024-03-01',
      recipients: ['各区镇总工会'],
      preamble: '为更好服务职工，提出如下意见。',
      attachments: [
        { title: '服务站建设标准', text: '' },
        { title: '统计表', text: '' },
      ],
    });
    expect(draft.sections.map((s) => [s.number, s.title, s.tasks.length, s.groups.length])).toEqual([
      ['一', '指导思想', 0, 0],
      ['二', '主要任务', 2, 0],
      ['三', '保障措施', 0, 1],
    ]);
    expect(draft.sections[1]?.tasks).toEqual([
      {
        number: '（一）',
        group: null,
        title: '建设爱心服务站',
        content: '新建户外劳动者爱心服务站20个。',
        startMonth: '2024-03',
        endMonth: '2024-06',
        leadDepartments: ['权益保障部'],
        cooperatingUnits: ['各区镇总工会'],
        targets: [{ metric: '新建户外劳动者爱心服务站', unit: '个', value: 20, text: '新建户外劳动者爱心服务站20个' }],
      },
      {
        number: '（二）',
        group: null,
        title: '开展送清凉活动',
        content: '慰问一线职工约5000人。',
        startMonth: null,
        endMonth: null,
        leadDepartments: ['办公室'],
        cooperatingUnits: [],
        targets: [{ metric: '慰问一线职工', unit: '人', value: 5000, text: '慰问一线职工约5000人' }],
      },
    ]);
    expect(draft.warnings).toEqual([
      '第二部分（二）“开展送清凉活动”：“全年”未写明具体月份，起止月份留空',
      '第二部分（二）“开展送清凉活动”：未写明起止月份',
      '第二部分（二）“开展送清凉活动”：目标“慰问一线职工约5000人”为约数或区间，已取5000，请核对',
    ]);
    expect(draftDocument.parse(draft)).toEqual(draft);
  });

  it('applies a two-line department block above a group to the tasks below it', () => {
    const draft = parseNotice(
      [
        '关于开展读书活动的通知',
        '各工会：',
        '一、活动内容',
        '（一）读书',
        '牵头部门：宣传教育和网络工作部',
        '协同单位：市劳动人民文化宫',
        '1. 开展读书月（2024年4月起）。',
        '2. 开展征文（2024年5月起）。',
        '（二）观影',
        '3. 组织观影（2024年6月起）。放映电影20场。牵头部门：工会服务中心',
      ].join('\n'),
    );
    const tasks = draft.sections[0]?.tasks ?? [];
    expect(
      tasks.map((t) => [t.number, t.group, t.leadDepartments, t.cooperatingUnits, t.startMonth, t.content]),
    ).toEqual([
      ['1', '（一）', ['宣传教育和网络工作部'], ['市劳动人民文化宫'], '2024-04', ''],
      ['2', '（一）', ['宣传教育和网络工作部'], ['市劳动人民文化宫'], '2024-05', ''],
      ['3', '（二）', ['工会服务中心'], [], '2024-06', '放映电影20场。'],
    ]);
    // Nothing about tasks or departments: only the header this short notice lacks.
    expect(draft.warnings).toEqual(['未找到文号，如有请补充', '未找到发文单位，请补充', '未找到成文日期，请补充']);
  });

  it('warns about a department block whose tasks all named their own', () => {
    const draft = parseNotice(
      '关于开展读书活动的通知\n各工会：\n一、活动内容\n1. 开展读书月（2024年4月起）。（牵头部门：组织部）\n牵头部门：办公室\n协同单位：财务部',
    );
    expect(draft.sections[0]?.tasks[0]).toMatchObject({ leadDepartments: ['组织部'], cooperatingUnits: [] });
    expect(draft.warnings).toContain('第一部分有一处牵头部门或协同单位没有对应到任务，请核对');
  });

  it('takes the year of the previous task for a month without one', () => {
    const draft = parseNotice(
      '关于开展读书活动的通知\n各工会：\n一、活动内容\n1. 开展读书月（2024年4月起）。\n2. 开展征文（9月起）。',
    );
    expect(draft.sections[0]?.tasks[1]?.startMonth).toBe('2024-09');
    expect(draft.warnings).toContain('任务2“开展征文”：“9月起”未写明年份，按2024年计');
  });

  it('warns about a gap in the task numbers and tasks outside any section', () => {
    const draft = parseNotice(
      '1. 开展读书月（2024年4月起）。\n牵头部门：组织部\n3. 开展征文（2024年5月起）。\n牵头部门：组织部',
    );
    expect(draft.sections).toHaveLength(1);
    expect(draft.sections[0]?.tasks.map((t) => t.number)).toEqual(['1', '3']);
    expect(draft.warnings).toEqual([
      '未找到文件标题，请补充',
      '未找到文号，如有请补充',
      '未找到发文单位，请补充',
      '未找到成文日期，请补充',
      '未找到主送单位，请补充',
      '未能从标题判断文件类型，请选择',
      '未找到“一、”式的部分标题，全部任务归入一个未命名部分',
      '未从任务中识别出数值目标，如有请手工添加',
      '任务编号不连续：1之后是3，请检查是否有任务未识别',
    ]);
  });

  it('never throws, and always gives a draft the shared schema accepts', () => {
    const pieces = ['一、', '（一）', '1. ', '12、', '牵头部门：', '协同单位：', '。', '，', '、', '\n', '\n\n'];
    const words = [
      '开展活动',
      '组织部',
      '和',
      '10名',
      '5万人次',
      '90%',
      '（2018年9月起）',
      '（全年）',
      '“十大”',
      '附件：',
    ];
    const text = fc.array(fc.constantFrom(...pieces, ...words), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 200 })), (input) => {
        const draft = parseNotice(input);
        expect(draftDocument.safeParse(draft).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
