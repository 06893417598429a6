import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../server/modules/workplans/workplans.parse';
import { type DraftDocument, draftDocument } from '../shared/schemas/workplans.draft';

// Copies of ../shared/seeds (beside the repository) that the demo data is also built from, so the suite runs from a checkout alone.
const fixtures = path.join(import.meta.dirname, '..', 'server', 'seed', 'notices');
const sharedSeeds = path.join(import.meta.dirname, '..', '..', 'shared', 'seeds');
const seed = (name: string) => fs.readFileSync(path.join(fixtures, `${name}.txt`), 'utf8');

/** The start and end of a long text: enough to see that a paragraph was cut in the right places. */
const gist = (text: string) => (text.length <= 30 ? text : `${text.slice(0, 12)}…${text.slice(-12)}`);

/** The draft with long texts reduced to their gist, so the whole structure fits in one expectation. */
function outline(draft: DraftDocument) {
  return {
    ...draft,
    preamble: gist(draft.preamble),
    fullText: undefined,
    sections: draft.sections.map((section) => ({
      ...section,
      content: gist(section.content),
      groups: section.groups.map((group) => ({ ...group, content: gist(group.content) })),
      tasks: section.tasks.map((task) => ({ ...task, content: gist(task.content) })),
    })),
  };
}

/** Every text the parser kept is a piece of the notice (line breaks aside): nothing garbled or invented. */
function expectTextsFromSource(draft: DraftDocument, source: string) {
  const flat = source.replace(/\s+/g, '');
  const texts = draft.sections.flatMap((s) => [
    s.title,
    ...s.content.split('\n'),
    ...s.groups.flatMap((g) => [g.title, ...g.content.split('\n')]),
    ...s.tasks.flatMap((t) => [t.title, ...t.content.split('\n'), ...t.targets.map((target) => target.text)]),
  ]);
  for (const text of texts) expect(flat).toContain(text.replace(/\s+/g, ''));
}

const COUNTIES = '各县（市）区总工会';
const task = (
  number: string,
  group: string | null,
  title: string,
  startMonth: string | null,
  lead: string[],
  cooperating: string[],
  content: string,
  targets: Array<[string, string, number, string]> = [],
) => ({
  number,
  group,
  title,
  content,
  startMonth,
  endMonth: null,
  leadDepartments: lead,
  cooperatingUnits: cooperating,
  targets: targets.map(([metric, unit, value, text]) => ({ metric, unit, value, text })),
});

describe('seed 000: the 2018 campaign notice 通工发〔2018〕34号', () => {
  const source = seed('000');
  const draft = parseNotice(source);

  it('parses to its exact structure: 4 sections, 10 numbered activities under 4 groups of section 三', () => {
    const publicity = ['宣传教育和网络工作部'];
    const labour = ['劳动和经济工作部'];
    expect(outline(draft)).toEqual({
      type: 'campaign',
      docNumber: '通工发〔2018〕34号',
      title: '关于开展“工会在身边·美丽南通我先行”主题活动的通知',
      issuer: '南通市总工会',
      issuedDate: '2018-09-06',
      recipients: ['各县（市）区、产业、集团公司工会', '市总各直属基层工会', '市总各直属事业单位', '市总机关各部室'],
      preamble: '为认真落实省总工会《关于…”主题活动。现通知如下：',
      attachments: [],
      fullText: undefined,
      warnings: [],
      sections: [
        {
          number: '一',
          title: '总体要求',
          content: '以习近平新时代中国特色社…、建设美丽南通建功立业。',
          groups: [],
          tasks: [],
        },
        {
          number: '二',
          title: '目标任务',
          content: '——全市职工生态文明意识…，凝心聚力共谋企业发展。',
          groups: [],
          tasks: [],
        },
        {
          number: '三',
          title: '活动内容',
          content: '',
          groups: [
            {
              number: '（一）',
              title: '“生态文明风尚我引领”',
              content: '将全面学习贯彻习近平生态…保护生态环境的浓厚氛围。',
            },
            {
              number: '（二）',
              title: '“生态文明建设我贡献”',
              content: '坚持把岗位创新作为劳动和…动形成更多绿色创新成果。',
            },
            {
              number: '（三）',
              title: '“生态文明技能我钻研”',
              content: '贯彻落实《新时期产业工人…展、循环发展、低碳发展。',
            },
            {
              number: '（四）',
              title: '“生态文明发展我维护”',
              content: '准确把握生态文明群众监督…态文明建设中的独特作用。',
            },
          ],
          tasks: [
            task(
              '1',
              '（一）',
              '开展“生态文明知识基层行”活动',
              '2018-09',
              publicity,
              ['市劳动人民文化宫', '市唐闸工人文化宫', COUNTIES],
              '将习近平生态文明思想学习…小妙招”征集评选等活动。',
              [['宣讲', '场次', 10, '10场次习近平生态文明思想、生态文明法律法规、生态文明知识主题宣讲和基层巡演活动']],
            ),
            task(
              '2',
              '（一）',
              '开展“生态文明建设英雄谱”宣传',
              '2018-09',
              publicity,
              ['市劳动人民文化宫', '市唐闸工人文化宫', COUNTIES],
              '借助工会官网、官微等平台…出的10名先进人物事迹。',
              [['先进人物', '名', 10, '10名先进人物事迹']],
            ),
            task(
              '3',
              '（二）',
              '开展绿色转型升级重点项目劳动竞赛',
              '2018-10',
              labour,
              [COUNTIES],
              '聚焦我市“双百工程”，在…措施，提高资源利用效率。',
            ),
            task(
              '4',
              '（二）',
              '开展环境执法职业技能大赛',
              '2019-03',
              labour,
              [COUNTIES],
              '以生态文明监督管理一线执…污染综合防治的能力水平。',
            ),
            task(
              '5',
              '（二）',
              '开展“环境保护随手拍”大赛',
              '2018-10',
              labour,
              [COUNTIES],
              '组织动员广大职工立足班组…，全面提升污染治理水平。',
            ),
            task(
              '6',
              '（三）',
              '开展生态文明建设职业技能“十百千”活动',
              '2018-09',
              labour,
              ['市工人业余大学', COUNTIES],
              '以经济转型发展重点产业、…长生态文明建设技能培训。',
              [
                ['送教上门培训', '场次', 10, '10场次送教上门培训'],
                ['再就业培训', '名', 200, '200名转岗职工再就业培训'],
                ['班组长', '名', 1000, '1000名班组长生态文明建设技能培训'],
              ],
            ),
            task(
              '7',
              '（三）',
              '开展节能减排“创新成果”“操作法”评选活动',
              '2019-04',
              labour,
              ['市工人业余大学', COUNTIES],
              '组织动员广大职工围绕关键…成果”、十大“操作法”。',
              [
                ['创新成果', '项', 10, '十大“创新成果”'],
                ['操作法', '项', 10, '十大“操作法”'],
              ],
            ),
            task(
              '8',
              '（三）',
              '举办“绿色发展、节能减排”创新讲坛',
              '2019-06',
              labour,
              ['市工人业余大学', COUNTIES],
              '总结交流群众性生态文明建…企业职工群众中深入落实。',
            ),
            task(
              '9',
              '（四）',
              '组建节能减排义务监督员队伍',
              '2018-09',
              labour,
              [COUNTIES],
              '依托工会劳动保护监督检查…专项行动等有关部门反映。',
            ),
            task(
              '10',
              '（四）',
              '开展生态文明建设“走帮服”活动',
              '2018-09',
              ['权益保障部', '法律工作部'],
              [COUNTIES],
              '以化工、印染、钢丝绳、建…工生产生活稳定排忧解难。',
            ),
          ],
        },
        {
          number: '四',
          title: '保障措施',
          content: '',
          groups: [
            {
              number: '（一）',
              title: '加强领导，汇聚合力',
              content: '各级工会要把开展“工会在…动扎实开展创造有利条件。',
            },
            {
              number: '（二）',
              title: '注重方法，务求实效',
              content: '各级工会要创新思路，搭建…美丽南通发挥主力军作用。',
            },
            {
              number: '（三）',
              title: '强化激励，选树典型',
              content: '设立南通市职工生态文明建…展、建设美丽南通的过程。',
            },
          ],
          tasks: [],
        },
      ],
    });
  });

  it('mends paragraphs cut by page breaks', () => {
    const activity10 = draft.sections[2]?.tasks[9];
    expect(activity10?.content).toBe(
      '以化工、印染、钢丝绳、建材等行业及列入落后产能淘汰和过剩产能压减范围内行业企业为重点，开展生态文明建设“走帮服”活动，掌握相关企业和职工群众生产生活现状、思想动态等情况，千方百计为企业绿色转型升级、职工生产生活稳定排忧解难。',
    );
    expect(draft.sections[1]?.content.split('\n')).toHaveLength(5);
    expect(draft.sections[1]?.content).toContain('充分发挥工会“大学校”作用');
    expect(draft.sections[3]?.groups[2]?.content).toContain('导致职工生活困难的临时救助等');
  });

  it('keeps only text of the notice, and passes the shared schema', () => {
    expectTextsFromSource(draft, source);
    expect(draftDocument.parse(draft)).toEqual(draft);
  });
});

describe('seed 004: the 2024 work plan of the directly affiliated unions', () => {
  const source = seed('004');
  const draft = parseNotice(source);

  it('parses to its exact structure: 4 sections, 12 numbered items, a glossary as attachment', () => {
    const item = (number: string, title: string, content: string) => task(number, null, title, null, [], [], content);
    expect(outline(draft)).toEqual({
      type: 'work_plan',
      docNumber: null,
      title: '南通市总工会关于印发2024年直属工会工作要点的通知',
      issuer: '南通市总工会',
      issuedDate: null,
      recipients: ['市总各直属工会'],
      preamble: '现将南通市总工会《202…南通现代化建设团结奋斗。',
      fullText: undefined,
      attachments: [
        {
          title: '有关名词解释',
          text: [
            '“五小”：小发明、小创造、小革新、小设计、小建议',
            '“推五全促三化”行动：五全，全域覆盖、全员参与、全面落实、全链畅通和全程贯穿；三化，规范化、体系化、实效化',
            '“六有”工会标准：一是有依法选举的工会主席，二是有独立健全的组织机构，三是有服务职工的活动载体，四是健全完善的制度机制，五是有自主管理的工会经费，六是有会员满意的工作绩效。',
            '“六型”班组：学习型、技能型、创新型、环保型、效益型、和谐型',
          ].join('\n'),
        },
      ],
      warnings: [
        '未找到文号，如有请补充',
        '未找到成文日期，请补充',
        '全部12项任务均未写明起止月份，请审核时补充',
        '全部12项任务均未写明牵头部门，请审核时补充',
        '未从任务中识别出数值目标，如有请手工添加',
      ],
      sections: [
        {
          number: '一',
          title: '加强思想政治引领，教育引导广大职工坚定不移听党话、跟党走',
          content: '',
          groups: [],
          tasks: [
            item('1', '坚持用创新理论武装职工', '以学习贯彻党的二十大精神…团结奋斗的共同思想基础。'),
            item('2', '坚持用正确舆论引导职工', '聚焦学习宣传贯彻党二十大…动最光荣”的时代最强音。'),
            item('3', '坚持用先进文化培育职工', '要深入落实全总《关于加强…直属工会职工文化体育节。'),
          ],
        },
        {
          number: '二',
          title: '围绕中心服务大局，组织动员广大职工奋进新征程、建工新时代',
          content: '',
          groups: [],
          tasks: [
            item('4', '深化产业工人队伍建设改革', '总结直属产改三年来的产改…交流及深化产改工作会议。'),
            item('5', '广泛深入开展劳动和技能竞赛', '围绕全市重大工程、重大项…和技能竞赛优胜单位评选。'),
            item('6', '大力弘扬劳模精神、劳动精神、工匠精神', '各基层工会要以五一劳动奖…造伟大在全社会蔚然成风。'),
          ],
        },
        {
          number: '三',
          title: '竭诚服务职工群众，不断增强广大职工的获得感、幸福感、安全感',
          content: '',
          groups: [],
          tasks: [
            item('7', '不断提升民主管理工作质效', '积极践行全过程人民民主，…与市总优秀提案征集活动。'),
            item('8', '不断推进新时代和谐劳动关系', '认真贯彻落实《关于推进新…决维护劳动领域政治安全。'),
            item('9', '不断提高职工生活品质', '牢固树立工会服务品牌意识…工生活幸福企业建设活动。'),
          ],
        },
        {
          number: '四',
          title: '树立大抓基层鲜明导向，不断增强基层工会的引领力、组织力、服务力',
          content: '',
          groups: [],
          tasks: [
            item('10', '夯实基层工会基础', '积极适应新形势下基层工会…组建设成果展示竞赛活动。'),
            item('11', '激发基层工会活力', '各基层工会要顺应新发展阶…会（创新）成果展示活动。'),
            item('12', '提高基层工会服务职工能力水平', '加强对基层工会干部的教育…升服务职工的能力和水平。'),
          ],
        },
      ],
    });
  });

  it('mends paragraphs cut by page breaks and keeps the plan title and its general requirement as preamble', () => {
    expect(draft.sections[3]?.tasks[1]?.content).toMatch(/^各基层工会要顺应新发展阶段工会工作的新使命、新要求/);
    expect(draft.sections[0]?.tasks[0]?.content).toContain('巩固团结奋斗的共同思想基础。');
    expect(draft.preamble.split('\n')).toEqual([
      '现将南通市总工会《2024年直属工会工作要点》印发给你们，请结合各自实际，认真贯彻落实。',
      '2024 年直属工会工作要点',
      expect.stringMatching(/^2024 年全市直属工会工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导/),
    ]);
  });

  it('keeps only text of the notice, and passes the shared schema', () => {
    expectTextsFromSource(draft, source);
    expect(draftDocument.parse(draft)).toEqual(draft);
  });
});

describe.skipIf(!fs.existsSync(sharedSeeds))('the fixtures', () => {
  it.each(['000', '004'])('are exact copies of seed %s in ../shared/seeds', (name) => {
    const original = fs.readdirSync(sharedSeeds).find((file) => file.startsWith(`${name}_`));
    expect(original).toBeDefined();
    expect(seed(name)).toBe(fs.readFileSync(path.join(sharedSeeds, original as string), 'utf8'));
  });
});
