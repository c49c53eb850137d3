// What a reader must never see in a page, a document or an export meant for reading (issue 10):
// an identifier with an underscore (citizen_by_birth, crim_just_ctz), a backtick, or a machine
// timestamp or ISO date (2026-12-01T09:10:00.000Z, 2019-01-01). Addresses (URLs) are left out:
// they are what they are.
export function machineWords(text: string, options: { dates?: boolean } = {}): string[] {
  const prose = text.replace(/<?https?:\/\/\S+/g, " ");
  const dates = options.dates === false ? /\b\d{4}-\d{2}-\d{2}T[\d:.]+Z?\b/g : /\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/g;
  return [...(prose.match(/\S*[A-Za-z0-9]_[A-Za-z0-9]\S*/g) ?? []), ...(prose.match(/`/g) ?? []), ...(prose.match(dates) ?? [])];
}
