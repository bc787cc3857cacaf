/** The courses' pass policies as bundled from content/courses: what every call of a course is judged by. */
import courses from 'virtual:calldojo/courses';
import type { CourseStage, PassPolicy } from '../scenarios/ir.ts';

/** The pass policy of `course`. */
export function passPolicy(course: CourseStage): PassPolicy {
  return courses[course];
}
