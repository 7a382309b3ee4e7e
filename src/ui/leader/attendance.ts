/** Attendance as leaders type it: "45", "1.000" or "1 000" (thousands grouped, Vietnamese style). null: not a count. */
export function attendanceOf(text: string): number | null {
  const digits = text.replace(/[.,\s]/g, '');
  return /^\d{1,6}$/.test(digits) ? Number(digits) : null;
}
