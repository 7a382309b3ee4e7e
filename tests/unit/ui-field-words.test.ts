/** The English UI shows the shared schema's Vietnamese field messages in English; the Vietnamese UI as they are. */
import { afterEach, describe, expect, it } from 'vitest';
import { fieldWords } from '../../src/ui/lib/field-words';
import { lang } from '../../src/ui/i18n';
import { HouseholdFields, PersonFields } from '../../src/shared/schema';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

afterEach(() => { lang.value = 'vi'; });

describe('fieldWords', () => {
  it('puts the schema\'s own messages into English (kept in step with src/shared/schema.ts)', () => {
    const person = messages(PersonFields.pick({ firstName: true, birthYear: true }).safeParse({ firstName: '', birthYear: 1800 }));
    const household = messages(HouseholdFields.pick({ label: true, phone: true }).safeParse({ label: 'x'.repeat(81), phone: '12' }));
    expect(person).toEqual(['Không được để trống', 'Năm sinh: 4 chữ số từ 1900, ví dụ 1958']);
    expect(household).toEqual(['Tối đa 80 ký tự', 'Số điện thoại 8–15 chữ số']);
    lang.value = 'en';
    expect([...person, ...household].map(fieldWords)).toEqual(['Required', 'Birth year: 4 digits from 1900, e.g. 1958', 'At most 80 characters', 'Phone number: 8–15 digits']);
    expect(fieldWords('Máy chủ từ chối: mã đã dùng')).toBe('Máy chủ từ chối: mã đã dùng'); // not ours: as it came
  });
  it('leaves Vietnamese as it is in the Vietnamese UI', () => {
    expect(fieldWords('Không được để trống')).toBe('Không được để trống');
  });
});
