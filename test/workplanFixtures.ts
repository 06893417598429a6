/** Work-plan documents and reports as the HTTP tests build them. */
import { expect } from 'vitest';
import { chinaDate } from '../server/lib/dates';
import type { DocumentInput } from '../shared/schemas/workplans';
import { type Agent, type City, uid } from './factories';

/** A 1×1 PNG: the smallest photo a report can carry as evidence. */
export const tinyPng = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6e3b60000000049454e44ae426082',
  'hex',
);

export const year = () => chinaDate(new Date()).slice(0, 4);

/** A plan of two tasks: one led by 劳动和经济工作部 with an allotted target, one led by 宣传教育和网络工作部. */
export function planInput(city: City, over: Partial<DocumentInput> = {}): DocumentInput {
  return {
    type: 'work_plan',
    docNumber: `测工发〔${year()}〕${Math.floor(Math.random() * 900) + 100}号`,
    title: `关于开展测试活动的通知${uid()}`,
    issuedDate: `${year()}-01-05`,
    recipients: ['各县（市）区总工会'],
    preamble: '',
    fullText: '',
    attachments: [],
    sections: [
      {
        number: '一',
        title: '重点工作',
        content: '',
        groups: [],
        tasks: [
          {
            number: '1',
            group: null,
            title: '开展班组长培训',
            content: '全年培训班组长。',
            startMonth: `${year()}-01`,
            endMonth: `${year()}-12`,
            leadDepartments: ['劳动和经济工作部'],
            cooperatingUnits: ['各县（市）区总工会'],
            assignment: { mode: 'counties', orgIds: [] },
            targets: [
              {
                metric: '培训班组长',
                unit: '名',
                value: 100,
                dueDate: null,
                metricCode: null,
                milestones: [],
                allotments: [
                  { orgId: city.countyA.id, value: 60 },
                  { orgId: city.countyB.id, value: 40 },
                ],
              },
            ],
          },
          {
            number: '2',
            group: null,
            title: '举办宣讲活动',
            content: '',
            startMonth: `${year()}-01`,
            endMonth: `${year()}-12`,
            leadDepartments: ['宣传教育和网络工作部'],
            cooperatingUnits: [],
            assignment: { mode: 'counties', orgIds: [] },
            targets: [
              {
                metric: '宣讲',
                unit: '场次',
                value: 10,
                dueDate: null,
                metricCode: null,
                milestones: [],
                allotments: [],
              },
            ],
          },
        ],
      },
    ],
    ...over,
  };
}

export async function publishPlan(issuer: Agent, input: DocumentInput) {
  const created = await issuer.post('/api/documents', input);
  expect(created.statusCode, created.body).toBe(201);
  const res = await issuer.post(`/api/documents/${created.json().id}/publish`);
  expect(res.statusCode, res.body).toBe(200);
  const doc = res.json();
  const task = (n: string) => doc.sections[0].tasks.find((t: { number: string }) => t.number === n);
  return { doc, task1: task('1'), task2: task('2') };
}

export function uploadReport(
  agent: Agent,
  fields: Record<string, string | number>,
  files: { name: string; data: Buffer }[] = [],
) {
  return agent.upload('/api/workplans/reports', [
    ...Object.entries(fields).map(([name, value]) => ({ name, value: String(value) })),
    ...files.map((f) => ({ name: 'files', fileName: f.name, data: f.data })),
  ]);
}
