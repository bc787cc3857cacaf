// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { cmi5CourseXml, scormManifest, xmlId, type PackageSpec } from '../../src/lms/package-files.ts';

const spec: PackageSpec = {
  id: 'scorm12-2-scenarios',
  title: 'CallDojo 话术道场 · 2 个场景 & <scenarios>',
  scenarios: [
    { id: 'zh-first-contact-tight-money', title: '首次联系：手头紧的张先生', lang: 'zh', passMark: 60 },
    { id: 'en-first-contact', title: 'First contact: "Maria" & co', lang: 'en', passMark: 75 },
  ],
  files: ['index.html', 'assets/index-abc.js', 'lms.json'],
};

const parse = (text: string) => {
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
};

describe('imsmanifest.xml (SCORM 1.2)', () => {
  const doc = parse(scormManifest(spec));
  const ADLCP = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';

  it('declares SCORM 1.2 and one organization with one item per scenario, titles escaped', () => {
    expect(doc.querySelector('metadata > schema')?.textContent).toBe('ADL SCORM');
    expect(doc.querySelector('metadata > schemaversion')?.textContent).toBe('1.2');
    const org = doc.querySelector(`organizations[default="org"] > organization[identifier="org"]`)!;
    expect(org.querySelector(':scope > title')?.textContent).toBe(spec.title);
    const items = [...org.querySelectorAll(':scope > item')];
    expect(items.map((i) => i.querySelector('title')?.textContent)).toEqual([
      '首次联系：手头紧的张先生',
      'First contact: "Maria" & co',
    ]);
    expect(items.map((i) => i.getElementsByTagNameNS(ADLCP, 'masteryscore')[0]?.textContent)).toEqual(['60', '75']);
  });

  it('points each item at a SCO whose launch URL names its scenario, and the SCOs at one asset with every file', () => {
    const resources = [...doc.querySelectorAll('resources > resource')];
    const byId = new Map(resources.map((r) => [r.getAttribute('identifier'), r]));
    for (const item of doc.querySelectorAll('item')) {
      const sco = byId.get(item.getAttribute('identifierref'))!;
      expect(sco.getAttributeNS(ADLCP, 'scormtype')).toBe('sco');
      expect(sco.querySelector('dependency')?.getAttribute('identifierref')).toBe('app');
    }
    expect(byId.get(xmlId('sco', 'en-first-contact'))!.getAttribute('href')).toBe(
      'index.html?scenario=en-first-contact',
    );
    const app = byId.get('app')!;
    expect(app.getAttributeNS(ADLCP, 'scormtype')).toBe('asset');
    expect([...app.querySelectorAll('file')].map((f) => f.getAttribute('href'))).toEqual(spec.files);
  });

  it('makes identifiers valid XML IDs', () => {
    expect(xmlId('sco', 'a b/ç')).toBe('sco-a_b__');
  });
});

describe('cmi5.xml', () => {
  const doc = parse(cmi5CourseXml(spec, 'https://bank.example/xapi/'));

  it('has the course and one AU per scenario with moveOn, masteryScore = pass mark / 100 and the scenario in the url', () => {
    expect(doc.documentElement.namespaceURI).toBe('https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd');
    expect(doc.querySelector('course')?.getAttribute('id')).toBe(
      'https://bank.example/xapi/courses/scorm12-2-scenarios',
    );
    expect(doc.querySelector('course > title > langstring')?.textContent).toBe(spec.title);
    const aus = [...doc.querySelectorAll('courseStructure > au')];
    expect(
      aus.map((a) => [
        a.getAttribute('id'),
        a.getAttribute('moveOn'),
        a.getAttribute('masteryScore'),
        a.querySelector('url')?.textContent,
      ]),
    ).toEqual([
      [
        'https://bank.example/xapi/scenarios/zh-first-contact-tight-money',
        'CompletedAndPassed',
        '0.6',
        'index.html?scenario=zh-first-contact-tight-money',
      ],
      [
        'https://bank.example/xapi/scenarios/en-first-contact',
        'CompletedAndPassed',
        '0.75',
        'index.html?scenario=en-first-contact',
      ],
    ]);
    expect(aus.map((a) => a.querySelector('title > langstring')?.getAttribute('lang'))).toEqual(['zh-CN', 'en-US']);
    // cmi5 requires a description for the course and each AU, before the url.
    for (const au of aus)
      expect([...au.children].map((c) => c.localName)).toEqual(['title', 'description', 'url', 'launchParameters']);
    expect(aus.map((a) => JSON.parse(a.querySelector('launchParameters')!.textContent!))).toEqual([
      { scenario: 'zh-first-contact-tight-money' },
      { scenario: 'en-first-contact' },
    ]);
  });
});
