/**
 * The LMS-facing files of a package: `imsmanifest.xml` (SCORM 1.2, IMS Content Packaging 1.1.2 with the ADL
 * extensions) and `cmi5.xml` (cmi5 course structure). Pure text builders, unit-tested; src/cli/package-lms.ts writes
 * them next to the built app.
 */
import { courseActivityId, scenarioActivityId } from '../lrs/xapi.ts';
import { launchUrl } from './assignment.ts';

export interface PackagedScenario {
  id: string;
  title: string;
  lang: 'zh' | 'en';
  /** The course pass policy's pass mark, 0–100 (content/courses/courses.yaml). */
  passMark: number;
}

export interface PackageSpec {
  /** A stable identifier for the package (letters, digits, `-`, `_`, `.`). */
  id: string;
  title: string;
  scenarios: PackagedScenario[];
  /** Every file of the built app, relative to the package root, `/`-separated (the manifest lists them). */
  files: string[];
}

/** Escapes text for XML element content and attribute values. */
export function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An XML ID (IMS CP identifiers are xs:ID): a letter first, then letters, digits, `-`, `_`, `.`. */
export function xmlId(prefix: string, text: string): string {
  return `${prefix}-${text.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

const langTag = (lang: PackagedScenario['lang']) => (lang === 'zh' ? 'zh-CN' : 'en-US');

/**
 * SCORM 1.2 `imsmanifest.xml`: one organization, one item (SCO) per scenario with its mastery score, each SCO's
 * launch URL naming its scenario; the app's files are one shared asset resource every SCO depends on.
 */
export function scormManifest(spec: PackageSpec): string {
  const items = spec.scenarios.map((s) =>
    [
      `      <item identifier="${xmlId('item', s.id)}" identifierref="${xmlId('sco', s.id)}" isvisible="true">`,
      `        <title>${xml(s.title)}</title>`,
      `        <adlcp:masteryscore>${s.passMark}</adlcp:masteryscore>`,
      `      </item>`,
    ].join('\n'),
  );
  const scos = spec.scenarios.map((s) =>
    [
      `    <resource identifier="${xmlId('sco', s.id)}" type="webcontent" adlcp:scormtype="sco" href="${xml(launchUrl(s.id))}">`,
      `      <file href="index.html"/>`,
      `      <dependency identifierref="app"/>`,
      `    </resource>`,
    ].join('\n'),
  );
  const files = spec.files.map((f) => `      <file href="${xml(f)}"/>`);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<manifest identifier="${xmlId('calldojo', spec.id)}" version="1.0"`,
    `  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"`,
    `  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"`,
    `  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`,
    `  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">`,
    `  <metadata>`,
    `    <schema>ADL SCORM</schema>`,
    `    <schemaversion>1.2</schemaversion>`,
    `  </metadata>`,
    `  <organizations default="org">`,
    `    <organization identifier="org">`,
    `      <title>${xml(spec.title)}</title>`,
    ...items,
    `    </organization>`,
    `  </organizations>`,
    `  <resources>`,
    ...scos,
    `    <resource identifier="app" type="webcontent" adlcp:scormtype="asset">`,
    ...files,
    `    </resource>`,
    `  </resources>`,
    `</manifest>`,
    ``,
  ].join('\n');
}

/** cmi5 `moveOn` of every AU: the LMS counts the AU satisfied once the trainee completed it and passed. */
export const CMI5_MOVE_ON = 'CompletedAndPassed';

/**
 * cmi5 `cmi5.xml`: the course and one AU per scenario, each with `moveOn`, `masteryScore` (pass mark / 100) and a
 * launch URL relative to the package's index.html naming its scenario; ids are IRIs under `activityBase`.
 */
export function cmi5CourseXml(spec: PackageSpec, activityBase: string): string {
  const lang = langTag(spec.scenarios[0]?.lang ?? 'zh');
  const aus = spec.scenarios.map((s) =>
    [
      `  <au id="${xml(scenarioActivityId(activityBase, s.id))}" moveOn="${CMI5_MOVE_ON}" masteryScore="${s.passMark / 100}" launchMethod="AnyWindow">`,
      `    <title><langstring lang="${langTag(s.lang)}">${xml(s.title)}</langstring></title>`,
      `    <description><langstring lang="${langTag(s.lang)}">${xml(s.title)}</langstring></description>`,
      `    <url>${xml(launchUrl(s.id))}</url>`,
      // The LMS hands these back in LMS.LaunchData, out of the learner's reach: they, not the URL, name the scenario.
      `    <launchParameters>${xml(JSON.stringify({ scenario: s.id }))}</launchParameters>`,
      `  </au>`,
    ].join('\n'),
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">`,
    `  <course id="${xml(courseActivityId(activityBase, spec.id))}">`,
    `    <title><langstring lang="${lang}">${xml(spec.title)}</langstring></title>`,
    `    <description><langstring lang="${lang}">${xml(spec.title)}</langstring></description>`,
    `  </course>`,
    ...aus,
    `</courseStructure>`,
    ``,
  ].join('\n');
}
