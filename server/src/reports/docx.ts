/**
 * The one .docx writer: documents in the layout of GB/T 9704-2012 党政机关公文格式, as Chinese offices
 * file them. A4; top margin 37 mm, left 28 mm, type area 156 × 225 mm (so right ≈ 26 mm, bottom
 * 35 mm); 28 characters × 22 lines (docGrid line pitch and character spacing); title 2号小标宋 (22 pt),
 * body 3号仿宋 (16 pt), 一级标题 黑体, 二级标题 楷体; page numbers 4号 (14 pt) "— 1 —" in the outer corner
 * (odd pages right, even pages left, one character in). Meeting minutes use it; so will the bulletins.
 */
import JSZip from 'jszip';
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  Tab,
  TabStopType,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

const mm = (v: number) => Math.round((v * 1440) / 25.4);

/** The page setup of GB/T 9704-2012, in twips (1/20 pt) unless named otherwise. */
export const GBT9704 = (() => {
  const page = { width: 11906, height: 16838 }; // A4, 210 × 297 mm
  const top = mm(37);
  const left = mm(28);
  const typeWidth = mm(156);
  const typeHeight = mm(225);
  const charsPerLine = 28;
  const linesPerPage = 22;
  const bodyPt = 16;
  const charPitch = typeWidth / charsPerLine; // twips per character
  return {
    page,
    margin: {
      top,
      left,
      right: page.width - left - typeWidth,
      bottom: page.height - top - typeHeight,
      header: mm(15),
      // the page number sits 7 mm below the type area; this is the distance of its baseline from the page edge
      footer: mm(35 - 7 - 5),
    },
    typeWidth,
    charsPerLine,
    linesPerPage,
    charPitch,
    /** Each line on the 22-line grid; floored so that 22 lines fit the type area. */
    linePitch: Math.floor(typeHeight / linesPerPage),
    /** w:charSpace: the difference of the grid's character pitch from the body font, in 1/4096 pt. */
    charSpace: Math.round((charPitch / 20 - bodyPt) * 4096),
    /** Sizes in half-points, as Word stores them. */
    size: { title: 44, body: 32, pageNumber: 28, table: 28, masthead: 64 },
    font: {
      title: '方正小标宋简体',
      body: '仿宋_GB2312',
      heading1: '黑体',
      heading2: '楷体_GB2312',
      pageNumber: '宋体',
      latin: 'Times New Roman',
    },
  };
})();

/** Fonts Word may not have, and what it should use instead (written into the font table). */
const FONT_FALLBACKS: Record<string, string> = {
  方正小标宋简体: '宋体',
  仿宋_GB2312: '仿宋',
  楷体_GB2312: '楷体',
};

export type DocBlock =
  /** 一级标题 一、… in 黑体. */
  | { kind: 'heading1'; text: string }
  /** 二级标题 （一）… in 楷体, followed on the same paragraph by body text. */
  | { kind: 'heading2'; text: string; body?: string }
  /** A body paragraph, indented two characters. */
  | { kind: 'paragraph'; text: string }
  /** "label：value" lines of a header block (时间、地点、主持、参会人员), indented two characters. */
  | { kind: 'field'; label: string; value: string }
  /** A table across the type area; widths in characters (they should sum to 28). */
  | { kind: 'table'; columns: { header: string; chars: number }[]; rows: string[][] };

export interface OfficialDocument {
  /**
   * 版头 of a document a body issues: the issuer's mark 发文机关标志 in red, the number 发文字号 under it
   * and the red separator line, above the title.
   */
  masthead?: { issuer: string; docNumber: string };
  title: string;
  /** A line under the title, e.g. the issue number or date (in 仿宋, centred). */
  subtitle?: string;
  blocks: readonly DocBlock[];
  /** 版记 at the end, between lines: 抄送 (copied to), and the issuing office 印发机关 with the date 印发日期. */
  colophon?: { copyTo?: string; issuedBy: string; issuedOn: string };
}

const run = (text: string, font: string, size: number, bold = false) =>
  new TextRun({
    text,
    bold,
    size,
    font: { ascii: GBT9704.font.latin, hAnsi: GBT9704.font.latin, eastAsia: font, cs: font },
  });

const exactLine = { line: GBT9704.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const bodyRun = (text: string) => run(text, GBT9704.font.body, GBT9704.size.body);
const indented = { firstLineChars: 200, firstLine: Math.round(GBT9704.charPitch * 2) };

function paragraphsOf(block: DocBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading1':
      return [
        new Paragraph({
          spacing: exactLine,
          indent: indented,
          children: [run(block.text, GBT9704.font.heading1, GBT9704.size.body)],
        }),
      ];
    case 'heading2':
      return [
        new Paragraph({
          spacing: exactLine,
          indent: indented,
          alignment: AlignmentType.JUSTIFIED,
          children: [run(block.text, GBT9704.font.heading2, GBT9704.size.body), ...(block.body ? [bodyRun(block.body)] : [])],
        }),
      ];
    case 'paragraph':
      return block.text
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map(
          (line) =>
            new Paragraph({
              spacing: exactLine,
              indent: indented,
              alignment: AlignmentType.JUSTIFIED,
              children: [bodyRun(line.trim())],
            }),
        );
    case 'field':
      return [
        new Paragraph({
          spacing: exactLine,
          indent: indented,
          alignment: AlignmentType.JUSTIFIED,
          children: [run(`${block.label}：`, GBT9704.font.heading1, GBT9704.size.body), bodyRun(block.value)],
        }),
      ];
    case 'table':
      return [tableOf(block)];
  }
}

function tableOf(block: Extract<DocBlock, { kind: 'table' }>): Table {
  const widths = block.columns.map((c) => Math.round(c.chars * GBT9704.charPitch));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      borders,
      verticalAlign: VerticalAlignTable.CENTER,
      children: text.split(/\r?\n/).map(
        (line) =>
          new Paragraph({
            alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: { line: 360, lineRule: LineRuleType.AUTO, before: 40, after: 40 },
            children: [run(line, header ? GBT9704.font.heading1 : GBT9704.font.body, GBT9704.size.table)],
          }),
      ),
    });
  return new Table({
    width: { size: GBT9704.typeWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: block.columns.map((c, i) => cell(c.header, i, true)) }),
      ...block.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, false)) })),
    ],
  });
}

/** "— 1 —" in 4号宋体, one character in from the outer edge. */
const pageNumberFooter = (side: 'right' | 'left') =>
  new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: Math.round(GBT9704.charPitch) } : { left: Math.round(GBT9704.charPitch) },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            size: GBT9704.size.pageNumber,
            font: { ascii: GBT9704.font.pageNumber, hAnsi: GBT9704.font.pageNumber, eastAsia: GBT9704.font.pageNumber },
          }),
        ],
      }),
    ],
  });

const RED = 'FF0000';

/** 发文机关标志 (red 小标宋, centred), 发文字号 (仿宋, centred) and the red line under it. */
function mastheadOf(m: NonNullable<OfficialDocument['masthead']>): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: GBT9704.linePitch * 2, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [
        new TextRun({
          text: m.issuer,
          color: RED,
          // off the 28-character grid: a large character would take three cells and the mark would wrap
          snapToGrid: false,
          size: GBT9704.size.masthead,
          font: { ascii: GBT9704.font.latin, hAnsi: GBT9704.font.latin, eastAsia: GBT9704.font.title },
        }),
      ],
    }),
    new Paragraph({ spacing: exactLine, children: [] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exactLine,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 } },
      children: [bodyRun(m.docNumber)],
    }),
    new Paragraph({ spacing: exactLine, children: [] }),
  ];
}

/** 版记: 抄送 and 印发 lines in 4号仿宋 between full-width rules. */
function colophonOf(c: NonNullable<OfficialDocument['colophon']>): Paragraph[] {
  const rule = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
  // 4号 characters off the 16 pt grid, so the lines read as set, not spread out
  const small = (text: string) =>
    new TextRun({
      text,
      snapToGrid: false,
      size: GBT9704.size.pageNumber,
      font: { ascii: GBT9704.font.latin, hAnsi: GBT9704.font.latin, eastAsia: GBT9704.font.body },
    });
  const lines: Paragraph[] = [new Paragraph({ spacing: exactLine, children: [] })];
  if (c.copyTo)
    lines.push(
      new Paragraph({
        spacing: exactLine,
        indent: { left: Math.round(GBT9704.charPitch), right: Math.round(GBT9704.charPitch) },
        border: { top: rule, bottom: rule },
        children: [small(`抄送：${c.copyTo}。`)],
      }),
    );
  lines.push(
    new Paragraph({
      spacing: exactLine,
      indent: { left: Math.round(GBT9704.charPitch), right: Math.round(GBT9704.charPitch) },
      border: { top: c.copyTo ? undefined : rule, bottom: rule },
      tabStops: [{ type: TabStopType.RIGHT, position: GBT9704.typeWidth - 3 * Math.round(GBT9704.charPitch) }],
      children: [
        small(c.issuedBy),
        new TextRun({
          children: [new Tab(), `${c.issuedOn}印发`],
          snapToGrid: false,
          size: GBT9704.size.pageNumber,
          font: { ascii: GBT9704.font.latin, hAnsi: GBT9704.font.latin, eastAsia: GBT9704.font.body },
        }),
      ],
    }),
  );
  return lines;
}

/** Builds the document; returns the .docx bytes. */
export async function writeOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: Math.round(GBT9704.linePitch * 1.2), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: [run(doc.title, GBT9704.font.title, GBT9704.size.title)],
  });
  const blank = new Paragraph({ spacing: exactLine, children: [] });
  const head: Paragraph[] = [...(doc.masthead ? mastheadOf(doc.masthead) : []), title];
  if (doc.subtitle)
    head.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exactLine, children: [bodyRun(doc.subtitle)] }));
  head.push(blank);
  const document = new Document({
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            size: GBT9704.size.body,
            font: { ascii: GBT9704.font.latin, hAnsi: GBT9704.font.latin, eastAsia: GBT9704.font.body },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: { size: GBT9704.page, margin: GBT9704.margin },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: GBT9704.linePitch, charSpace: GBT9704.charSpace },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children: [...head, ...doc.blocks.flatMap(paragraphsOf), ...(doc.colophon ? colophonOf(doc.colophon) : [])],
      },
    ],
  });
  return withFontFallbacks(await Packer.toBuffer(document));
}

/** Names a substitute for each 公文 font a reader's Word may lack (w:altName in the font table). */
async function withFontFallbacks(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const path = 'word/fontTable.xml';
  const table = await zip.file(path)?.async('string');
  if (!table) return docx;
  const fonts = Object.entries(FONT_FALLBACKS)
    .map(
      ([name, alt]) =>
        `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/></w:font>`,
    )
    .join('');
  // the table is written empty (<w:fonts …/>) or with fonts (…</w:fonts>)
  const filled = table.includes('</w:fonts>')
    ? table.replace('</w:fonts>', `${fonts}</w:fonts>`)
    : table.replace(/<w:fonts([^>]*)\/>/, `<w:fonts$1>${fonts}</w:fonts>`);
  zip.file(path, filled);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
