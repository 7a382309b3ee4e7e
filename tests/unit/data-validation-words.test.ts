/** Validation messages a volunteer reads: plain Vietnamese, not zod's programmer wording. */
import { describe, expect, it } from 'vitest';
import { validation, type FieldIssue } from '../../src/data/validation';

describe('validation messages', () => {
  it('a number that is not a number and an emptied date say what to do', async () => {
    const { schema, parseInto } = await validation();
    const issues: FieldIssue[] = [];
    parseInto(schema.TeamEvent, {
      id: '0190a000-0000-7000-8000-000000000001', communeId: '0190a000-0000-7000-8000-000000000002', hamletIds: [], kind: 'digital_day',
      on: '', place: 'Nhà văn hoá', topic: 'VNeID', items: [], attendance: Number.NaN, notes: '', memberId: '0190a000-0000-7000-8000-000000000003',
    }, '', issues);
    const by = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(by.attendance).toBe('Hãy nhập một số (chỉ chữ số)');
    expect(by.on).toBe('Hãy chọn ngày');
    expect(issues.map((i) => i.message).join(' ')).not.toMatch(/ISO|NaN|mong đợi/);
  });

  it('other messages keep zod\'s Vietnamese or the schema\'s own', async () => {
    const { schema, parseInto } = await validation();
    const issues: FieldIssue[] = [];
    parseInto(schema.PersonFields, { householdId: '0190a000-0000-7000-8000-000000000004', firstName: '', birthYear: 1800, hasSmartphone: false, sortName: '' }, '', issues);
    expect(issues.find((i) => i.path === 'birthYear')?.message).toBe('Năm sinh: 4 chữ số từ 1900, ví dụ 1958');
    expect(issues.find((i) => i.path === 'firstName')?.message).toBe('Không được để trống');
  });
});
