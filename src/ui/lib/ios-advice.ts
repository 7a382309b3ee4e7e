/**
 * What an iPhone user in Safari (not the Home Screen app) should be told. On iOS the app opened from the Home Screen
 * keeps its own data, not shared with Safari: a volunteer who enrols in Safari and then adds the icon finds an empty,
 * un-enrolled app, and what Safari held is deleted after 7 days unused — with any visit not yet synced. So: install
 * before enrolling; once enrolled in Safari, sync everything first, then install and enrol again with a new code.
 */
export type IosAdvice = 'installFirst' | 'syncThenInstall' | 'install' | null;

export function iosAdvice(o: { ios: boolean; standalone: boolean; enrolled: boolean; unsynced: number }): IosAdvice {
  if (!o.ios || o.standalone) return null;
  if (!o.enrolled) return 'installFirst';
  return o.unsynced > 0 ? 'syncThenInstall' : 'install';
}
