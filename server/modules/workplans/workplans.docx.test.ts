import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentXml, docxOf, paragraphXml } from '../../../test/fixtures/docx';
import { zipOf } from '../../../test/fixtures/zip';
import { DocxError, docxText, paragraphsOf } from './workplans.docx';
import { parseNotice } from './workplans.parse';
import { normalizeLines } from './workplans.parse.text';

const seed000 = fs.readFileSync(path.join(import.meta.dirname, '../../seed/notices/000.txt'), 'utf8');

describe('docxText', () => {
  it('gives one line per paragraph', () => {
    expect(docxText(docxOf(['通工发〔2018〕34号', '', '一、总体要求 & <说明>']))).toBe(
      '通工发〔2018〕34号\n\n一、总体要求 & <说明>',
    );
  });

  it('reads a few paragraphs of seed 000 into the same draft as the pasted text', () => {
    const lines = normalizeLines(seed000);
    const excerpt = [...lines.slice(0, 3), '三、活动内容', ...lines.slice(13, 19), '南通市总工会', '2018年9月6日'];
    const draft = parseNotice(docxText(docxOf(excerpt)));
    expect(draft).toMatchObject({
      type: 'campaign',
      docNumber: '通工发〔2018〕34号',
      title: '关于开展“工会在身边·美丽南通我先行”主题活动的通知',
      issuer: '南通市总工会',
      issuedDate: '2018-09-06',
      recipients: ['各县（市）区、产业、集团公司工会', '市总各直属基层工会', '市总各直属事业单位', '市总机关各部室'],
      warnings: [],
    });
    expect(draft.sections.map((s) => [s.number, s.title, s.groups.map((g) => g.title)])).toEqual([
      ['三', '活动内容', ['“生态文明风尚我引领”']],
    ]);
    const cooperating = ['市劳动人民文化宫', '市唐闸工人文化宫', '各县（市）区总工会'];
    expect(draft.sections[0]?.tasks.map(({ content: _, ...task }) => task)).toEqual([
      {
        number: '1',
        group: '（一）',
        title: '开展“生态文明知识基层行”活动',
        startMonth: '2018-09',
        endMonth: null,
        leadDepartments: ['宣传教育和网络工作部'],
        cooperatingUnits: cooperating,
        targets: [
          {
            metric: '宣讲',
            unit: '场次',
            value: 10,
            text: '10场次习近平生态文明思想、生态文明法律法规、生态文明知识主题宣讲和基层巡演活动',
          },
        ],
      },
      {
        number: '2',
        group: '（一）',
        title: '开展“生态文明建设英雄谱”宣传',
        startMonth: '2018-09',
        endMonth: null,
        leadDepartments: ['宣传教育和网络工作部'],
        cooperatingUnits: cooperating,
        targets: [{ metric: '先进人物', unit: '名', value: 10, text: '10名先进人物事迹' }],
      },
    ]);
  });

  it('reads the whole of seed 000 from a .docx exactly as from the pasted text', () => {
    expect(parseNotice(docxText(docxOf(normalizeLines(seed000))))).toEqual(parseNotice(seed000));
  });

  it.each([
    ['random bytes', Buffer.from('这不是一个文档'), '文件不是有效的 Word 文档（.docx），请检查后重新上传'],
    ['an empty file', Buffer.alloc(0), '文件不是有效的 Word 文档（.docx），请检查后重新上传'],
    [
      'a spreadsheet',
      zipOf({ 'xl/workbook.xml': '<workbook/>' }),
      '文件不是有效的 Word 文档（.docx），请检查后重新上传',
    ],
    [
      'an old .doc',
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]),
      '这是旧版 Word（.doc）文件或加了密码的文档，请在 Word 中另存为 .docx（不设密码）后再上传',
    ],
  ])('refuses %s with a Chinese message', (_name, buffer, message) => {
    expect(() => docxText(buffer)).toThrow(new DocxError(message));
  });

  it('refuses a damaged or cut-off .docx', () => {
    const xml = documentXml(['一、总体要求', '以习近平新时代中国特色社会主义思想为指导。'].map(paragraphXml).join(''));
    const docx = zipOf({ 'word/document.xml': xml });
    const damaged = Buffer.from(docx);
    const dataStart = 30 + 'word/document.xml'.length;
    for (const at of [dataStart + 20, dataStart + 60]) {
      damaged[at] = (damaged[at] as number) ^ 0x10; // one flipped bit inside the deflated XML
      expect(() => docxText(damaged)).toThrow('文档已损坏');
    }
    expect(() => docxText(docx.subarray(0, docx.length - 30))).toThrow(DocxError);
  });

  it('refuses a document.xml too large to be a notice (a zip bomb stays small on disk)', () => {
    const huge = documentXml(`<w:p><w:r><w:t>${' '.repeat(21 * 1024 * 1024)}</w:t></w:r></w:p>`);
    const docx = zipOf({ 'word/document.xml': huge });
    expect(docx.length).toBeLessThan(100_000);
    expect(() => docxText(docx)).toThrow('文档内容过大');
  });
});

describe('paragraphsOf', () => {
  it('keeps tabs, line breaks and entities, and drops tab stops, deleted text and the VML copy of a text box', () => {
    const xml = documentXml(
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>' +
        '<w:r><w:t>牵头部门</w:t><w:tab/><w:t>组织部</w:t><w:br/><w:t xml:space="preserve">A&amp;B &#x4E00;&#20108;</w:t></w:r>' +
        '<w:del w:id="1"><w:r><w:delText>删掉的字</w:delText></w:r></w:del></w:p>' +
        '<w:p/>' +
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>' +
        '<w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>' +
        '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>' +
        '</mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>',
    );
    expect(paragraphsOf(xml)).toEqual(['牵头部门\t组织部\nA&B 一二', '', '文本框', '正文']);
  });
});
