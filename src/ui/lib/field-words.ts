/**
 * The shared schemas (client and server) word their checks in Vietnamese, the language of the volunteers and of the
 * server's answers. In the English UI the messages a form can show are put into English here; anything not listed
 * (a server's reason, a rare zod message) stays as it came.
 */
import { lang } from '../i18n';

const EN: [RegExp, string][] = [
  [/^Không được để trống$/, 'Required'],
  [/^Tối đa (\d+) ký tự$/, 'At most $1 characters'],
  [/^Số điện thoại 8–15 chữ số$/, 'Phone number: 8–15 digits'],
  [/^Năm sinh: 4 chữ số từ 1900, ví dụ 1958$/, 'Birth year: 4 digits from 1900, e.g. 1958'],
  [/^Năm sinh không thể sau năm nay$/, 'The birth year cannot be after this year'],
  [/^Hãy nhập một số \(chỉ chữ số\)$/, 'Enter a number (digits only)'],
  [/^Hãy chọn ngày$/, 'Choose a date'],
  [/^Hãy chọn ngày và giờ$/, 'Choose a date and time'],
  [/^Năm không hợp lệ$/, 'Invalid year'],
];

export function fieldWords(message: string): string {
  if (lang.value !== 'en') return message;
  for (const [pattern, english] of EN) if (pattern.test(message)) return message.replace(pattern, english);
  return message;
}
