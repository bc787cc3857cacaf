import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/scoring/types.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import FindingList from '../../src/ui/practice/FindingList.svelte';

/** A finding of the zh call as the engine reports it now (a bilingual clause), and as a call saved before did. */
const finding = (sources: Finding['sources']): Finding => ({
  rule: 'cn-impersonation',
  category: 'impersonation',
  severity: 'critical',
  start: 0,
  end: 4,
  quote: '我是法院',
  message: '冒充司法机关',
  better: '我是华信银行信用卡中心的工作人员。',
  sources,
});
const BILINGUAL = {
  clause: { zh: '《刑法》第 279 条', en: 'Criminal Law, Art. 279' },
  url: 'https://example.test/279',
  status: 'V' as const,
};

beforeEach(() => locale.set('zh-CN'));

describe('finding sources', () => {
  it('cite the clause in the interface language, whatever the call’s language', () => {
    render(FindingList, { findings: [finding([BILINGUAL])], lang: 'zh-CN' });
    expect(screen.getByRole('link', { name: '《刑法》第 279 条' })).toHaveAttribute('href', 'https://example.test/279');
    expect(screen.queryByText(/Criminal Law/)).toBeNull();
  });

  it('cite it in English in the English interface', () => {
    locale.set('en');
    render(FindingList, { findings: [finding([BILINGUAL])], lang: 'zh-CN' });
    expect(screen.getByRole('link', { name: 'Criminal Law, Art. 279' })).not.toHaveAttribute('lang');
    expect(screen.queryByText(/刑法/)).toBeNull();
  });

  it('show a clause saved before sources were bilingual as it was written, marked with the call’s language', () => {
    locale.set('en');
    render(FindingList, { findings: [finding([{ ...BILINGUAL, clause: '刑法 第279条' }])], lang: 'zh-CN' });
    expect(screen.getByRole('link', { name: '刑法 第279条' })).toHaveAttribute('lang', 'zh-CN');
  });
});
