import { describe, expect, it } from 'vitest';
import { safeHtml } from '../../src/ui/safe-html.ts';

describe('safeHtml', () => {
  it('keeps the formatting trainers write', () => {
    expect(safeHtml('<p><strong>先核身</strong>，再说明来意。</p><ul><li>一</li></ul>')).toBe(
      '<p><strong>先核身</strong>，再说明来意。</p><ul><li>一</li></ul>',
    );
  });

  it('removes scripts, event handlers and javascript: links from authored HTML', () => {
    const out = safeHtml('<p>hi<img src="x" onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a></p>');
    expect(out).not.toMatch(/onerror|<script|javascript:/);
    expect(out).toContain('<img src="x">');
  });

  it('drops iframes and inline styles that could overlay the page', () => {
    expect(safeHtml('<iframe src="https://example.com"></iframe><p style="position:fixed">x</p>')).toBe('<p>x</p>');
  });
});
