/** The courses' pass policies (content/courses/courses.yaml) read in Node, as the build reads them for the app. */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { CoursePolicies, CourseStage, PassPolicy } from '../scenarios/ir.ts';
import { loadCourses } from '../scenarios/load-courses.ts';

const root = join(import.meta.dirname, '../..');
export const COURSES_FILE = join(root, 'content/courses/courses.yaml');

/** The policies with their diagnostics (the file named relative to `base`). */
export function readCoursesForNode(
  path = COURSES_FILE,
  base = process.cwd(),
): { policies: CoursePolicies | null; diagnostics: Diagnostic[] } {
  const file = relative(base, path) || path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {
      policies: null,
      diagnostics: [
        {
          code: 'file_unreadable',
          severity: 'error',
          message: `Cannot read ${file}.`,
          hint: 'Every course needs a pass policy there.',
          file,
          start: 0,
          end: 0,
          line: 0,
          column: 0,
        },
      ],
    };
  }
  return loadCourses(file, text);
}

let cached: CoursePolicies | undefined;
/** The bundled pass policy of `course` (read once per process); throws with the diagnostics when the file is broken. */
export function passPolicyForNode(course: CourseStage): PassPolicy {
  if (!cached) {
    const { policies, diagnostics } = readCoursesForNode();
    if (!policies) throw new Error(`content/courses has errors:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
    cached = policies;
  }
  return cached[course];
}
