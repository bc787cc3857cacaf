import { configure, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appDb, useDb } from '../../src/state/db.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import { mentorLock } from '../../src/state/mentor-lock.svelte.ts';
import { createDb, exportProfile, libraryStats, type CallDojoDb } from '../../src/storage/index.ts';
import MyData from '../../src/ui/progress/MyData.svelte';
import { EN_FIRST, TIGHT_MONEY, found, playCall, trainee } from './progress-seed.ts';

configure({ asyncUtilTimeout: 5000 });
let downloads: { file: File; name: string }[] = [];
let pendingUrl: File | null = null;

beforeEach(() => {
  locale.set('zh-CN');
  mentorLock.lock(); // no mentor unlocked in this tab unless a test unlocks one
  downloads = [];
  // jsdom has no object URLs or downloads: capture the file the page hands to the browser instead.
  URL.createObjectURL = vi.fn((blob: Blob) => ((pendingUrl = blob as File), 'blob:calldojo/export'));
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (this.href.startsWith('blob:') && pendingUrl) downloads.push({ file: pendingUrl, name: this.download });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

function freshDb(): CallDojoDb {
  const db = createDb(`t-${Math.random()}`);
  useDb(db);
  return db;
}

/** A trainee with two finished calls (one with a finding and a record) in a fresh database. */
async function seeded() {
  const db = freshDb();
  const p = await trainee(db);
  const ids = [
    await playCall(db, p.id, {
      scenario: TIGHT_MONEY,
      total: 45,
      lines: [
        { text: '你必须今天还', findings: [found('tone-imperative', 'tone', 'major', '你必须今天还', '你必须')] },
      ],
    }),
    await playCall(db, p.id, {
      scenario: EN_FIRST,
      total: 80,
      checks: [{ field: 'resultCode', ok: true, expected: 'ptp', actual: 'ptp' }],
    }),
  ];
  return { db, profile: p, ids };
}

/** Every row of every table, to show an import changed nothing. */
async function dump(db: CallDojoDb) {
  return Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

async function exportFile(profileId: string): Promise<File> {
  const user = userEvent.setup();
  const { unmount } = render(MyData, { profileId });
  await user.click(screen.getByRole('button', { name: '导出我的数据' }));
  await screen.findByText(/已导出 2 次通话/);
  unmount();
  return downloads[0].file;
}

async function importFile(file: File) {
  const user = userEvent.setup();
  await user.upload(screen.getByLabelText('导入数据文件'), file);
}

/** A file from another PC (or unsigned) is held: a mentor sets their PIN in this tab and accepts it. */
async function acceptAsMentor(button: RegExp = /接受这台设备并导入|确认来源并导入未签名文件/) {
  await mentorLock.setPin('李老师', '2468', '2468');
  await userEvent.setup().click(await screen.findByRole('button', { name: button }));
}

describe('my data: export and import', { timeout: 20_000 }, () => {
  it('exports the trainee’s finished calls as a JSON file named after them', async () => {
    const { profile, ids } = await seeded();
    const user = userEvent.setup();
    render(MyData, { profileId: profile.id });
    await user.click(screen.getByRole('button', { name: '导出我的数据' }));
    expect((await screen.findByText(/已导出/)).closest('[role=status]')).toHaveTextContent(
      /已导出 2 次通话，文件 calldojo-T\d+-\d{4}-\d{2}-\d{2}\.json（\d+\.\d KB）/,
    );
    expect(downloads).toHaveLength(1);
    const { file, name } = downloads[0];
    expect(name).toBe(`calldojo-${profile.staffNo}-${new Date().toISOString().slice(0, 10)}.json`);
    expect(file.type).toBe('application/json');
    const bundle = JSON.parse(await file.text());
    expect(bundle).toMatchObject({
      format: 'calldojo-export',
      version: 2,
      profiles: [{ id: profile.id, name: '王小明' }],
    });
    expect(bundle.signature).toMatchObject({ alg: 'ECDSA-P256-SHA256' });
    expect(bundle.attempts.map((a: { id: string }) => a.id)).toEqual(ids);
    expect(bundle.turns).toHaveLength(3);
    expect(bundle.records).toHaveLength(1);
  });

  it('imports that file into a fresh database, then adds nothing the second time', async () => {
    const { profile } = await seeded();
    const file = await exportFile(profile.id);
    const target = freshDb();
    render(MyData, { profileId: null });
    expect(screen.getByRole('button', { name: '导出我的数据' })).toBeDisabled();

    await importFile(file);
    // Signed by a PC this one never accepted: held, and only a mentor can accept it.
    const held = await screen.findByRole('alert');
    expect(held).toHaveTextContent('来自未确认设备的数据包，尚未导入');
    expect(held).toHaveTextContent('王小明');
    expect(held).toHaveTextContent('只有带教老师可以接受新设备');
    expect(await target.attempts.count()).toBe(0);
    await acceptAsMentor();
    const status = await screen.findByText(/导入完成/);
    const result = status.closest('[role=status]') as HTMLElement;
    expect(result).toHaveTextContent('新增：2 次通话、3 句对话、1 条催收记录、1 个档案。');
    expect(result).toHaveTextContent('本机已有而跳过：0 次通话');
    expect(await target.attempts.count()).toBe(2);
    expect((await libraryStats(target, profile.id)).get(TIGHT_MONEY.id)).toMatchObject({ attempts: 1, bestTotal: 45 });

    const before = await dump(target);
    await importFile(file);
    expect(await screen.findByText('文件中的内容本机都已有，没有新增任何记录。')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      '本机已有而跳过：2 次通话、3 句对话、1 条催收记录、1 个档案。',
    );
    expect(await dump(target)).toEqual(before);
  });

  it('refuses a cut-off file with the error and where it is, and changes nothing', async () => {
    const { db, profile } = await seeded();
    const text = await (await exportFile(profile.id)).text();
    const cut = text.slice(0, 200);
    const before = await dump(db);
    render(MyData, { profileId: profile.id });

    await importFile(new File([cut], 'cut.json', { type: 'application/json' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('cut.json 有问题，没有导入任何内容');
    const lines = cut.split('\n');
    const item = within(alert).getByRole('listitem');
    expect(item).toHaveAttribute('data-code', 'invalid_json');
    expect(item).toHaveTextContent('文件不是完整的 JSON');
    expect(item).toHaveTextContent(`cut.json, 第 ${lines.length} 行第 ${lines.at(-1)!.length + 1} 列`);
    expect(screen.getByRole('status')).not.toHaveTextContent('导入完成');
    expect(await dump(db)).toEqual(before);
  });

  it('refuses a file of the wrong shape, naming the field, and changes nothing', async () => {
    const { db, profile } = await seeded();
    // An unsigned version-1 file (as older CallDojo wrote), so the shape check itself answers, not the signature.
    const bundle = JSON.parse(JSON.stringify(await exportProfile(db, profile.id)));
    bundle.attempts[1].scores.total = 'high';
    const target = freshDb();
    render(MyData, { profileId: null });

    await importFile(new File([JSON.stringify(bundle)], 'edited.json', { type: 'application/json' }));
    const item = within(await screen.findByRole('alert')).getByRole('listitem');
    expect(item).toHaveAttribute('data-code', 'invalid_bundle');
    expect(item).toHaveTextContent('文件内容不符合导出格式');
    expect(item).toHaveTextContent('$.attempts[1].scores.total');
    expect(await target.attempts.count()).toBe(0);
    expect(await target.profiles.count()).toBe(0);
    expect(await db.attempts.count()).toBe(2);
  });

  it('refuses a signed file that was edited after export, and changes nothing', async () => {
    const { db, profile } = await seeded();
    const bundle = JSON.parse(await (await exportFile(profile.id)).text());
    bundle.attempts[0].scores.total = 100;
    const target = freshDb();
    render(MyData, { profileId: null });

    await importFile(new File([JSON.stringify(bundle)], 'edited.json', { type: 'application/json' }));
    const item = within(await screen.findByRole('alert')).getByRole('listitem');
    expect(item).toHaveAttribute('data-code', 'bundle_signature_invalid');
    expect(item).toHaveTextContent('文件在导出后被改动过');
    expect(await target.attempts.count()).toBe(0);
    expect(await db.attempts.count()).toBe(2);
  });

  it('keeps this PC’s copy of a call that differs and lists it as a conflict', async () => {
    const { db, profile, ids } = await seeded();
    const bundle = JSON.parse(JSON.stringify(await exportProfile(db, profile.id)));
    bundle.attempts[0].scenarioTitle = '改过的标题';
    render(MyData, { profileId: profile.id });

    await importFile(new File([JSON.stringify(bundle)], 'other-pc.json', { type: 'application/json' }));
    await acceptAsMentor();
    expect(await screen.findByText('1 项与本机的记录不同，已保留本机版本：')).toBeInTheDocument();
    expect(screen.getByText(`通话 ${ids[0]}（连同其对话和记录）`)).toBeInTheDocument();
    expect((await appDb().attempts.get(ids[0]))?.scenarioTitle).toBe(TIGHT_MONEY.title);
  });

  it('shows the result in English', async () => {
    const { profile } = await seeded();
    const file = await exportFile(profile.id);
    freshDb();
    locale.set('en');
    render(MyData, { profileId: null });
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText('Import a data file'), file);
    await acceptAsMentor(/Accept this device and import/);
    expect(await screen.findByText(`Imported ${file.name}.`)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Added: 2 calls, 3 lines, 1 after-call record, 1 profile.');
  });
});
