import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.ts';
import { COURSE_STAGES } from '../../src/scenarios/ir.ts';
import { loadCourses } from '../../src/scenarios/load-courses.ts';

const BASE = `default:
  blocking: [critical, major]
  pass_mark: 60
  minimums: { compliance: 60 }
  failing_endings: [hung_up, complaint]
`;

describe('loadCourses', () => {
  it("reads the bundled policies: majors block, a hang-up fails, a logged complaint is the service course's goal", () => {
    const file = 'content/courses/courses.yaml';
    const { policies, diagnostics } = loadCourses(file, readFileSync(join(import.meta.dirname, '../..', file), 'utf8'));
    expect(diagnostics).toEqual([]);
    expect(Object.keys(policies!).sort()).toEqual([...COURSE_STAGES].sort());
    expect(policies!.first_contact.blocking).toEqual(['critical', 'major']);
    expect(policies!.first_contact.failing_endings).toContain('hung_up');
    expect(policies!.inbound_service.failing_endings).not.toContain('complaint');
  });

  it("applies a course's own fields over the default", () => {
    const { policies } = loadCourses('c.yaml', `${BASE}courses:\n  drill:\n    pass_mark: 70\n`);
    expect(policies!.drill).toEqual({
      blocking: ['critical', 'major'],
      pass_mark: 70,
      minimums: { compliance: 60 },
      failing_endings: ['hung_up', 'complaint'],
    });
    expect(policies!.first_contact.pass_mark).toBe(60);
  });

  it.each([
    [
      'an unknown severity',
      BASE.replace('major]', 'majr]'),
      'c.yaml:2:24 error unknown_severity',
      'Did you mean `major`?',
    ],
    [
      'an unknown course',
      `${BASE}courses:\n  first_contct:\n    pass_mark: 50\n`,
      'c.yaml:7:3 error unknown_course',
      'Did you mean `first_contact`?',
    ],
    ['a minimum over 100', BASE.replace('compliance: 60', 'compliance: 160'), 'c.yaml:4:27 error out_of_range', ''],
    [
      'an unknown dimension',
      BASE.replace('compliance: 60', 'complience: 60'),
      'c.yaml:4:15 error unknown_key',
      'Did you mean `compliance`?',
    ],
    [
      'an unknown ending',
      BASE.replace('complaint]', 'complain]'),
      'c.yaml:5:30 error unknown_outcome',
      'Did you mean `complaint`?',
    ],
    ['a default without pass_mark', BASE.replace('  pass_mark: 60\n', ''), 'c.yaml:2:3 error missing_field', ''],
  ])('reports %s at its line and column and yields no policies', (_name, text, where, hint) => {
    const { policies, diagnostics } = loadCourses('c.yaml', text);
    expect(policies).toBeNull();
    expect(formatDiagnostic(diagnostics[0])).toContain(where);
    expect(formatDiagnostic(diagnostics[0])).toContain(hint);
  });
});
