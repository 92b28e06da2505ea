import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regionLines } from '../../../src/sources/page/extract.js';
import { decodeEntities, parseHtml, type HtmlNode } from '../../../src/sources/page/html.js';
import { parseSelector, SelectorError } from '../../../src/sources/page/select.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/page/${name}`, import.meta.url), 'utf8');

/** A compact view of a tree: tags with their children, text as strings. */
function shape(nodes: HtmlNode[]): unknown[] {
  return nodes.map((node) => (node.type === 'text' ? node.text : { [node.tag]: shape(node.children) }));
}

describe('parseHtml', () => {
  it.each([
    ['<ul><li>One<li>Two</ul>', [{ ul: [{ li: ['One'] }, { li: ['Two'] }] }]],
    ['<p>a<p>b<div>c</div>', [{ p: ['a'] }, { p: ['b'] }, { div: ['c'] }]],
    ['<table><tr><td>1<td>2<tr><td>3</table>', [{ table: [{ tr: [{ td: ['1'] }, { td: ['2'] }] }, { tr: [{ td: ['3'] }] }] }]],
    ['<div>a<br>b<img src=x>c</span></div>', [{ div: ['a', { br: [] }, 'b', { img: [] }, 'c'] }]],
    ['<script>if (a < b) document.write("</div>")</script><b>x</b>', [{ script: ['if (a < b) document.write("</div>")'] }, { b: ['x'] }]],
    ['<!-- <p>hidden</p> --><?xml x?><!DOCTYPE html><i>y</i>', [{ i: ['y'] }]],
    ['<div><span>unclosed</div>after', [{ div: [{ span: ['unclosed'] }] }, 'after']],
  ])('%s', (html, expected) => {
    expect(shape(parseHtml(html).children)).toEqual(expected);
  });

  it('reads attributes quoted, unquoted and bare, decoded', () => {
    const [element] = parseHtml(`<a HREF="/x?a=1&amp;b=2" class='c d' data-n=3 hidden>t</a>`).children;
    expect(element?.type === 'element' && element.attrs).toEqual({ href: '/x?a=1&b=2', class: 'c d', 'data-n': '3', hidden: '' });
  });

  it('decodes numeric and named references, leaving unknown ones', () => {
    expect(decodeEntities('A&amp;B &eacute;&#233;&#xE9; &nbsp;&mdash; &bogus; &#0;')).toBe('A&B ééé \u00a0\u2014 &bogus; \ufffd');
  });
});

describe('selectors', () => {
  const page = '<main id="m"><div class="a b"><table data-kind="list x"><tr><td>1</td></tr></table></div><table><tr><td>2</td></tr></table></main><table><tr><td>3</td></tr></table>';
  it.each([
    ['table', ['1', '2', '3']],
    ['main table', ['1', '2']],
    ['main > table', ['2']],
    ['#m .a.b table', ['1']],
    ['.a', ['1']],
    ['[data-kind~=x]', ['1']],
    ['table[data-kind^="list"]', ['1']],
    ['div > table, main > table', ['1', '2']],
    ['*#m > * > table td', ['1']],
    ['section table', []],
  ])('%s', (selector, lines) => {
    expect(regionLines(page, selector).lines).toEqual(lines);
  });

  it.each(['table:first-child', 'h2 + table', 'ul ~ p', '', 'table,', 'main >', '[data-x'])('refuses %j', (selector) => {
    expect(() => parseSelector(selector)).toThrow(SelectorError);
  });
});

describe('regionLines', () => {
  it('reads a table region as one line per row, cells joined, scripts and styles skipped', () => {
    expect(regionLines(fixture('covered-v1.html'), 'main table')).toEqual({
      matched: 1,
      lines: [
        'Covered equipment or services | Date of inclusion',
        'Telecommunications equipment produced by Northwind Networks Co., including its subsidiaries | March 12, 2021',
        'Video surveillance equipment produced by Contoso Vision Ltd. | March 12, 2021',
        'Information security products of Fabrikam Cyber & Co. | March 25, 2022',
      ],
    });
  });

  it('reads block elements as lines and a nested match once', () => {
    expect(regionLines('<main><h1>Title</h1><p>One<br>Two</p><ul><li>Three</li></ul></main>', 'main, main ul').lines).toEqual([
      'Title',
      'One',
      'Two',
      'Three',
    ]);
  });

  it('reports a selector that matches nothing', () => {
    expect(regionLines(fixture('covered-redesigned.html'), 'main table')).toEqual({ matched: 0, lines: [] });
  });
});
