import { describe, expect, it } from 'vitest';
import { filterScenarios, NO_FILTERS, presentValues } from '../../src/state/library.ts';

const list = [
  { id: 'b', course: 'third_party', archetype: 'spouse', difficulty: 2, lang: 'zh', file: 'content/scripts/060_b.md' },
  {
    id: 'a',
    course: 'first_contact',
    archetype: 'cooperative',
    difficulty: 1,
    lang: 'zh',
    file: 'content/scripts/010_a.md',
  },
  {
    id: 'c',
    course: 'first_contact',
    archetype: 'cooperative',
    difficulty: 1,
    lang: 'en',
    file: 'content/scripts/200_c.md',
  },
];

describe('library filters', () => {
  it('shows everything in course (file-number) order when no filter is set', () => {
    expect(filterScenarios(list, NO_FILTERS).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('combines filters', () => {
    expect(filterScenarios(list, { ...NO_FILTERS, course: 'first_contact', lang: 'en' }).map((s) => s.id)).toEqual([
      'c',
    ]);
    expect(filterScenarios(list, { ...NO_FILTERS, difficulty: '2' }).map((s) => s.id)).toEqual(['b']);
    expect(filterScenarios(list, { ...NO_FILTERS, archetype: 'hostile_evader' })).toEqual([]);
  });

  it('offers only the values that exist', () => {
    expect(presentValues(list, 'course')).toEqual(['first_contact', 'third_party']);
    expect(presentValues(list, 'difficulty')).toEqual(['1', '2']);
  });
});
