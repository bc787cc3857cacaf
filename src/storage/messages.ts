/** What each storage failure means to a trainee and what to do about it, in both UI languages. */
import type { Bilingual } from '../scoring/types.ts';

export const STORAGE_ERROR_KINDS = [
  'quota_exceeded',
  'unavailable',
  'version_conflict',
  'corrupt',
  'not_found',
  'moved_on',
  'invalid',
  'duplicate',
  'wrong_pin',
  'pin_already_set',
] as const;
export type StorageErrorKind = (typeof STORAGE_ERROR_KINDS)[number];

/** Keyed by `storage.<kind>`; the UI may use its own catalogue under the same keys. */
export const STORAGE_MESSAGES: Record<StorageErrorKind, Bilingual> = {
  quota_exceeded: {
    zh: '存储空间已满：电脑磁盘没有空间了，刚才这一步没有保存（之前的练习记录都还在，输入框里的话也还在）。请清理磁盘空间（清空回收站、删除不用的大文件），或在「我的数据」中导出备份，然后再试一次，无需刷新页面。',
    en: 'Storage full: the disk has no room left, so this last step was not saved (everything saved before is still there, and so is what you typed). Free disk space (empty the recycle bin, delete large files you do not need) or export a backup in My data, then try again; there is no need to reload.',
  },
  unavailable: {
    zh: '无法使用浏览器本地存储（可能是无痕/隐私模式或浏览器禁止了 IndexedDB），练习进度不会被保存。请用普通窗口打开，或允许本网站存储数据。',
    en: 'Browser storage is unavailable (private mode, or IndexedDB is blocked), so progress cannot be saved. Open CallDojo in a normal window or allow this site to store data.',
  },
  version_conflict: {
    zh: '另一个标签页中的 CallDojo 已更新了数据库。请关闭其他 CallDojo 标签页并刷新本页。',
    en: 'CallDojo was updated in another tab. Close the other CallDojo tabs and reload this page.',
  },
  corrupt: {
    zh: '保存的数据已损坏或格式不对，无法读取。请导出能导出的数据并联系带教老师。',
    en: 'Saved data is damaged or in an unexpected format. Export what you can and contact your mentor.',
  },
  not_found: {
    zh: '找不到这条记录（可能已在另一个标签页中结束或删除）。请返回练习列表。',
    en: 'That item no longer exists (it may have been finished or deleted in another tab). Go back to the library.',
  },
  moved_on: {
    zh: '这通电话已在另一个标签页中继续，这一步没有保存（已保存的内容都在）。请在那个标签页里继续。',
    en: 'This call went on in another tab, so this step was not saved (everything saved is kept). Continue in that tab.',
  },
  invalid: {
    zh: '填写的内容不完整或格式不对，请检查后再保存。',
    en: 'Some of what was entered is missing or malformed. Check it and save again.',
  },
  duplicate: {
    zh: '这个工号已经有档案了，请在列表中选择它。',
    en: 'A profile with this staff number already exists. Pick it from the list.',
  },
  wrong_pin: {
    zh: '带教 PIN 不正确，请重新输入。',
    en: 'The mentor PIN is not correct. Try again.',
  },
  pin_already_set: {
    zh: '本机已设置带教 PIN。如需更换，请输入原 PIN 后再设置新的 PIN。',
    en: 'A mentor PIN is already set on this PC. To change it, enter the current PIN first.',
  },
};
